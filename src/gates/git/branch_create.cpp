// git.branch-create: the release branch (release/vX.Y.Z in pr mode, from
// HEAD) or the hotfix branch (hotfix/vX.Y.Z, from the tag given to --hotfix),
// checked out so that the release commit lands on it.

#include "gates/git/support.hpp"
#include "gates/registered.hpp"
#include "relctl/core/error.hpp"
#include "relctl/gates/git.hpp"

namespace relctl::gates {

namespace {

class GitBranchCreate final : public RegisteredGate {
 public:
  explicit GitBranchCreate(std::shared_ptr<release::ReleasePlan> plan)
      : RegisteredGate("git.branch-create"), plan_(std::move(plan)) {}

  std::string plan(core::Context& ctx) override {
    if (!plan_->planned())
      return "would create the release branch (no version: version.next failed)";
    if (plan_->new_branch.empty()) return "no branch to create: already on " + plan_->branch;
    git::Repository& repo = access_.get(ctx);
    refuse_existing(ctx, repo);
    return "would create branch " + plan_->new_branch + " at " +
           git::short_id(plan_->new_branch_from) + " and switch to it";
  }

  core::Outcome run(core::Context& ctx) override {
    if (plan_->new_branch.empty()) {
      return core::Outcome::skip("no branch to create: already on " + plan_->branch);
    }
    git::Repository& repo = access_.get(ctx);
    refuse_existing(ctx, repo);
    original_ = repo.current_branch().value_or("");
    repo.create_branch(plan_->new_branch, plan_->new_branch_from);
    created_ = true;
    repo.checkout_branch(plan_->new_branch);
    ctx.release.branch = plan_->new_branch;
    return core::Outcome::pass("created " + plan_->new_branch + " at " +
                               git::short_id(plan_->new_branch_from) + " (was on " + original_ +
                               ")");
  }

  void undo(core::Context& ctx) override {
    if (!created_) return;
    git::Repository& repo = access_.get(ctx);
    if (!original_.empty() && repo.current_branch() != original_) repo.checkout_branch(original_);
    repo.delete_branch(plan_->new_branch);
    created_ = false;
  }

 private:
  void refuse_existing(core::Context& ctx, git::Repository& repo) {
    if (repo.branch_exists(plan_->new_branch)) {
      throw GateError("branch " + plan_->new_branch + " already exists",
                      "a release of this version is under way or was abandoned: finish it, or "
                      "delete the branch (git branch -D " +
                          plan_->new_branch + ")");
    }
    const std::string remote = git_support::remote_name(ctx);
    for (const auto& ref : repo.list_remote(remote, git_support::auth(ctx))) {
      if (ref.name == "refs/heads/" + plan_->new_branch) {
        throw GateError("branch " + plan_->new_branch + " already exists on " + remote,
                        "a release of this version is under review: merge it and run --finalize, "
                        "or delete the remote branch");
      }
    }
  }

  std::shared_ptr<release::ReleasePlan> plan_;
  git_support::RepoAccess access_;
  std::string original_;
  bool created_ = false;
};

}  // namespace

std::unique_ptr<core::Gate> make_git_branch_create(std::shared_ptr<release::ReleasePlan> plan) {
  return std::make_unique<GitBranchCreate>(std::move(plan));
}

}  // namespace relctl::gates
