// What a rollback does, decided before its pipeline is built (see
// plan_rollback in deploy.hpp): where it returns to, what it rejects, and the
// hotfix branch it opens.

#include <fmt/format.h>

#include <algorithm>

#include "gates/git/support.hpp"
#include "gates/version/next_version.hpp"
#include "gates/version/pattern.hpp"
#include "relctl/core/error.hpp"
#include "relctl/gates/deploy.hpp"
#include "relctl/gates/pg.hpp"
#include "relctl/pg/connections.hpp"
#include "relctl/pg/deployments.hpp"

namespace relctl::gates {

namespace {

// The migrations the database has applied that `tag`'s tree does not have:
// what a rollback to `tag` leaves in place. Empty when they cannot be read
// (the pipeline's pg.history then says why).
std::vector<std::string> migrations_not_in(const config::Config& cfg, pg::Connection& conn,
                                           const std::string& tag) {
  std::vector<std::string> out;
  try {
    const auto files = read_migrations(cfg.root, tag, cfg.migrations.dir);
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

// hotfix/vX.Y.(Z+1) from the good tag: the first patch after the good release
// that no tag has taken yet (the rejected release is often the next patch).
std::shared_ptr<release::ReleasePlan> hotfix_branch(core::Context& ctx, const std::string& target) {
  const auto version = version::SemVer::parse(
      target.substr(std::min(target.find_first_of("0123456789"), target.size())));
  if (!version) {
    throw UsageError("--hotfix: cannot read a version in " + target,
                     "hotfix branches are for code-vX.Y.Z releases");
  }
  git_support::RepoAccess access;
  git::Repository& repo = access.get(ctx);
  const auto tag = repo.find_tag(target);
  if (!tag) throw GateError("no tag " + target + " here", "git fetch --tags");
  std::vector<version::SemVer> existing;
  const version::TagTemplate tmpl(ctx.config->code_release ? ctx.config->code_release->tag
                                                           : "code-v{version}");
  for (const auto& t : repo.tags(tmpl.glob())) {
    if (auto v = tmpl.version_of(t.name)) existing.push_back(*v);
  }
  auto plan = std::make_shared<release::ReleasePlan>();
  plan->version = version->str();
  plan->new_branch = "hotfix/v" + version::next_free_patch(*version, existing).str();
  plan->new_branch_from = tag->commit;
  return plan;
}

}  // namespace

RollbackPlan plan_rollback(core::Context& ctx, const RollbackRequest& req) {
  const config::Config& cfg = *ctx.config;
  const config::Environment& env = *cfg.find_environment(req.env);
  pg::Connection& conn = ctx.pg->get(env.database);

  // What is there now, and what to go back to.
  const auto current = pg::current_deployment(conn, env.name);
  if (!current) {
    throw UsageError(env.name + " has no recorded release: nothing to roll back",
                     "promote a release first (relctl promote TAG --to " + env.name + ")");
  }
  std::string target = req.to;
  if (target.empty()) {
    const auto good = pg::last_good_deployment(conn, env.name, current->id, current->tag);
    if (!good) {
      throw GateError("no earlier good release of " + env.name +
                          " to roll back to (current: " + current->tag + ")",
                      "pass --to TAG, or fix forward with a new release");
    }
    target = good->tag;
  }
  if (!req.to.empty() && !pg::find_deployment(conn, env.name, target)) {
    throw UsageError(target + " was never live in " + env.name +
                         ": a rollback only returns to a release the environment ran before",
                     "promote it instead: relctl promote " + target + " --to " + env.name);
  }
  if (target == current->tag) {
    throw UsageError(target + " is the current release of " + env.name + ": nothing to roll back",
                     "pass --to an earlier release");
  }

  RollbackPlan plan;
  plan.promotion = std::make_shared<release::Promotion>();
  release::Promotion& p = *plan.promotion;
  p.tag = target;
  p.env = env.name;
  p.kind = release::DeployKind::rollback;
  p.replaced_tag = current->tag;
  p.reason = req.reason.empty() ? "rolled back from " + current->tag : req.reason;
  // --to an explicitly rejected release is the user's deliberate choice.
  p.allow_rejected = !req.to.empty();
  if (req.hotfix) plan.hotfix = hotfix_branch(ctx, target);

  std::string text = fmt::format(
      "rollback of {}: {} (current, deployment #{} of {}, by {}) -> {}\n"
      "  {} will be marked rejected; migrations are never reverted: the schema guard decides "
      "whether {} runs on {}'s schema",
      env.name, current->tag, current->id, current->finished_at, current->actor, target,
      current->tag, target, env.name);
  const auto newer = migrations_not_in(cfg, conn, target);
  if (!newer.empty()) {
    text +=
        fmt::format("\n  {} has {} migration{} that {} does not: {} (they stay applied)", env.name,
                    newer.size(), newer.size() == 1 ? "" : "s", target, fmt::join(newer, ", "));
  }
  ctx.reporter.note(text);
  return plan;
}

}  // namespace relctl::gates
