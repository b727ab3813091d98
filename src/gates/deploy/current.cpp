// deploy.current: promoting the release an environment already runs changes
// nothing. When the environment's current release is this one, the gate
// passes and ends the run there: nothing else runs, and the run is reported
// and recorded like any other.

#include <fmt/format.h>

#include "gates/pg/common.hpp"
#include "gates/registered.hpp"
#include "relctl/gates/deploy.hpp"
#include "relctl/pg/deployments.hpp"

namespace relctl::gates {

namespace {

class DeployCurrent final : public RegisteredGate {
 public:
  explicit DeployCurrent(std::shared_ptr<release::Promotion> p)
      : RegisteredGate("deploy.current"), p_(std::move(p)) {}

  core::Outcome run(core::Context& ctx) override {
    pg::Connection& conn = pg_connection(ctx, pg_target(ctx));
    const auto current = pg::current_deployment(conn, p_->env);
    if (!current) return core::Outcome::pass(p_->env + " has no release yet");
    const std::string details =
        to_details({{"current", current->tag}, {"deployment_id", current->id}});
    if (current->tag == p_->tag && !current->rejected) {
      return core::Outcome::done(
          fmt::format("{} is already the current release of {} (deployment #{}, {}, by {}): "
                      "nothing to do",
                      p_->tag, p_->env, current->id, current->finished_at, current->actor),
          details);
    }
    return core::Outcome::pass(fmt::format("{} runs {} (since {}); {} replaces it", p_->env,
                                           current->tag, current->finished_at, p_->tag),
                               details);
  }

 private:
  std::shared_ptr<release::Promotion> p_;
};

}  // namespace

std::unique_ptr<core::Gate> make_deploy_current(std::shared_ptr<release::Promotion> promotion) {
  return std::make_unique<DeployCurrent>(std::move(promotion));
}

}  // namespace relctl::gates
