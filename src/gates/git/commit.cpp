// git.commit: one release commit with exactly the files the release wrote
// (changelog, version files, SHA256SUMS, data outputs) on the release branch,
// with the repository's commit hooks around it and signed when git's
// settings (or [code_release] / [data_release] sign) ask for it.

#include <nlohmann/json.hpp>

#include "gates/details.hpp"
#include "gates/git/policy.hpp"
#include "gates/git/support.hpp"
#include "gates/registered.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/output_file.hpp"
#include "relctl/gates/git.hpp"

namespace relctl::gates {

namespace {

using git_policy::Hooks;

const std::vector<std::string> commit_hooks = {"pre-commit", "prepare-commit-msg", "commit-msg",
                                               "post-commit"};

// What a commit-msg hook left: git's whitespace clean-up (trailing blank
// lines dropped, one final newline), or the message as relctl wrote it when
// the hook did not change it.
std::string edited_message(const std::string& original, const std::string& edited) {
  if (edited == original) return original;
  auto end = edited.find_last_not_of(" \t\r\n");
  if (end == std::string::npos) {
    throw GateError(
        "the commit message is empty after the commit message hooks: aborting the "
        "release commit, as git does",
        "fix the prepare-commit-msg or commit-msg hook");
  }
  return edited.substr(0, end + 1) + "\n";
}

class GitCommit final : public RegisteredGate {
 public:
  explicit GitCommit(std::shared_ptr<release::ReleasePlan> plan)
      : RegisteredGate("git.commit"), plan_(std::move(plan)) {}

  std::string plan(core::Context& ctx) override {
    if (!plan_->planned())
      return "would commit the release files (no version: version.next failed)";
    git::Repository& repo = access_.get(ctx);
    const auto sig = repo.signature();  // fail now, not halfway through the real run
    const Hooks hooks(ctx, repo);
    const auto signing =
        git_policy::signing_for(ctx, repo, plan_->shape, git_policy::Object::commit, sig);
    const auto will_run = hooks.present(commit_hooks);
    nlohmann::json details = {
        {"branch", plan_->branch}, {"files", paths()}, {"message", plan_->commit_message}};
    details["hooks"] =
        hooks.skipped() ? nlohmann::json(Hooks::skipped_note()) : nlohmann::json(will_run);
    if (signing) details["signed_with"] = signing->describe();
    planned_ = to_details(details);
    std::string text =
        "would commit " + git_support::list_some(paths()) + " on " + plan_->branch + " on top of " +
        git::short_id(plan_->new_branch.empty() ? repo.head_id() : plan_->new_branch_from) +
        " as \"" + first_line() + "\" by " + sig.name + " <" + sig.email + ">";
    if (signing) text += ", signed with " + signing->describe();
    if (hooks.skipped()) text += "; " + Hooks::skipped_note();
    if (!will_run.empty()) text += "; would run " + git_policy::hook_list(will_run);
    return text;
  }

  core::Outcome run(core::Context& ctx) override {
    if (plan_->outputs.empty()) return core::Outcome::skip("nothing to commit");
    git::Repository& repo = access_.get(ctx);
    const auto sig = repo.signature();
    branch_ = repo.current_branch().value_or("");
    previous_ = repo.head_id();
    index_ = repo.index_snapshot();
    const Hooks hooks(ctx, repo);
    const auto signing =
        git_policy::signing_for(ctx, repo, plan_->shape, git_policy::Object::commit, sig);
    std::vector<git::StagePath> stage;
    for (const auto& o : plan_->outputs) stage.push_back({o.path, o.force});
    std::vector<std::string> ran;
    std::string message = plan_->commit_message;
    try {
      repo.stage_paths(stage);
      if (hooks.must_pass("pre-commit")) ran.emplace_back("pre-commit");
      message = run_message_hooks(hooks, repo, ran);
      plan_->commit = repo.commit_index(message, sig, git_policy::signer(signing));
    } catch (...) {
      repo.restore_index(index_);  // staging may have half-happened, a hook may have staged
      throw;
    }
    done_ = true;
    ctx.release.commit = plan_->commit;
    ctx.vars["commit"] = plan_->commit;
    // As in git: post-commit cannot stop a commit that exists; its failure is told.
    const std::string post = hooks.may_fail("post-commit");
    if (hooks.find("post-commit")) ran.emplace_back("post-commit");
    nlohmann::json details = {{"commit", plan_->commit}, {"parent", previous_}, {"files", paths()}};
    details["hooks"] =
        hooks.skipped() ? nlohmann::json(Hooks::skipped_note()) : nlohmann::json(ran);
    if (message != plan_->commit_message) details["message"] = message;
    if (signing) details["signed_with"] = signing->describe();
    std::string text = "committed " + git::short_id(plan_->commit) + " on " + branch_ + ": " +
                       git_support::list_some(paths());
    if (signing) text += ", signed with " + signing->describe();
    if (hooks.skipped()) text += "; " + Hooks::skipped_note();
    if (!ran.empty()) text += "; ran " + git_policy::hook_list(ran);
    if (!post.empty()) {
      details["post_commit"] = post;
      return core::Outcome::warn(text + "; post-commit hook failed (the commit stands): " + post,
                                 to_details(details));
    }
    return core::Outcome::pass(text, to_details(details));
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
  // prepare-commit-msg and commit-msg with the message in .git/COMMIT_EDITMSG,
  // as `git commit -m` runs them; returns the message they leave.
  std::string run_message_hooks(const Hooks& hooks, git::Repository& repo,
                                std::vector<std::string>& ran) const {
    if (!hooks.find("prepare-commit-msg") && !hooks.find("commit-msg")) {
      return plan_->commit_message;
    }
    const auto file = repo.git_dir() / "COMMIT_EDITMSG";
    core::write_atomically(file, plan_->commit_message);
    if (hooks.must_pass("prepare-commit-msg", {file.string(), "message"}))
      ran.emplace_back("prepare-commit-msg");
    if (hooks.must_pass("commit-msg", {file.string()})) ran.emplace_back("commit-msg");
    return edited_message(plan_->commit_message, core::read_file(file).value_or(""));
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
