// git.up-to-date: a release must start from exactly what the remote has, so
// its version, changelog and push are computed against the shared history.
// It asks the remote for its branch head; a real run fetches when that
// commit is missing locally (to count), a dry run never fetches.

#include <nlohmann/json.hpp>

#include "gates/git/support.hpp"
#include "gates/registered.hpp"
#include "relctl/core/error.hpp"
#include "relctl/gates/git.hpp"

namespace relctl::gates {

namespace {

std::string commits(size_t n) {
  return std::to_string(n) + (n == 1 ? " commit" : " commits");
}

class GitUpToDate final : public RegisteredGate {
 public:
  GitUpToDate() : RegisteredGate("git.up-to-date") {}

  core::Outcome run(core::Context& ctx) override {
    git::Repository& repo = access_.get(ctx);
    const auto branch = repo.current_branch();
    if (!branch) throw GateError("HEAD is not on a branch", "check out a release branch first");

    // The configured upstream wins; otherwise the same branch on project.remote.
    std::string remote = git_support::remote_name(ctx);
    std::string remote_branch = *branch;
    if (const auto up = repo.upstream_of(*branch); up && !up->second.empty()) {
      remote = up->second;
      const std::string prefix = "refs/remotes/" + remote + "/";
      if (up->first.rfind(prefix, 0) == 0) remote_branch = up->first.substr(prefix.size());
    }
    const std::string upstream = remote + "/" + remote_branch;
    const auto auth = git_support::auth(ctx);

    std::optional<std::string> theirs;
    for (const auto& ref : repo.list_remote(remote, auth)) {
      if (ref.name == "refs/heads/" + remote_branch) theirs = ref.id;
    }
    const std::string head = repo.head_id();
    nlohmann::json details = {{"branch", *branch}, {"upstream", upstream}, {"head", head}};
    if (!theirs) {
      return core::Outcome::pass(*branch + " is not on " + remote + " yet; the push creates it",
                                 details.dump());
    }
    details["upstream_commit"] = *theirs;
    if (*theirs == head) {
      return core::Outcome::pass(
          *branch + " is up to date with " + upstream + " at " + git::short_id(head),
          details.dump());
    }
    if (!repo.has_commit(*theirs) && !ctx.dry_run()) repo.fetch(remote, auth);
    if (!repo.has_commit(*theirs)) {
      throw GateError(*branch + " is behind " + upstream + ": " + remote + " has " +
                          git::short_id(*theirs) + ", which this clone has not fetched",
                      "pull first: git pull --ff-only " + remote + " " + remote_branch +
                          " (a dry run does not fetch)");
    }
    const auto ab = repo.ahead_behind(head, *theirs);
    details["ahead"] = ab.ahead;
    details["behind"] = ab.behind;
    if (ab.ahead > 0 && ab.behind > 0) {
      throw GateError(*branch + " has diverged from " + upstream + " (" + commits(ab.ahead) +
                          " ahead, " + commits(ab.behind) + " behind)",
                      "rebase or merge with " + upstream + ", push, then release");
    }
    if (ab.behind > 0) {
      throw GateError(*branch + " is " + commits(ab.behind) + " behind " + upstream,
                      "pull first: git pull --ff-only " + remote + " " + remote_branch);
    }
    throw GateError(
        *branch + " is " + commits(ab.ahead) + " ahead of " + upstream + " (unpushed work)",
        "push those commits first (git push " + remote + " " + *branch +
            ") so the release is built from what " + remote + " has");
  }

 private:
  git_support::RepoAccess access_;
};

}  // namespace

std::unique_ptr<core::Gate> make_git_up_to_date() {
  return std::make_unique<GitUpToDate>();
}

}  // namespace relctl::gates
