#pragma once
// The record of one gate and of one whole run: what reporters print, what the
// JSON output serialises and what the ledger stores.

#include <string>
#include <vector>

#include "relctl/core/clock.hpp"
#include "relctl/core/gate.hpp"

namespace relctl::core {

struct GateResult {
  std::string id;
  Kind kind = Kind::check;
  Severity severity = Severity::hard;
  Status status = Status::passed;
  std::string message;
  std::string hint;
  long long duration_ms = 0;
  std::string details_json = "{}";
  int exit_code = 0;                // the failure's exit code (1, 3, 4, 130); 0 otherwise
  bool ends_run = false;            // Outcome::done(): nothing is left to do, the run ends here
  bool nothing_to_release = false;  // the gate threw NothingToRelease (ends_run too)
};

/// What a release produced: tags, branch and commit (SPEC §7 "release").
struct Release {
  std::vector<std::string> tags;
  std::string branch;
  std::string commit;
  std::string version;
  std::string env;
};

enum class RunStatus { running, passed, failed, interrupted, nothing_to_release };
/// "passed", "failed", "interrupted", "nothing-to-release" (and "running").
std::string_view to_string(RunStatus s);

struct RunResult {
  std::string run_id;
  std::string command;
  bool dry_run = false;
  RunStatus status = RunStatus::running;
  int exit_code = 0;
  Release release;
  std::vector<GateResult> gates;
  TimePoint started_at{};
  TimePoint finished_at{};
};

}  // namespace relctl::core
