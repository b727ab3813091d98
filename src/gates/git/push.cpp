// git.push: the only step that changes the remote, so it comes last: one
// atomic push of the release branch and tags (the remote takes all or none),
// through the git program. A rejection fails the gate (exit 1, with what the
// remote said) and the runner undoes every local action. Ctrl-C lets the
// push finish; the remote's refs then say whether the release stands.

#include <map>

#include <nlohmann/json.hpp>

#include "gates/command/withheld.hpp"
#include "gates/details.hpp"
#include "gates/git/policy.hpp"
#include "gates/git/push_program.hpp"
#include "gates/git/support.hpp"
#include "gates/registered.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/interrupt.hpp"
#include "relctl/gates/git.hpp"

namespace relctl::gates {

namespace {

// Several lines of a remote or a hook, on the gate's one line.
std::string one_line(std::string text) {
  for (size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at))
    text.replace(at, 1, "; ");
  return text;
}

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
    git_support::require_git_program();
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
    const auto auth = git_support::auth(ctx);
    // The repository's pre-push hook runs unless [project] hooks = "skip".
    const bool run_hooks = !(ctx.config && ctx.config->project.hooks == "skip");
    // Ctrl-C from here on lets the push finish: the remote may be applying it.
    // git and its pre-push hook get no database URL or secret, but the
    // push tokens a credential helper may read.
    const auto pushed = git_support::push_with_git(
        repo.workdir(), remote, specs, auth, run_hooks,
        withheld_variables(ctx.config, push_token_variables(ctx.config)));
    nlohmann::json details = {{"remote", remote},
                              {"refs", refs()},
                              {"accepted", pushed.report.accepted},
                              {"remote_output", pushed.report.remote_output}};
    if (!run_hooks) details["hooks"] = git_policy::Hooks::skipped_note();
    if (core::interrupt_requested()) return after_interrupt(ctx, repo, remote, details);
    if (pushed.exit_code != 0 || !pushed.report.ok()) fail(repo, remote, pushed);
    return passed(ctx, "pushed " + git_support::list_some(names()) + " to " + remote, details);
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
  core::Outcome passed(core::Context& ctx, const std::string& message,
                       const nlohmann::json& details) const {
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

  // The push ended after Ctrl-C: what the remote has now decides, read from
  // the remote itself. All of it: the release stands (nothing is undone, the
  // runner stops after this gate). None: the run is undone as any interrupted
  // run. Part of it (a remote without atomic pushes, or someone else): what
  // the remote has is not undone either.
  core::Outcome after_interrupt(core::Context& ctx, git::Repository& repo,
                                const std::string& remote, nlohmann::json details) {
    std::map<std::string, std::string> theirs;  // ref -> commit (tags peeled)
    try {
      for (const auto& r : repo.list_remote(remote, git_support::auth(ctx), true)) {
        const bool peeled = r.name.size() > 3 && r.name.compare(r.name.size() - 3, 3, "^{}") == 0;
        if (peeled) {
          theirs[r.name.substr(0, r.name.size() - 3)] = r.id;
        } else {
          theirs.emplace(r.name, r.id);
        }
      }
    } catch (const Error& e) {
      // Unknown: what may be public is kept (a warning, past the point of no return).
      return core::Outcome::warn(
          "interrupted during the push, and cannot read " + remote +
              "'s refs to learn whether it took the release: " + e.what() +
              "; nothing was undone: compare `git ls-remote " + remote +
              "` with the local tags and branch (the remote has them: the release stands; it "
              "has not: delete them locally)",
          to_details(details));
    }
    std::vector<std::string> has, lacks;
    for (const auto& ref : refs()) {
      const auto mine = repo.ref_commit(ref);
      const auto it = theirs.find(ref);
      (mine && it != theirs.end() && it->second == *mine ? has : lacks).push_back(short_ref(ref));
    }
    details["remote_has"] = has;
    if (has.empty()) throw Interrupted();
    if (lacks.empty()) {
      return passed(ctx,
                    "pushed " + git_support::list_some(names()) + " to " + remote +
                        " (Ctrl-C arrived during the push; " + remote + " confirms it has them)",
                    details);
    }
    return core::Outcome::warn("interrupted during the push: " + remote + " has " +
                                   git_support::list_some(has) + " but not " +
                                   git_support::list_some(lacks) + "; nothing was undone",
                               to_details(details));
  }

  [[noreturn]] void fail(git::Repository& repo, const std::string& remote,
                         const git_support::PushRun& pushed) const {
    const auto& report = pushed.report;
    const std::string said = report.remote_output.empty()
                                 ? ""
                                 : "; " + remote + " said: " + one_line(report.remote_output);
    if (!report.rejected.empty()) {
      // With an atomic push every ref is refused when one is: name the ones
      // refused for their own reason first.
      std::vector<std::string> refused;
      for (const auto& [ref, why] : report.rejected) {
        if (why.find("atomic push fail") == std::string::npos)
          refused.push_back(short_ref(ref) + " (" + why + ")");
      }
      for (const auto& [ref, why] : report.rejected) {
        if (why.find("atomic push fail") != std::string::npos)
          refused.push_back(short_ref(ref) + " (refused with it: " + why + ")");
      }
      throw GateError(remote + " rejected the push, so it took none of it: " +
                          git_support::list_some(refused) + said,
                      "the local release is undone; fix what " + remote +
                          " refuses (hooks, protection rules, a newer commit) and "
                          "run again");
    }
    const std::string git_said =
        report.git_output.empty() ? "" : ": " + one_line(report.git_output);
    if (report.git_output.find("does not support --atomic") != std::string::npos) {
      throw GateError(remote + " (" + repo.remote_url(remote) +
                          ") cannot take a push atomically (all refs or none), so relctl did "
                          "not push: nothing was sent",
                      "let the server advertise atomic pushes (git: receive.advertiseAtomic), "
                      "or release with --no-push and push by hand, the branch first and the tag "
                      "last: " +
                          one_by_one(remote));
    }
    if (pushed.exit_code == 1) {
      const auto hook = git_support::pre_push_hook(repo.workdir());
      if (!hook.empty()) {
        throw GateError("the pre-push hook " + hook.string() +
                            " refused the push; nothing was sent to " + remote + git_said + said,
                        "the local release is undone; fix what the hook checks and run again");
      }
    }
    throw DependencyError(
        "cannot push to " + remote + " (" + repo.remote_url(remote) + ")" + git_said + said,
        "check the URL and your credentials: ssh-agent or a credential helper for ssh and https, "
        "or project.token_env for https");
  }

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
  // "git push origin main && git push origin code-v1.3.0": the tag last.
  std::string one_by_one(const std::string& remote) const {
    std::string out;
    for (const auto& n : names())
      out += (out.empty() ? "" : " && ") + ("git push " + remote + " " + n);
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
