#pragma once
// Reading what `git push --porcelain` printed (stdout and stderr together):
// the status of each ref, what the remote said, and git's own errors.

#include <string>
#include <utility>
#include <vector>

namespace relctl::git {

/// What a push did, ref by ref.
struct PushReport {
  std::vector<std::string> accepted;                          // full ref names
  std::vector<std::pair<std::string, std::string>> rejected;  // ref, the reason
  std::string remote_output;  // the remote's lines ("remote: " removed), trimmed
  std::string git_output;     // git's own lines (error:, fatal:, hints), trimmed
  bool ok() const { return rejected.empty(); }
  /// True when git printed a status line for at least one ref.
  bool has_statuses() const { return !accepted.empty() || !rejected.empty(); }
};

/// Parses the merged output of `git push --porcelain`.
PushReport parse_push_output(const std::string& output);

}  // namespace relctl::git
