#pragma once
// relctl's error taxonomy. Low-level code throws one of these; main() catches
// relctl::Error once, prints "relctl: error: <what>" plus the hint, and
// returns code(). Third-party exceptions never cross an adapter boundary.

#include <stdexcept>
#include <string>

namespace relctl {

/// Process exit codes, SPEC §7.
enum class ExitCode : int {
  ok = 0,
  gate_failed = 1,
  usage = 2,
  dependency = 3,
  locked = 4,
  interrupted = 130,
};

/// Base of every relctl error: a message (what failed, where), an exit code
/// and a hint (what to do next, may be empty).
class Error : public std::runtime_error {
 public:
  Error(ExitCode code, const std::string& message, std::string hint = {})
      : std::runtime_error(message), code_(code), hint_(std::move(hint)) {}

  ExitCode code() const noexcept { return code_; }
  const std::string& hint() const noexcept { return hint_; }

 private:
  ExitCode code_;
  std::string hint_;
};

/// Bad flags or arguments (exit 2).
struct UsageError : Error {
  explicit UsageError(const std::string& m, std::string hint = {})
      : Error(ExitCode::usage, m, std::move(hint)) {}
};

/// relctl.toml or .env is missing, malformed or inconsistent (exit 2).
struct ConfigError : Error {
  explicit ConfigError(const std::string& m, std::string hint = {})
      : Error(ExitCode::usage, m, std::move(hint)) {}
};

/// A database, remote or other dependency is unreachable or refused us (exit 3).
struct DependencyError : Error {
  explicit DependencyError(const std::string& m, std::string hint = {})
      : Error(ExitCode::dependency, m, std::move(hint)) {}
};

/// Another run holds the environment's lock (exit 4).
struct LockedError : Error {
  explicit LockedError(const std::string& m, std::string hint = {})
      : Error(ExitCode::locked, m, std::move(hint)) {}
};

/// A gate's check failed or its action could not be done (exit 1).
struct GateError : Error {
  explicit GateError(const std::string& m, std::string hint = {})
      : Error(ExitCode::gate_failed, m, std::move(hint)) {}
};

/// There is nothing to release (no commit since the last release, the same
/// snapshot again). The runner ends the run there with the status
/// "nothing-to-release" and exit 0, or fails it (exit 1) under --require-changes.
struct NothingToRelease : GateError {
  explicit NothingToRelease(const std::string& m, std::string hint = {})
      : GateError(m, std::move(hint)) {}
};

/// The user pressed Ctrl-C (exit 130).
struct Interrupted : Error {
  Interrupted() : Error(ExitCode::interrupted, "interrupted") {}
};

}  // namespace relctl
