// relctl promote <tag> --to ENV [--confirm PHRASE] [--allow-rejected --reason TEXT]
// relctl rollback --env ENV [--to TAG] [--reason TEXT] [--hotfix] [--confirm PHRASE]
//
// Both run the promotion pipeline of SPEC §4 (one list, below); a rollback
// promotes the environment's last good release again with kind `rollback`,
// env.order and env.soak skipped with a recorded reason, and marks the
// release it replaces rejected. docs/promote.md and docs/rollback.md.

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "app.hpp"
#include "gates/version/next_version.hpp"
#include "gates/version/pattern.hpp"
#include "gates/version/semver.hpp"
#include "relctl/core/clock.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/identity.hpp"
#include "relctl/gates/command.hpp"
#include "relctl/gates/deploy.hpp"
#include "relctl/gates/env.hpp"
#include "relctl/gates/git.hpp"
#include "relctl/gates/pg.hpp"
#include "relctl/gates/release.hpp"
#include "relctl/git/repository.hpp"
#include "relctl/pg/connection.hpp"
#include "relctl/pg/connections.hpp"
#include "relctl/pg/deployments.hpp"
#include "relctl/pg/migrations.hpp"
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

// After a failed promotion whose migrations were applied (a later gate
// failed), the database changed: the audit says so with a failed row.
void record_failure(core::Context& ctx, pg::Connection& conn, const release::Promotion& p) {
  try {
    if (!pg::history_exists(conn)) return;
    const auto applied = conn.query_value(
        "SELECT count(*)::text FROM relctl.schema_history WHERE run_id = $1 AND success",
        {ctx.run_id});
    if (applied.value_or("0") == "0") return;
    pg::ensure_deployments(conn);
    pg::Deployment d;
    d.env = p.env;
    d.tag = p.tag;
    d.commit = p.commit;
    d.version = p.version;
    d.kind = release::to_string(p.kind);
    d.status = release::to_string(release::DeployStatus::failed);
    d.actor = core::current_user();
    d.host = core::host_name();
    d.run_id = ctx.run_id;
    d.started_at = p.started_at;
    std::string warnings;
    for (const auto& w : ctx.warnings) warnings += (warnings.empty() ? "" : "\n") + w;
    d.warnings = warnings;
    pg::insert_deployment(conn, d);
    std::fprintf(stderr,
                 "relctl: %s's migrations were applied before the failure: recorded a failed "
                 "deployment in %s's database\n",
                 p.tag.c_str(), p.env.c_str());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "relctl: warning: could not record the failed deployment: %s\n",
                 ctx.redactor.mask(e.what()).c_str());
  }
}

// The migrations the database has applied that `tag`'s tree does not have:
// what a rollback to `tag` leaves in place. Empty when they cannot be read
// (the pipeline's pg.history then says why).
std::vector<std::string> migrations_not_in(const config::Config& cfg, pg::Connection& conn,
                                           const std::string& tag) {
  std::vector<std::string> out;
  try {
    const auto files = gates::read_migrations(cfg.root, tag, cfg.migrations.dir);
    for (const auto& applied : pg::load_history(conn)) {
      const bool in_tree = std::any_of(files.begin(), files.end(),
                                       [&](const auto& f) { return f.script == applied.script; });
      if (!in_tree) out.push_back(applied.script);
    }
  } catch (const Error&) {
    return {};
  }
  return out;
}

// Runs a promotion: the already-current no-op, the pipeline, the failure
// record, the lock released.
int run_promotion(Session& session, Globals& g, pg::Connections& connections,
                  const std::shared_ptr<release::Promotion>& p,
                  const std::optional<std::string>& confirm,
                  const std::shared_ptr<release::ReleasePlan>& hotfix = nullptr) {
  const config::Config& cfg = *session.config();
  core::Context& ctx = session.context();
  const config::Environment& env = environment(cfg, p->env, "--to");
  ctx.release.env = p->env;
  ctx.vars["env"] = p->env;
  p->started_at = core::utc_iso8601(ctx.clock.now());

  // Promoting what is already there changes nothing and says so.
  if (!p->rollback()) {
    const auto current = pg::current_deployment(connections.get(env.database), p->env);
    if (current && current->tag == p->tag && !current->rejected) {
      const std::string message = fmt::format(
          "{} is already the current release of {} (deployment #{}, {}, by {}): "
          "nothing to do",
          p->tag, p->env, current->id, current->finished_at, current->actor);
      if (g.options.json) {
        fmt::print("{}\n", nlohmann::json{{"command", "promote"},
                                          {"status", "passed"},
                                          {"exit_code", 0},
                                          {"dry_run", g.options.dry_run},
                                          {"message", message},
                                          {"gates", nlohmann::json::array()}}
                               .dump());
      } else if (!g.options.quiet) {
        fmt::print("{}\n", message);
      }
      return 0;
    }
  }

  core::Pipeline pipeline = pipelines::promotion(cfg, p, confirm, hotfix);
  const int code = session.execute(pipeline);
  if (code != 0 && !g.options.dry_run) {
    try {
      record_failure(ctx, connections.get(env.database), *p);
    } catch (const std::exception&) {
      // unreachable database: the ledger has the failed run
    }
  }
  return code;
}

}  // namespace

void add_promote_command(CLI::App& app, Globals& g, Handlers& h) {
  struct Args {
    std::string tag;
    std::string to;
    std::string confirm;
    std::string allow_rejected;
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

  h["promote"] = [&g, args, confirm, allow] {
    if (allow->count() > 0 && args->allow_rejected.empty()) {
      throw UsageError("--allow-rejected needs a reason: --allow-rejected \"why\"",
                       "say why the rejected release may go out again; it is recorded");
    }
    Session session(g, "promote", /*config_required=*/true);
    auto p = std::make_shared<release::Promotion>();
    p->tag = args->tag;
    p->env = args->to;
    p->allow_rejected = allow->count() > 0;
    p->reason = args->allow_rejected;
    std::optional<std::string> phrase;
    if (confirm->count() > 0) phrase = args->confirm;
    return run_promotion(session, g, session.connections(), p, phrase);
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
    const config::Config& cfg = *session.config();
    core::Context& ctx = session.context();
    const config::Environment& env = environment(cfg, args->env, "--env");

    // What is there now, and what to go back to.
    pg::Connections& connections = session.connections();
    pg::Connection& conn = connections.get(env.database);
    const auto current = pg::current_deployment(conn, env.name);
    if (!current) {
      throw UsageError(env.name + " has no recorded release: nothing to roll back",
                       "promote a release first (relctl promote TAG --to " + env.name + ")");
    }
    std::string target = args->to;
    if (target.empty()) {
      const auto good = pg::last_good_deployment(conn, env.name, current->id, current->tag);
      if (!good) {
        throw GateError("no earlier good release of " + env.name +
                            " to roll back to (current: " + current->tag + ")",
                        "pass --to TAG, or fix forward with a new release");
      }
      target = good->tag;
    }
    if (!args->to.empty() && !pg::find_deployment(conn, env.name, target)) {
      throw UsageError(target + " was never live in " + env.name +
                           ": a rollback only returns to "
                           "a release the environment ran before",
                       "promote it instead: relctl promote " + target + " --to " + env.name);
    }
    if (target == current->tag) {
      throw UsageError(target + " is the current release of " + env.name + ": nothing to roll back",
                       "pass --to an earlier release");
    }

    auto p = std::make_shared<release::Promotion>();
    p->tag = target;
    p->env = env.name;
    p->kind = release::DeployKind::rollback;
    p->replaced_tag = current->tag;
    p->reason = args->reason.empty() ? "rolled back from " + current->tag : args->reason;
    // --to an explicitly rejected release is the user's deliberate choice.
    p->allow_rejected = !args->to.empty();
    if (!g.options.quiet && !g.options.json) {
      fmt::print(
          "rollback of {}: {} (current, deployment #{} of {}, by {}) -> {}\n"
          "  {} will be marked rejected; migrations are never reverted: the schema guard decides "
          "whether {} runs on {}'s schema\n",
          env.name, current->tag, current->id, current->finished_at, current->actor, target,
          current->tag, target, env.name);
      const auto newer = migrations_not_in(cfg, conn, target);
      if (!newer.empty()) {
        std::string names;
        for (const auto& n : newer) names += (names.empty() ? "" : ", ") + n;
        fmt::print("  {} has {} migration{} that {} does not: {} (they stay applied)\n", env.name,
                   newer.size(), newer.size() == 1 ? "" : "s", target, names);
      }
    }
    // env.order and env.soak concern new releases; a rollback returns to one
    // that was live here before.
    const std::string why = "rollback: " + target + " was live in " + env.name + " before";
    ctx.options.skips.push_back({"env.order", why, "rollback"});
    ctx.options.skips.push_back({"env.soak", why, "rollback"});

    std::optional<std::string> phrase;
    if (confirm->count() > 0) phrase = args->confirm;
    std::shared_ptr<release::ReleasePlan> hotfix;
    if (args->hotfix) {
      // --hotfix: hotfix/vX.Y.(Z+1) from the good tag, checked out for the fix.
      const auto version = gates::version::SemVer::parse(
          target.substr(std::min(target.find_first_of("0123456789"), target.size())));
      if (!version) {
        throw UsageError("--hotfix: cannot read a version in " + target,
                         "hotfix branches are for code-vX.Y.Z releases");
      }
      auto repo = git::Repository::discover(cfg.root);
      const auto tag = repo->find_tag(target);
      if (!tag) throw GateError("no tag " + target + " here", "git fetch --tags");
      // The first patch after the good release that no tag has taken yet
      // (the rejected release is often the next patch).
      std::vector<gates::version::SemVer> existing;
      const gates::version::TagTemplate tmpl(cfg.code_release ? cfg.code_release->tag
                                                              : "code-v{version}");
      for (const auto& t : repo->tags(tmpl.glob())) {
        if (auto v = tmpl.version_of(t.name)) existing.push_back(*v);
      }
      hotfix = std::make_shared<release::ReleasePlan>();
      hotfix->version = version->str();
      hotfix->new_branch = "hotfix/v" + gates::version::next_free_patch(*version, existing).str();
      hotfix->new_branch_from = tag->commit;
    }
    return run_promotion(session, g, connections, p, phrase, hotfix);
  };
}

}  // namespace relctl::cli
