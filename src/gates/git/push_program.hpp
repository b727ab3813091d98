#pragma once
// The push, run with the `git` program: `git push --atomic --porcelain`, so
// that the remote takes every ref or none (libgit2 cannot ask for that), the
// repository's pre-push hook runs, and the user's credential helpers apply.
// Ctrl-C does not stop it: relctl waits for the remote's answer.

#include <filesystem>
#include <string>
#include <vector>

#include "relctl/git/push_output.hpp"
#include "relctl/git/repository.hpp"

namespace relctl::gates::git_support {

/// How one `git push` ended.
struct PushRun {
  int exit_code = -1;
  git::PushReport report;
  std::string output;  // everything git printed
};

/// Throws GateError, with how to install it, when `git` is not on PATH.
void require_git_program();

/// The git credential helper that answers with the token in $RELCTL_PUSH_TOKEN
/// (and the user name x-access-token unless the URL names one).
const std::string& token_credential_helper();

/// Pushes `refspecs` to `remote` in one atomic push from the work tree `dir`;
/// `run_hooks` false passes --no-verify (the pre-push hook does not run);
/// git (and so the hook) does not get the variables `withheld` names.
PushRun push_with_git(const std::filesystem::path& dir, const std::string& remote,
                      const std::vector<std::string>& refspecs, const git::Auth& auth,
                      bool run_hooks, const std::vector<std::string>& withheld = {});

/// The executable pre-push hook git would run in `dir` (honouring
/// core.hooksPath), or an empty path when there is none.
std::filesystem::path pre_push_hook(const std::filesystem::path& dir);

}  // namespace relctl::gates::git_support
