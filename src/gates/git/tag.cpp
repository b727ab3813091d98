// git.tag: the release's annotated tags (code and data on one commit), with
// the changelog section and Relctl-* trailers as their message; signed when
// tag.gpgSign (or [code_release] / [data_release] sign) asks for it.

#include <nlohmann/json.hpp>

#include "gates/details.hpp"
#include "gates/git/policy.hpp"
#include "gates/git/support.hpp"
#include "gates/registered.hpp"
#include "relctl/core/error.hpp"
#include "relctl/gates/git.hpp"

namespace relctl::gates {

namespace {

class GitTag final : public RegisteredGate {
 public:
  explicit GitTag(std::shared_ptr<release::ReleasePlan> plan)
      : RegisteredGate("git.tag"), plan_(std::move(plan)) {}

  std::string plan(core::Context& ctx) override {
    if (!plan_->planned()) return "would create the release tag (no version: version.next failed)";
    git::Repository& repo = access_.get(ctx);
    const auto signing =
        git_policy::signing_for(ctx, repo, plan_->shape, git_policy::Object::tag, repo.signature());
    const std::string at = plan_->shape.finalize ? "at " + git::short_id(repo.head_id())
                                                 : "at the release commit on " + plan_->branch;
    nlohmann::json tags = nlohmann::json::array();
    for (const auto& t : plan_->tags) tags.push_back({{"name", t.name}, {"message", t.message}});
    nlohmann::json details = {{"tags", tags}};
    if (signing) details["signed_with"] = signing->describe();
    planned_ = to_details(details);
    return "would create annotated tag " + git_support::list_some(names()) + " " + at +
           (signing ? ", signed with " + signing->describe() : "");
  }

  core::Outcome run(core::Context& ctx) override {
    if (plan_->tags.empty()) return core::Outcome::skip("this release creates no tag");
    git::Repository& repo = access_.get(ctx);
    const auto sig = repo.signature();
    const auto signing =
        git_policy::signing_for(ctx, repo, plan_->shape, git_policy::Object::tag, sig);
    const std::string target = plan_->commit.empty() ? repo.head_id() : plan_->commit;
    for (const auto& t : plan_->tags) {
      repo.create_annotated_tag(t.name, target, t.message, sig, git_policy::signer(signing));
      created_.push_back(t.name);
    }
    plan_->commit = target;
    ctx.release.commit = target;
    ctx.release.tags = names();
    nlohmann::json details = {{"tags", names()}, {"commit", target}};
    if (signing) details["signed_with"] = signing->describe();
    return core::Outcome::pass("created annotated tag " + git_support::list_some(names()) + " at " +
                                   git::short_id(target) +
                                   (signing ? ", signed with " + signing->describe() : ""),
                               to_details(details));
  }

  void undo(core::Context& ctx) override {
    git::Repository& repo = access_.get(ctx);
    for (auto it = created_.rbegin(); it != created_.rend(); ++it) repo.delete_tag(*it);
    created_.clear();
  }

 private:
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& t : plan_->tags) out.push_back(t.name);
    return out;
  }

  std::shared_ptr<release::ReleasePlan> plan_;
  git_support::RepoAccess access_;
  std::vector<std::string> created_;
};

}  // namespace

std::unique_ptr<core::Gate> make_git_tag(std::shared_ptr<release::ReleasePlan> plan) {
  return std::make_unique<GitTag>(std::move(plan));
}

}  // namespace relctl::gates
