// relctl promote <tag> --to ENV [--confirm PHRASE] [--allow-rejected REASON] [--wait [DURATION]]
// relctl rollback --env ENV [--to TAG] [--reason TEXT] [--hotfix] [--confirm PHRASE]
//
// Both run the promotion pipeline of SPEC §4 (src/pipelines/promote.cpp); a
// rollback promotes the environment's last good release again with kind
// `rollback` (planned by gates::plan_rollback), and marks the release it
// replaces rejected. docs/promote.md and docs/rollback.md.

#include <fmt/format.h>

#include "app.hpp"
#include "relctl/config/loader.hpp"
#include "relctl/core/clock.hpp"
#include "relctl/core/error.hpp"
#include "relctl/gates/deploy.hpp"
#include "relctl/pipelines/pipelines.hpp"
#include "session.hpp"

namespace relctl::cli {

namespace {

const config::Environment& environment(const config::Config& cfg, const std::string& name,
                                       const char* flag) {
  const config::Environment* env = cfg.find_environment(name);
  if (!env) {
    std::string known;
    for (const auto& e : cfg.environments) known += (known.empty() ? "" : ", ") + e.name;
    throw UsageError(
        fmt::format("{} {}: no [environments.{}] in {}", flag, name, name, cfg.file.string()),
        known.empty() ? "add [environments." + name + "] to relctl.toml"
                      : "environments: " + known);
  }
  return *env;
}

std::optional<std::string> phrase_of(const CLI::Option* confirm, const std::string& phrase) {
  if (confirm->count() == 0) return std::nullopt;
  return phrase;
}

// --wait DURATION: a duration as relctl.toml writes them, and more than zero.
std::chrono::milliseconds wait_limit(const std::string& text) {
  config::Duration d{};
  try {
    d = config::parse_duration(text);
  } catch (const Error& e) {
    throw UsageError(std::string("--wait ") + e.what(), "give a duration such as 30m or 2h");
  }
  if (d <= config::Duration::zero()) {
    throw UsageError("--wait " + text + ": the limit must be more than zero",
                     "drop the value to wait as long as the soak needs");
  }
  return d;
}

// Runs the promotion pipeline for `p` and, when a real run failed after its
// migrations were applied, records the failed deployment.
int run_promotion(Session& session, const std::shared_ptr<release::Promotion>& p,
                  const std::optional<std::string>& confirm,
                  const std::shared_ptr<release::ReleasePlan>& hotfix = nullptr) {
  core::Context& ctx = session.context();
  ctx.release.env = p->env;
  ctx.vars["env"] = p->env;
  p->started_at = core::utc_iso8601(ctx.clock.now());
  core::Pipeline pipeline = pipelines::promotion(*session.config(), p, confirm, hotfix);
  if (hotfix) session.journal_git_refs();  // its hotfix branch
  const int code = session.execute(pipeline);
  if (code != 0) gates::record_failed_deployment(ctx, *p);
  return code;
}

}  // namespace

void add_promote_command(CLI::App& app, Globals& g, Handlers& h) {
  struct Args {
    std::string tag;
    std::string to;
    std::string confirm;
    std::string allow_rejected;
    std::string wait;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("promote", "promote a release tag to an environment");
  cmd->add_option("tag", args->tag, "the release tag (code-vX.Y.Z)")->required();
  cmd->add_option("--to", args->to, "the environment to promote to")->required();
  auto* confirm = cmd->add_option("--confirm", args->confirm,
                                  "the confirmation phrase of a protected environment");
  auto* allow = cmd->add_option("--allow-rejected", args->allow_rejected,
                                "promote a release a rollback rejected; REASON is recorded")
                    ->type_name("REASON");
  auto* wait_flag =
      cmd->add_option("--wait", args->wait,
                      "wait out the soak (env.soak) instead of failing, at most DURATION "
                      "(default: as long as it needs); Ctrl-C stops")
          ->expected(0, 1)
          ->type_name("[DURATION]");

  h["promote"] = [&g, args, confirm, allow, wait_flag] {
    if (allow->count() > 0 && args->allow_rejected.empty()) {
      throw UsageError("--allow-rejected needs a reason: --allow-rejected \"why\"",
                       "say why the rejected release may go out again; it is recorded");
    }
    Session session(g, "promote", /*config_required=*/true);
    auto p = std::make_shared<release::Promotion>();
    p->tag = args->tag;
    p->env = environment(*session.config(), args->to, "--to").name;
    p->allow_rejected = allow->count() > 0;
    p->reason = args->allow_rejected;
    p->wait = wait_flag->count() > 0;
    if (p->wait && !args->wait.empty()) p->wait_limit = wait_limit(args->wait);
    return run_promotion(session, p, phrase_of(confirm, args->confirm));
  };
}

void add_rollback_command(CLI::App& app, Globals& g, Handlers& h) {
  struct Args {
    std::string env;
    std::string to;
    std::string reason;
    bool hotfix = false;
    std::string confirm;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("rollback", "put an environment back on its last good release");
  cmd->add_option("--env", args->env, "the environment to roll back")->required();
  cmd->add_option("--to", args->to, "this release instead of the last good one");
  cmd->add_option("--reason", args->reason, "why (recorded with the rejected release)");
  cmd->add_flag("--hotfix", args->hotfix,
                "also create hotfix/vX.Y.(Z+1) from the good release's tag");
  auto* confirm = cmd->add_option("--confirm", args->confirm,
                                  "the confirmation phrase of a protected environment");

  h["rollback"] = [&g, args, confirm] {
    Session session(g, "rollback", /*config_required=*/true);
    const config::Environment& env = environment(*session.config(), args->env, "--env");
    // The plan reads the environment's deployments and, for --hotfix, the tags.
    session.connections();
    session.repository();
    const auto plan =
        gates::plan_rollback(session.context(), {env.name, args->to, args->reason, args->hotfix});
    return run_promotion(session, plan.promotion, phrase_of(confirm, args->confirm), plan.hotfix);
  };
}

}  // namespace relctl::cli
