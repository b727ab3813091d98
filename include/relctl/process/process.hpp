#pragma once
// Runs a user command as argv (no shell) in its own process group, with a
// timeout, extra environment and captured output; Ctrl-C (the runner's
// interrupt flag) and the timeout kill the whole group.

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace relctl::gates {

struct ProcessSpec {
  std::vector<std::string> argv;
  std::filesystem::path cwd;
  std::map<std::string, std::string> env;  // added to relctl's own environment
  std::chrono::milliseconds timeout{0};    // 0 = none
  size_t max_output = 256 * 1024;          // keep the last this many bytes
};

struct ProcessResult {
  int exit_code = -1;  // when it exited
  int signal = 0;      // when a signal ended it
  bool timed_out = false;
  bool interrupted = false;
  std::string output;  // stdout and stderr interleaved (the tail when long)
  bool truncated = false;
  long long duration_ms = 0;
};

/// Runs `spec` to completion (or until the timeout or Ctrl-C). Throws
/// GateError when the program cannot be started at all.
ProcessResult run_command(const ProcessSpec& spec);

}  // namespace relctl::gates
