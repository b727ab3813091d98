#include "gates/git/push_program.hpp"

#include <unistd.h>

#include <cstdlib>
#include <sstream>

#include "relctl/core/error.hpp"
#include "relctl/core/log.hpp"
#include "relctl/process/process.hpp"

namespace relctl::gates::git_support {

namespace fs = std::filesystem;

namespace {

bool on_path(const std::string& program) {
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    const fs::path candidate = fs::path(dir.empty() ? "." : dir) / program;
    if (access(candidate.c_str(), X_OK) == 0 && !fs::is_directory(candidate)) return true;
  }
  return false;
}

}  // namespace

void require_git_program() {
  if (on_path("git")) return;
  throw GateError(
      "the git program is not installed (not found on PATH): relctl pushes with it, so that the "
      "remote takes the release's refs all or none and the pre-push hook runs",
      "install git (Debian: apt-get install git) and run again, or release with --no-push and "
      "push by hand");
}

const std::string& token_credential_helper() {
  // Reads git's request; answers only `get`, never stores or erases.
  static const std::string helper =
      "!f() { test \"$1\" = get || exit 0; u=; while IFS= read -r l && test -n \"$l\"; do "
      "case \"$l\" in username=*) u=1;; esac; done; test -n \"$u\" || echo "
      "username=x-access-token; echo \"password=$RELCTL_PUSH_TOKEN\"; }; f";
  return helper;
}

PushRun push_with_git(const fs::path& dir, const std::string& remote,
                      const std::vector<std::string>& refspecs, const git::Auth& auth,
                      bool run_hooks, const std::vector<std::string>& withheld) {
  require_git_program();
  process::Spec spec;
  spec.withheld = withheld;
  spec.argv = {"git"};
  if (!auth.token.empty()) {
    // The token replaces the user's helpers, as it did for every other remote
    // operation; it travels in the environment, never on the command line.
    spec.argv.insert(spec.argv.end(), {"-c", "credential.helper=", "-c",
                                       "credential.helper=" + token_credential_helper()});
    spec.env["RELCTL_PUSH_TOKEN"] = auth.token;
  }
  spec.argv.insert(spec.argv.end(), {"push", "--atomic", "--porcelain"});
  if (!run_hooks) spec.argv.emplace_back("--no-verify");
  spec.argv.push_back(remote);
  spec.argv.insert(spec.argv.end(), refspecs.begin(), refspecs.end());
  spec.cwd = dir;
  spec.env["GIT_TERMINAL_PROMPT"] = "0";  // no terminal to ask on: fail instead
  spec.env["LC_ALL"] = "C";               // messages relctl reads
  spec.finish_on_interrupt = true;
  spec.own_session = true;
  const auto r = process::run(spec);
  PushRun out;
  out.exit_code = r.signal ? 128 + r.signal : r.exit_code;
  out.output = r.output;
  out.report = git::parse_push_output(r.output);
  core::log_debug("git push {}: exit {}, {} accepted, {} rejected", remote, out.exit_code,
                  out.report.accepted.size(), out.report.rejected.size());
  return out;
}

fs::path pre_push_hook(const fs::path& dir) {
  process::Spec spec;
  spec.argv = {"git", "rev-parse", "--git-path", "hooks/pre-push"};
  spec.cwd = dir;
  spec.own_session = true;
  const auto r = process::run(spec);
  if (r.exit_code != 0) return {};
  std::string path = r.output;
  while (!path.empty() && (path.back() == '\n' || path.back() == '\r')) path.pop_back();
  fs::path hook(path);
  if (hook.is_relative()) hook = dir / hook;
  return access(hook.c_str(), X_OK) == 0 ? hook : fs::path();
}

}  // namespace relctl::gates::git_support
