// The promotion pipeline (SPEC §4), for promote and rollback alike;
// docs/promote.md and docs/rollback.md explain every gate.

#include "relctl/gates/command.hpp"
#include "relctl/gates/deploy.hpp"
#include "relctl/gates/env.hpp"
#include "relctl/gates/forge.hpp"
#include "relctl/gates/git.hpp"
#include "relctl/gates/release.hpp"
#include "relctl/pipelines/pipelines.hpp"

namespace relctl::pipelines {

core::Pipeline promotion(const config::Config& cfg,
                         const std::shared_ptr<release::Promotion>& promotion,
                         const std::optional<std::string>& confirm,
                         const std::shared_ptr<release::ReleasePlan>& hotfix) {
  const std::string command(release::to_string(promotion->kind));
  // Migrations, version file and smoke SQL come from the release's tag,
  // never from the work tree.
  const gates::ReleaseTree tree{promotion->tag, promotion->rollback()};
  core::Pipeline p;
  auto add_phase = [&](config::Phase phase) {
    for (const auto* c : commands_for(cfg, command, phase)) {
      p.push_back(gates::make_command_gate(*c));
    }
  };
  // Promoting what already runs there changes nothing: the run ends here,
  // passed, and says so (a rollback never returns to the current release).
  if (!promotion->rollback()) p.push_back(gates::make_deploy_current(promotion));
  // The release is what it says (annotated tag, checksums, not rejected)
  // before anything else looks at it.
  p.push_back(gates::make_release_verify(promotion));
  // rollback --hotfix: hotfix/vX.Y.(Z+1) from the good tag, before anything
  // is deployed: an existing branch stops the rollback, and undo removes it.
  if (hotfix) p.push_back(gates::make_git_branch_create(hotfix));
  // It went through the environment before this one, and stayed there long
  // enough (a rollback skips both, with a recorded reason).
  p.push_back(gates::make_env_order(promotion));
  p.push_back(gates::make_env_soak(promotion));
  // A protected environment asks for its phrase before relctl touches it.
  p.push_back(gates::make_env_confirm(confirm));
  // Reach the database; make sure it is the one this environment expects.
  p.push_back(gates::make_pg_connect());
  p.push_back(gates::make_pg_env_guard());
  // One promotion per environment at a time.
  p.push_back(gates::make_pg_lock());
  // Under the lock, the decisions above read again: a run that waited for
  // another's lock never deploys what that run just deployed.
  p.push_back(gates::make_deploy_recheck(promotion));
  // Under the lock: the applied history matches the release's files.
  p.push_back(gates::make_pg_history(tree));
  // [phase freeze]: e.g. scale workers to 0.
  add_phase(config::Phase::freeze);
  // A full rehearsal of every migration on a scratch database, if enabled.
  if (cfg.migrations.shadow) p.push_back(gates::make_pg_shadow(tree));
  // Apply what is pending, then verify the result.
  p.push_back(gates::make_pg_migrate(tree));
  p.push_back(gates::make_pg_schema_guard(tree));
  p.push_back(gates::make_pg_functions(tree));
  p.push_back(gates::make_pg_smoke(tree));
  p.push_back(gates::make_pg_checks(tree));
  // [phase deploy] then [phase smoke]: the team's own deploy and smoke tests.
  add_phase(config::Phase::deploy);
  add_phase(config::Phase::smoke);
  // Last: the audit row (and, for a rollback, the replaced release rejected).
  p.push_back(gates::make_deploy_record(promotion));
  // With [forge] deployments: the forge's environments page shows it too
  // (soft: the deployment stands whatever the forge says).
  if (cfg.forge && cfg.forge->deployments) p.push_back(gates::make_forge_deployment(promotion));
  return p;
}

}  // namespace relctl::pipelines
