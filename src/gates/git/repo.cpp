// git.repo: releases start inside a full git work tree with HEAD on a branch.

#include "gates/git/support.hpp"
#include "gates/registered.hpp"
#include "relctl/core/error.hpp"
#include "relctl/gates/git.hpp"

namespace relctl::gates {

namespace {

class GitRepo final : public RegisteredGate {
 public:
  GitRepo() : RegisteredGate("git.repo") {}

  core::Outcome run(core::Context& ctx) override {
    git::Repository& repo = access_.get(ctx);
    const std::string where = repo.is_bare() ? repo.git_dir().string() : repo.workdir().string();
    if (repo.is_bare()) {
      throw GateError(where + " is a bare repository: a release needs a work tree",
                      "run relctl in a clone with a work tree");
    }
    if (repo.is_shallow()) {
      throw GateError("shallow clone at " + where +
                          ": without the full history the version and changelog would be wrong",
                      "fetch the full history: git fetch --unshallow (in CI: fetch-depth: 0)");
    }
    if (repo.head_unborn()) {
      throw GateError("no commits yet in " + where, "commit something before releasing it");
    }
    if (repo.head_detached()) {
      throw GateError("HEAD is detached at " + git::short_id(repo.head_id()) + " in " + where,
                      "check out a release branch first (git switch main); in CI, name the "
                      "branch HEAD is the tip of with --branch NAME");
    }
    return core::Outcome::pass("on " + repo.current_branch().value_or("?") + " at " +
                               git::short_id(repo.head_id()) + " in " + where);
  }

 private:
  git_support::RepoAccess access_;
};

}  // namespace

std::unique_ptr<core::Gate> make_git_repo() {
  return std::make_unique<GitRepo>();
}

}  // namespace relctl::gates
