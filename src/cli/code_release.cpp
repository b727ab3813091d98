// relctl code-release [auto|major|minor|patch] [--version X.Y.Z] [--pre ID]
//                     [--hotfix FROM_TAG] [--finalize] [--package NAME]
//                     [--no-data] [--no-push] [--branch NAME] [--dotenv FILE]
// Wires the flags to the code-release pipeline (src/pipelines/code_release.cpp);
// docs/code-release.md explains every gate.

#include "app.hpp"
#include "ci.hpp"
#include "preview.hpp"
#include "relctl/core/error.hpp"
#include "relctl/gates/data.hpp"
#include "relctl/gates/version.hpp"
#include "relctl/pipelines/pipelines.hpp"
#include "relctl/release/shape.hpp"
#include "session.hpp"

namespace relctl::cli {

namespace {

struct Args {
  std::string bump = "auto";
  std::string version;
  std::string pre;
  std::string hotfix;
  std::string package;
  bool finalize = false;
  bool no_data = false;
  bool no_push = false;
  bool comment = false;
  CiArgs ci;
};

// The flags' own consistency; the shape checks them against relctl.toml.
void validate_version_flags(const Args& a) {
  if (!a.version.empty() && a.bump != "auto") {
    throw UsageError("give either a bump (" + a.bump + ") or --version, not both",
                     "--version X.Y.Z sets the version exactly");
  }
  if (!a.pre.empty()) gates::check_prerelease_id(a.pre);
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
  cmd->add_option("--package", args->package,
                  "release only this [[packages]] entry (default: every package with changes)")
      ->type_name("NAME");
  cmd->add_flag("--finalize", args->finalize,
                "mode pr: tag the merged release on main and push the tag");
  cmd->add_flag("--no-data", args->no_data, "release code without a data release");
  cmd->add_flag("--no-push", args->no_push, "do everything locally; push nothing");
  cmd->add_flag("--require-changes", g.options.require_changes,
                "nothing to release fails the run (exit 1) instead of ending it (exit 0)");
  cmd->add_flag("--comment", args->comment,
                "with --dry-run: post the preview on the pull request ([forge])");
  add_ci_flags(cmd, args->ci);

  h["code-release"] = [&g, args]() -> int {
    CiReport ci(args->ci);
    Session session(g, "code-release", /*config_required=*/true);
    const config::Config& cfg = *session.config();
    validate_version_flags(*args);
    auto plan = std::make_shared<release::ReleasePlan>();
    plan->shape = release::code_release_shape(
        cfg, {args->finalize, !args->hotfix.empty(), args->no_data, args->no_push});
    validate_finalize_and_hotfix(*args);
    attach_ci_branch(session, args->ci);
    plan->bump = args->bump;
    plan->explicit_version = args->version;
    plan->pre = args->pre;
    plan->hotfix_from = args->hotfix;
    plan->package = args->package;

    auto& ctx = session.context();
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
    PreviewComment preview(session, args->comment);
    auto pipeline = pipelines::code_release(cfg, plan, data);
    const int code = session.execute(pipeline);
    ci.finish(session, *plan);
    preview.post(*plan);
    return code;
  };
}

}  // namespace relctl::cli
