// git.branch: only branches matching project.release_branches may release.

#include "gates/git/support.hpp"
#include "gates/registered.hpp"
#include "relctl/core/error.hpp"
#include "relctl/gates/git.hpp"

namespace relctl::gates {

namespace {

class GitBranch final : public RegisteredGate {
 public:
  explicit GitBranch(std::vector<std::string> extra)
      : RegisteredGate("git.branch"), extra_(std::move(extra)) {}

  core::Outcome run(core::Context& ctx) override {
    git::Repository& repo = access_.get(ctx);
    const auto branch = repo.current_branch();
    if (!branch) {
      throw GateError("HEAD is not on a branch", "check out a release branch: git switch main");
    }
    std::vector<std::string> allowed =
        ctx.config ? ctx.config->project.release_branches : std::vector<std::string>{"main"};
    allowed.insert(allowed.end(), extra_.begin(), extra_.end());
    for (const auto& pattern : allowed) {
      if (git_support::glob_match(pattern, *branch)) {
        return core::Outcome::pass(*branch + " matches release branch pattern '" + pattern + "'");
      }
    }
    throw GateError(
        "branch " + *branch + " may not release (allowed: " + git_support::list_some(allowed) + ")",
        "switch to a release branch (git switch " + allowed.front() +
            "), or add the branch to project.release_branches");
  }

 private:
  std::vector<std::string> extra_;
  git_support::RepoAccess access_;
};

}  // namespace

std::unique_ptr<core::Gate> make_git_branch(std::vector<std::string> extra_patterns) {
  return std::make_unique<GitBranch>(std::move(extra_patterns));
}

}  // namespace relctl::gates
