#pragma once
// The ledger: every run, dry runs and failures included (SPEC §6 `runs`).
// An interface so the embedded SQLite ledger and a team's Postgres ledger are
// interchangeable; each implementation masks nothing itself: callers hand it
// already-redacted text.

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace relctl::core {

struct RunRecord {
  std::string run_id;
  std::string command;
  std::string argv;  // secrets masked
  std::string user;
  std::string host;
  std::string ci_url;
  std::string git_commit;
  std::string release;  // tags, comma separated
  std::string env;
  bool dry_run = false;
  std::string status;  // running | passed | failed | interrupted
  int exit_code = 0;
  std::string started_at;   // UTC ISO-8601
  std::string finished_at;  // empty while running
  std::string gates_json = "[]";
};

struct LedgerQuery {
  std::optional<std::string> env;
  std::optional<std::string> run_id;  // one run only
  int limit = 20;
};

class Ledger {
 public:
  virtual ~Ledger() = default;
  /// Inserts the run as `running` so that a crash still leaves a trace.
  virtual void begin(const RunRecord& run) = 0;
  /// Updates the row written by begin() with the final status and gates.
  virtual void finish(const RunRecord& run) = 0;
  /// Newest first.
  virtual std::vector<RunRecord> list(const LedgerQuery& query) = 0;
};

}  // namespace relctl::core

namespace relctl::core {

/// Opens (creating on first use) the SQLite ledger at `path`; also creates
/// its folder with a `.gitignore` of `*` so it never dirties a work tree.
/// Throws relctl::Error (exit 2) if the file cannot be created or read.
std::unique_ptr<Ledger> open_sqlite_ledger(const std::string& path);

}  // namespace relctl::core
