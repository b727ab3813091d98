// git.push: the only step that changes the remote, so it comes last: one
// push of the release branch and tags. A rejection fails the gate (exit 1,
// with what the remote said) and the runner undoes every local action.

#include <nlohmann/json.hpp>

#include "gates/details.hpp"
#include "gates/git/support.hpp"
#include "gates/registered.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/interrupt.hpp"
#include "relctl/gates/git.hpp"

namespace relctl::gates {

namespace {

std::string short_ref(const std::string& ref) {
  for (const char* prefix : {"refs/heads/", "refs/tags/"}) {
    if (ref.rfind(prefix, 0) == 0) return ref.substr(std::string(prefix).size());
  }
  return ref;
}

class GitPush final : public RegisteredGate {
 public:
  explicit GitPush(std::shared_ptr<release::ReleasePlan> plan)
      : RegisteredGate("git.push"), plan_(std::move(plan)) {}

  std::string plan(core::Context& ctx) override {
    if (!plan_->planned()) return "would push the release (no version: version.next failed)";
    const std::string remote = git_support::remote_name(ctx);
    if (!plan_->shape.push) return "would not push (--no-push): " + by_hand(remote);
    access_.get(ctx).remote_url(remote);  // the remote must exist
    planned_ = to_details(nlohmann::json{{"remote", remote}, {"refs", refs()}});
    return "would push " + git_support::list_some(names()) + " to " + remote + " in one push";
  }

  core::Outcome run(core::Context& ctx) override {
    const std::string remote = git_support::remote_name(ctx);
    if (!plan_->shape.push) return core::Outcome::skip("--no-push: " + by_hand(remote));
    core::throw_if_interrupted();
    git::Repository& repo = access_.get(ctx);
    std::vector<std::string> specs;
    for (const auto& r : refs()) specs.push_back(r + ":" + r);
    const auto report = repo.push(remote, specs, git_support::auth(ctx));
    nlohmann::json details = {{"remote", remote},
                              {"refs", refs()},
                              {"accepted", report.accepted},
                              {"remote_output", report.remote_output}};
    if (!report.ok()) {
      std::string what = remote + " rejected the push:";
      for (const auto& [ref, why] : report.rejected)
        what += " " + short_ref(ref) + " (" + why + ")";
      if (!report.remote_output.empty()) what += "; " + remote + " said: " + report.remote_output;
      std::string hint = "the local release is undone; fix what " + remote +
                         " refuses (hooks, protection rules, a newer commit) and run again";
      if (!report.accepted.empty()) {
        std::vector<std::string> kept;
        for (const auto& a : report.accepted) kept.push_back(short_ref(a));
        hint += ". Note: " + remote + " accepted " + git_support::list_some(kept) +
                " before refusing the rest; remove it there if unwanted";
      }
      throw GateError(what, hint);
    }
    std::string message = "pushed " + git_support::list_some(names()) + " to " + remote;
    if (plan_->shape.opens_review()) {
      // With a [forge], forge.pull-request opens it next.
      const bool forge = ctx.config && ctx.config->forge;
      ctx.reporter.note(
          (forge ? "After the pull request from " + plan_->branch + " is merged"
                 : "Open a pull request from " + plan_->branch + "; after it is merged") +
          ", run `relctl " + ctx.command + " --finalize` on " +
          (ctx.config ? ctx.config->project.main_branch : std::string("main")) + " to tag it.");
    }
    return core::Outcome::pass(message, to_details(details));
  }

  // What the remote has, stays: the forge steps after the push fail without
  // undoing the release.
  bool point_of_no_return() const override { return true; }

  // A push cannot be taken back without deleting what others may already
  // have fetched, so the runner is told plainly instead.
  void undo(core::Context& ctx) override {
    throw GateError("cannot undo a push: " + git_support::remote_name(ctx) + " already has " +
                        git_support::list_some(names()),
                    "remove them on the remote by hand if the release must not stand");
  }

 private:
  std::vector<std::string> refs() const {
    std::vector<std::string> out;
    if (plan_->shape.pushes_branch() && !plan_->branch.empty())
      out.push_back("refs/heads/" + plan_->branch);
    if (plan_->shape.pushes_tags()) {
      for (const auto& t : plan_->tags) out.push_back("refs/tags/" + t.name);
    }
    return out;
  }
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& r : refs()) out.push_back(short_ref(r));
    return out;
  }
  std::string by_hand(const std::string& remote) const {
    return "push by hand with: git push " + remote + " " + [&] {
      std::string s;
      for (const auto& n : names()) s += (s.empty() ? "" : " ") + n;
      return s;
    }();
  }

  std::shared_ptr<release::ReleasePlan> plan_;
  git_support::RepoAccess access_;
};

}  // namespace

std::unique_ptr<core::Gate> make_git_push(std::shared_ptr<release::ReleasePlan> plan) {
  return std::make_unique<GitPush>(std::move(plan));
}

}  // namespace relctl::gates
