#pragma once
// Shared by the git gates: reaching the repository through the context (or
// opening one for `relctl check`), credentials, the remote's name, and the
// paths a release is allowed to leave uncommitted.

#include <memory>
#include <string>
#include <vector>

#include "relctl/config/config.hpp"
#include "relctl/core/context.hpp"
#include "relctl/git/repository.hpp"

namespace relctl::gates::git_support {

/// The context's repository, or one this object opens (and owns) from the
/// project root when the command did not open one. Throws GateError outside
/// a repository.
class RepoAccess {
 public:
  git::Repository& get(core::Context& ctx);

 private:
  std::unique_ptr<git::Repository> owned_;
};

/// The remote releases go to: project.remote ("origin").
std::string remote_name(const core::Context& ctx);

/// Credentials from project.token_env (the token is registered as a secret).
git::Auth auth(core::Context& ctx);

/// Globs of the files a release writes that may be dirty before it runs.
std::vector<std::string> release_output_globs(const core::Context& ctx);

/// fnmatch() with FNM_PATHNAME: `*` does not cross '/'.
bool glob_match(const std::string& pattern, const std::string& path);

/// `path` (absolute or relative to the project root) relative to the work tree.
std::string worktree_relative(const core::Context& ctx, git::Repository& repo,
                              const std::string& path);

/// "a, b, c and 4 more".
std::string list_some(const std::vector<std::string>& items, size_t max = 10);

}  // namespace relctl::gates::git_support
