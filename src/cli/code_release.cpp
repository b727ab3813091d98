// relctl code-release [auto|major|minor|patch] [--version X.Y.Z] [--pre ID]
//                     [--hotfix FROM_TAG] [--finalize] [--no-data] [--no-push]
// Wires the flags to the code-release pipeline (SPEC §4); docs/code-release.md
// explains every gate.

#include "app.hpp"
#include "relctl/core/error.hpp"
#include "relctl/gates/artifacts.hpp"
#include "relctl/gates/changelog.hpp"
#include "relctl/gates/command.hpp"
#include "relctl/gates/data.hpp"
#include "relctl/gates/git.hpp"
#include "relctl/gates/version.hpp"
#include "relctl/git/repository.hpp"
#include "relctl/pg/connections.hpp"
#include "relctl/release/shape.hpp"
#include "session.hpp"

namespace relctl::cli {

namespace {

struct Args {
  std::string bump = "auto";
  std::string version;
  std::string pre;
  std::string hotfix;
  bool finalize = false;
  bool no_data = false;
  bool no_push = false;
};

// The flags' own consistency; the shape checks them against relctl.toml.
void validate_version_flags(const Args& a) {
  if (!a.version.empty() && a.bump != "auto") {
    throw UsageError("give either a bump (" + a.bump + ") or --version, not both",
                     "--version X.Y.Z sets the version exactly");
  }
}

void validate_finalize_and_hotfix(const Args& a) {
  if (a.finalize && (a.bump != "auto" || !a.pre.empty() || !a.hotfix.empty())) {
    throw UsageError("--finalize takes no bump, --pre or --hotfix",
                     "it tags the version merged on the main branch (or --version X.Y.Z)");
  }
  if (!a.hotfix.empty() && (a.bump == "major" || a.bump == "minor")) {
    throw UsageError("--hotfix releases a patch; " + a.bump + " makes no sense with it",
                     "drop the bump, or pass --version");
  }
}

std::vector<const config::CommandGate*> commands_in(const config::Config& cfg,
                                                    config::Phase phase) {
  std::vector<const config::CommandGate*> out;
  for (const auto& c : cfg.commands) {
    const bool joins = c.commands.empty() || std::find(c.commands.begin(), c.commands.end(),
                                                       "code-release") != c.commands.end();
    if (joins && c.phase == phase) out.push_back(&c);
  }
  return out;
}

// The code-release pipeline: one ordered list (SPEC §4).
core::Pipeline pipeline(const config::Config& cfg,
                        const std::shared_ptr<release::ReleasePlan>& plan,
                        const std::shared_ptr<gates::DataRun>& data) {
  const bool finalize = plan->shape.finalize;
  const bool hotfix = plan->shape.hotfix;
  core::Pipeline p;
  auto add = [&p](bool when, std::unique_ptr<core::Gate> gate) {
    if (when) p.push_back(std::move(gate));
  };
  auto add_phase = [&](bool when, config::Phase phase) {
    for (const auto* c : commands_in(cfg, phase)) add(when, gates::make_command_gate(*c));
  };

  // Preflight, read-only, cheapest first: everything after them assumes a
  // full, clean, current clone on a release branch.
  add(true, gates::make_git_repo());
  add(true, gates::make_git_branch(hotfix ? std::vector<std::string>{"hotfix/*"}
                                          : std::vector<std::string>{}));
  add(true, gates::make_git_clean());
  add(true, gates::make_git_up_to_date());
  // The version needs the complete, current history and tags, hence after the
  // preflight; with --finalize it verifies the merged commit instead.
  add(true, gates::make_version_next(plan));
  // Needs the version; refuses a tag made elsewhere before anything is written.
  add(true, gates::make_git_tag_free(plan));
  // Hotfixes: switch to hotfix/vX.Y.Z cut from the tag before the tests, so
  // that the tests and every file change apply to the tree being released.
  add(hotfix, gates::make_git_branch_create(plan));
  // [phase verify]: tests run on exactly what is released, before any change.
  add_phase(!finalize, config::Phase::verify);
  // The release's own file changes; each is undone if anything later fails.
  add(!finalize, gates::make_changelog_write(plan));
  add(!finalize, gates::make_version_files(plan));
  // [phase build]: builds see the bumped version files.
  add_phase(!finalize, config::Phase::build);
  // After the build, which makes the artifacts.
  add(!finalize, gates::make_artifacts_checksums(plan));
  // The data release it carries (unless --no-data): its tag must be free,
  // the snapshot checked, its manifest and report written before the one
  // commit that holds both releases; git.tag then puts both tags on it. With
  // --finalize: the merged snapshot is verified (gates/data/pipeline.cpp).
  if (data) gates::append_data_release_gates(p, data);
  // pr mode: release/vX.Y.Z; one commit with the changelog, version files,
  // checksums (and the data release); code-vX.Y.Z (and data-YYYYMMDD) on it
  // unless it goes to review; one push (gates/git/release_plan.cpp).
  gates::append_release_actions(p, plan);
  return p;
}

}  // namespace

void add_code_release_command(CLI::App& app, Globals& g, Handlers& h) {
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("code-release", "version, changelog, tag and push a code release");
  cmd->add_option("bump", args->bump, "auto (from conventional commits), major, minor or patch")
      ->check(CLI::IsMember({"auto", "major", "minor", "patch"}));
  cmd->add_option("--version", args->version, "release exactly this version")->type_name("X.Y.Z");
  cmd->add_option("--pre", args->pre, "a prerelease: X.Y.Z-ID.N, N counting up")->type_name("ID");
  cmd->add_option("--hotfix", args->hotfix, "release a patch on hotfix/vX.Y.Z cut from this tag")
      ->type_name("FROM_TAG");
  cmd->add_flag("--finalize", args->finalize,
                "mode pr: tag the merged release on main and push the tag");
  cmd->add_flag("--no-data", args->no_data, "release code without a data release");
  cmd->add_flag("--no-push", args->no_push, "do everything locally; push nothing");

  h["code-release"] = [&g, args]() -> int {
    Session session(g, "code-release", /*config_required=*/true);
    const config::Config& cfg = *session.config();
    validate_version_flags(*args);
    auto plan = std::make_shared<release::ReleasePlan>();
    plan->shape = release::code_release_shape(
        cfg, {args->finalize, !args->hotfix.empty(), args->no_data, args->no_push});
    validate_finalize_and_hotfix(*args);
    plan->bump = args->bump;
    plan->explicit_version = args->version;
    plan->pre = args->pre;
    plan->hotfix_from = args->hotfix;

    // One repository for every gate; when there is none, git.repo says so.
    auto repo = git::Repository::try_discover(cfg.root);
    auto& ctx = session.context();
    ctx.repo = repo.get();
    // A joint release: the data release's gates share the code release's plan,
    // so one commit carries both and both tags go on it.
    std::shared_ptr<gates::DataRun> data;
    if (plan->shape.carries_data()) {
      gates::DataRequest request;
      request.date = ctx.vars["date"];
      // [data_release.export]: the joint release exports the snapshot too.
      request.export_ = !args->finalize && cfg.data_release->export_.has_value();
      data = gates::make_data_run(ctx, request, plan);
    }
    pg::Connections connections(cfg, ctx.run_id, ctx.redactor);  // for an export
    ctx.pg = &connections;
    int code = 0;
    {
      auto gates = pipeline(cfg, plan, data);
      code = session.execute(gates);
    }
    data.reset();  // stops and joins the snapshot's background steps
    ctx.pg = nullptr;
    ctx.repo = nullptr;
    return code;
  };
}

}  // namespace relctl::cli
