#pragma once
// Running another program: spawned as argv (no shell) in its own process
// group, with extra environment, its output captured, a timeout; Ctrl-C (the
// runner's interrupt flag) and the timeout stop the whole group. A small
// guardian process watches the group: when relctl dies, even of kill -9, the
// group is killed; when the command ends, whatever it left running in its
// group is killed. Command gates run the user's [[gates.command]] entries
// through it.

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace relctl::process {

struct Spec {
  std::vector<std::string> argv;
  std::filesystem::path cwd;
  std::map<std::string, std::string> env;  // added to relctl's own environment
  std::vector<std::string> withheld;       // variables of relctl's environment it does not get
  std::chrono::milliseconds timeout{0};    // 0 = none
  size_t max_output = 256 * 1024;          // keep the last this many bytes
  /// Ctrl-C does not stop it: relctl waits for it to end (a push the remote
  /// may already be applying). Timeouts and relctl's death still stop it.
  bool finish_on_interrupt = false;
  /// Its own session, without a terminal: it can never stop to ask on one.
  bool own_session = false;
  std::optional<std::string> input;  // written to its stdin (default: /dev/null)
  bool separate_stderr = false;      // stderr into Result::errors, not output
};

struct Result {
  int exit_code = -1;  // when it exited
  int signal = 0;      // when a signal ended it
  bool timed_out = false;
  bool interrupted = false;
  std::string output;  // stdout and stderr interleaved (the tail when long)
  std::string errors;  // stderr, when Spec::separate_stderr (the tail when long)
  bool truncated = false;
  long long duration_ms = 0;
};

/// Runs `spec` to completion (or until the timeout or Ctrl-C). Throws
/// GateError when the program cannot be started at all.
Result run(const Spec& spec);

}  // namespace relctl::process
