// forge.deployment: after deploy.record, the forge's deployment of the
// release to the environment with a success status, so that the forge's
// environments page shows what runs where ([forge] deployments = true).
// Soft: the release is deployed and recorded already; a forge that cannot
// be told warns instead of failing (and undoing) a deployment that happened.

#include <nlohmann/json.hpp>

#include "gates/forge/support.hpp"
#include "gates/registered.hpp"
#include "relctl/config/config.hpp"
#include "relctl/core/identity.hpp"
#include "relctl/gates/forge.hpp"

namespace relctl::gates {

namespace {

class ForgeDeployment final : public RegisteredGate {
 public:
  explicit ForgeDeployment(std::shared_ptr<release::Promotion> promotion)
      : RegisteredGate("forge.deployment"), promotion_(std::move(promotion)) {}

  bool reversible() const override { return false; }

  std::string plan(core::Context& ctx) override {
    forge::Forge& f = access_.get(ctx);
    return "would record the " + f.name() + " deployment of " + promotion_->tag + " to " +
           promotion_->env + ":" + forge_support::describe(f.deployment_requests(deployment(ctx)));
  }

  core::Outcome run(core::Context& ctx) override {
    forge::Forge& f = access_.get(ctx);
    const forge::NewDeployment d = deployment(ctx);
    const std::string url = f.record_deployment(d);
    return core::Outcome::pass(
        "recorded the " + f.name() + " deployment of " + d.tag + " to " + d.environment +
            (url.empty() ? "" : ": " + url),
        nlohmann::json{{"forge", f.name()}, {"environment", d.environment}, {"url", url}}.dump());
  }

 private:
  forge::NewDeployment deployment(core::Context& ctx) const {
    const release::Promotion& p = *promotion_;
    forge::NewDeployment d;
    d.tag = p.tag;
    d.commit = p.commit.empty() ? ctx.release.commit : p.commit;
    d.environment = p.env;
    d.description = p.rollback() ? "relctl rollback to " + p.tag : "relctl promote " + p.tag;
    const config::Environment* env = ctx.config ? ctx.config->find_environment(p.env) : nullptr;
    d.production = env && env->is_protected;
    d.log_url = core::ci_job_url();
    return d;
  }

  std::shared_ptr<release::Promotion> promotion_;
  forge_support::ForgeAccess access_;
};

}  // namespace

std::unique_ptr<core::Gate> make_forge_deployment(std::shared_ptr<release::Promotion> promotion) {
  return std::make_unique<ForgeDeployment>(std::move(promotion));
}

}  // namespace relctl::gates
