// git.commit: one release commit with exactly the files the release wrote
// (changelog, version files, SHA256SUMS, data outputs) on the release branch.

#include <nlohmann/json.hpp>

#include "gates/details.hpp"
#include "gates/git/support.hpp"
#include "gates/registered.hpp"
#include "relctl/core/error.hpp"
#include "relctl/gates/git.hpp"

namespace relctl::gates {

namespace {

class GitCommit final : public RegisteredGate {
 public:
  explicit GitCommit(std::shared_ptr<release::ReleasePlan> plan)
      : RegisteredGate("git.commit"), plan_(std::move(plan)) {}

  std::string plan(core::Context& ctx) override {
    if (!plan_->planned())
      return "would commit the release files (no version: version.next failed)";
    git::Repository& repo = access_.get(ctx);
    const auto sig = repo.signature();  // fail now, not halfway through the real run
    planned_ = to_details(nlohmann::json{
        {"branch", plan_->branch}, {"files", paths()}, {"message", plan_->commit_message}});
    return "would commit " + git_support::list_some(paths()) + " on " + plan_->branch +
           " on top of " +
           git::short_id(plan_->new_branch.empty() ? repo.head_id() : plan_->new_branch_from) +
           " as \"" + first_line() + "\" by " + sig.name + " <" + sig.email + ">";
  }

  core::Outcome run(core::Context& ctx) override {
    if (plan_->outputs.empty()) return core::Outcome::skip("nothing to commit");
    git::Repository& repo = access_.get(ctx);
    const auto sig = repo.signature();
    branch_ = repo.current_branch().value_or("");
    previous_ = repo.head_id();
    index_ = repo.index_snapshot();
    std::vector<git::StagePath> stage;
    for (const auto& o : plan_->outputs) stage.push_back({o.path, o.force});
    try {
      plan_->commit = repo.commit_paths(stage, plan_->commit_message, sig);
    } catch (...) {
      repo.restore_index(index_);  // staging may have half-happened
      throw;
    }
    done_ = true;
    ctx.release.commit = plan_->commit;
    ctx.vars["commit"] = plan_->commit;
    nlohmann::json details = {{"commit", plan_->commit}, {"parent", previous_}, {"files", paths()}};
    return core::Outcome::pass("committed " + git::short_id(plan_->commit) + " on " + branch_ +
                                   ": " + git_support::list_some(paths()),
                               to_details(details));
  }

  void undo(core::Context& ctx) override {
    if (!done_) return;
    git::Repository& repo = access_.get(ctx);
    repo.set_branch(branch_, previous_);
    repo.restore_index(index_);
    ctx.release.commit.clear();
    done_ = false;
  }

 private:
  std::vector<std::string> paths() const {
    std::vector<std::string> out;
    for (const auto& o : plan_->outputs) out.push_back(o.path);
    return out;
  }
  std::string first_line() const {
    return plan_->commit_message.substr(0, plan_->commit_message.find('\n'));
  }

  std::shared_ptr<release::ReleasePlan> plan_;
  git_support::RepoAccess access_;
  std::string branch_, previous_, index_;
  bool done_ = false;
};

}  // namespace

std::unique_ptr<core::Gate> make_git_commit(std::shared_ptr<release::ReleasePlan> plan) {
  return std::make_unique<GitCommit>(std::move(plan));
}

}  // namespace relctl::gates
