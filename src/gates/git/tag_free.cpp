// git.tag-free: the release's tags exist neither here nor on the remote, so
// the release cannot collide with one made elsewhere. It runs before any
// file is written.

#include <nlohmann/json.hpp>

#include "gates/git/support.hpp"
#include "gates/registered.hpp"
#include "relctl/core/error.hpp"
#include "relctl/gates/git.hpp"

namespace relctl::gates {

namespace {

class GitTagFree final : public RegisteredGate {
 public:
  GitTagFree(std::shared_ptr<release::ReleasePlan> plan, PlanRelease plan_first)
      : RegisteredGate("git.tag-free"),
        plan_(std::move(plan)),
        plan_first_(std::move(plan_first)) {}

  core::Outcome run(core::Context& ctx) override {
    git::Repository& repo = access_.get(ctx);
    // Alone (relctl check git.tag-free) there is no plan yet: plan it first.
    if (!plan_->planned() && plan_first_) plan_first_(ctx, repo, *plan_);
    if (!plan_->planned()) return core::Outcome::skip("no version to check: version.next failed");
    if (plan_->tags.empty()) return core::Outcome::skip("this release creates no tag");

    std::vector<std::string> names;
    for (const auto& t : plan_->tags) {
      names.push_back(t.name);
      if (const auto local = repo.find_tag(t.name)) {
        throw GateError(
            "tag " + t.name + " already exists locally (at " + git::short_id(local->commit) + ")",
            !t.taken_hint.empty() ? t.taken_hint
                                  : "that version was released already: release a higher one "
                                    "(--version), or if the tag was never pushed, delete it: "
                                    "git tag -d " +
                                        t.name);
      }
    }
    const std::string remote = git_support::remote_name(ctx);
    const auto refs = repo.list_remote(remote, git_support::auth(ctx));
    for (const auto& t : plan_->tags) {
      for (const auto& ref : refs) {
        if (ref.name == "refs/tags/" + t.name) {
          throw GateError("tag " + t.name + " already exists on " + remote + " (at " +
                              git::short_id(ref.id) + ")",
                          !t.taken_hint.empty() ? t.taken_hint
                                                : "someone released it already: git fetch --tags " +
                                                      remote + ", then release the next version");
        }
      }
    }
    nlohmann::json details = {{"tags", names}, {"remote", remote}};
    return core::Outcome::pass(git_support::list_some(names) + " is free here and on " + remote,
                               details.dump());
  }

 private:
  std::shared_ptr<release::ReleasePlan> plan_;
  PlanRelease plan_first_;
  git_support::RepoAccess access_;
};

}  // namespace

std::unique_ptr<core::Gate> make_git_tag_free(std::shared_ptr<release::ReleasePlan> plan,
                                              PlanRelease plan_first) {
  return std::make_unique<GitTagFree>(std::move(plan), std::move(plan_first));
}

}  // namespace relctl::gates
