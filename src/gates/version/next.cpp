// version.next: the version this release gets. It runs after the preflight
// checks (the history must be complete and current) and before anything is
// written, so a version that exists or goes backwards stops the run early.
// What is worth a look but no reason to stop (a higher release on another
// line, a breaking change written in a non-standard way, tags that follow
// another template) makes it warn.

#include <nlohmann/json.hpp>

#include "gates/details.hpp"
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
    const auto planned = version::plan_code_release(ctx, repo, *plan_);
    nlohmann::json packages = nlohmann::json::array();
    for (const auto& p : plan_->packages) {
      packages.push_back({{"name", p.name},
                          {"version", p.version},
                          {"tag", p.tag},
                          {"previous_tag", p.previous_tag},
                          {"changelog", p.changelog}});
    }
    nlohmann::json details = {{"version", plan_->version},
                              {"branch", plan_->branch},
                              {"packages", packages},
                              {"warnings", planned.warnings}};
    if (plan_->packages.size() == 1) details["previous_tag"] = plan_->packages[0].previous_tag;
    nlohmann::json tags = nlohmann::json::array();
    for (const auto& t : plan_->tags) tags.push_back(t.name);
    details["tags"] = tags;
    if (planned.warnings.empty()) return core::Outcome::pass(planned.summary, to_details(details));
    std::string message = planned.summary;
    for (const auto& w : planned.warnings) message += "; " + w;
    return core::Outcome::warn(message, to_details(details));
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
