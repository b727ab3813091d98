// deploy.recheck: the decisions a promotion took from the environment's
// database before it held the environment's lock (the current release,
// rejection, order and soak), taken again under the lock. A promotion that
// waited for another run's lock sees what that run did: when the release
// became current meanwhile, the run ends there, passed, and deploys nothing
// twice; when it was rejected meanwhile, or the order or the soak no longer
// hold, it stops before anything changes.

#include "gates/pg/common.hpp"
#include "gates/registered.hpp"
#include "relctl/core/error.hpp"
#include "relctl/gates/deploy.hpp"
#include "relctl/gates/env.hpp"
#include "relctl/pg/deployments.hpp"

namespace relctl::gates {

namespace {

class DeployRecheck final : public RegisteredGate {
 public:
  explicit DeployRecheck(std::shared_ptr<release::Promotion> p)
      : RegisteredGate("deploy.recheck"), p_(std::move(p)) {}

  core::Outcome run(core::Context& ctx) override {
    std::vector<std::unique_ptr<core::Gate>> decisions;
    // A rollback too: one that waited for an identical rollback finds its
    // release current again and must not reject it.
    decisions.push_back(make_deploy_current(p_));
    decisions.push_back(make_env_order(p_));
    decisions.push_back(make_env_soak(p_));
    for (const auto& gate : decisions) {
      auto outcome = gate->run(ctx);
      if (outcome.ends_run) {
        return core::Outcome::done("under the lock, read again: " + outcome.message,
                                   outcome.details_json);
      }
      if (outcome.status == core::Status::failed) {
        return core::Outcome::fail(gate->id() + ", read again under the lock: " + outcome.message,
                                   outcome.details_json);
      }
    }
    pg::Connection& conn = pg_connection(ctx, pg_target(ctx));
    if (pg::rejected_deployment(conn, p_->env, p_->tag) && !p_->allow_rejected) {
      throw GateError(p_->tag + " was rejected in " + p_->env +
                          " while this run waited for "
                          "the environment's lock",
                      "promote a newer release, or pass --allow-rejected \"why it may go out "
                      "again\"");
    }
    return core::Outcome::pass("under the lock, read again: " + p_->env +
                               " has not changed in a way that stops " + p_->tag);
  }

 private:
  std::shared_ptr<release::Promotion> p_;
};

}  // namespace

std::unique_ptr<core::Gate> make_deploy_recheck(std::shared_ptr<release::Promotion> promotion) {
  return std::make_unique<DeployRecheck>(std::move(promotion));
}

}  // namespace relctl::gates
