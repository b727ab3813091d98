// version.next: the version this release gets. It runs after the preflight
// checks (the history must be complete and current) and before anything is
// written, so a version that exists or goes backwards stops the run early.

#include <nlohmann/json.hpp>

#include "gates/git/support.hpp"
#include "gates/registered.hpp"
#include "gates/version/planner.hpp"
#include "relctl/gates/version.hpp"

namespace relctl::gates {

namespace {

class VersionNext final : public RegisteredGate {
 public:
  explicit VersionNext(std::shared_ptr<release::ReleasePlan> plan)
      : RegisteredGate("version.next"), plan_(std::move(plan)) {}

  core::Outcome run(core::Context& ctx) override {
    git::Repository& repo = access_.get(ctx);
    const std::string summary = version::plan_code_release(ctx, repo, *plan_);
    nlohmann::json details = {{"version", plan_->version},
                              {"previous_tag", plan_->previous_tag},
                              {"branch", plan_->branch}};
    nlohmann::json tags = nlohmann::json::array();
    for (const auto& t : plan_->tags) tags.push_back(t.name);
    details["tags"] = tags;
    return core::Outcome::pass(summary, details.dump());
  }

 private:
  std::shared_ptr<release::ReleasePlan> plan_;
  git_support::RepoAccess access_;
};

}  // namespace

std::unique_ptr<core::Gate> make_version_next(std::shared_ptr<release::ReleasePlan> plan) {
  if (!plan) plan = std::make_shared<release::ReleasePlan>();
  return std::make_unique<VersionNext>(std::move(plan));
}

}  // namespace relctl::gates
