#pragma once
// The deployment gates of `relctl promote` and `relctl rollback` (SPEC §3):
// deploy.current first (promoting what already runs is a no-op) and
// deploy.record last; and the decisions a rollback takes before its
// pipeline is built. Factories and plans only; the code lives in
// src/gates/deploy/.

#include <memory>
#include <string>

#include "relctl/core/context.hpp"
#include "relctl/core/gate.hpp"
#include "relctl/release/plan.hpp"
#include "relctl/release/promotion.hpp"

namespace relctl::gates {

/// deploy.current: when the environment's current release is already this
/// one, the gate passes and ends the run (nothing to do); otherwise it says
/// what the release replaces.
std::unique_ptr<core::Gate> make_deploy_current(std::shared_ptr<release::Promotion> promotion);

/// deploy.recheck: right after the environment's lock is taken, the
/// decisions of deploy.current, release.verify (rejected), env.order and
/// env.soak read again from the database; a release that became current
/// meanwhile ends the run, passed.
std::unique_ptr<core::Gate> make_deploy_recheck(std::shared_ptr<release::Promotion> promotion);

/// deploy.record: the deployment row in the environment's database (and, for
/// a rollback, the replaced release marked rejected, in the same transaction).
std::unique_ptr<core::Gate> make_deploy_record(std::shared_ptr<release::Promotion> promotion);

/// What `relctl rollback` was asked.
struct RollbackRequest {
  std::string env;      // --env
  std::string to;       // --to TAG; "" = the environment's last good release
  std::string reason;   // --reason; "" = "rolled back from <current>"
  bool hotfix = false;  // --hotfix
};

/// A rollback, decided before its pipeline is built.
struct RollbackPlan {
  std::shared_ptr<release::Promotion> promotion;  // the good release, kind rollback
  std::shared_ptr<release::ReleasePlan> hotfix;   // --hotfix: its branch; null otherwise
};

/// Plans a rollback of `request.env` (through ctx.pg and, for --hotfix,
/// ctx.repo): the release it runs now (there must be one), the release to
/// return to (`--to`, which the environment must have run, or its last good
/// release before the current one), the reason the replaced release is
/// rejected with, and with --hotfix the first free hotfix/vX.Y.(Z+1) from
/// the good tag. Tells the user what it will do (ctx.reporter), including
/// the migrations the database keeps that the good release lacks. Throws
/// UsageError or GateError saying why there is nothing to roll back to.
RollbackPlan plan_rollback(core::Context& ctx, const RollbackRequest& request);

/// After a real promotion or rollback that failed once its migrations were
/// applied: records the failed deployment in the environment's database, so
/// that the audit shows the database changed. Never throws: a warning on
/// stderr when it cannot.
void record_failed_deployment(core::Context& ctx, const release::Promotion& promotion);

}  // namespace relctl::gates
