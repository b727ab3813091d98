#pragma once
// The parts of the migrator that src/pg/migrator.cpp puts together: running
// one file's statements, and writing its history row. Private to src/pg.

#include <optional>
#include <string>

#include "pg/script_session.hpp"
#include "relctl/pg/migrations.hpp"

namespace relctl::pg {

/// Where and why a file's statement failed.
struct FileFailure {
  int line = 0;  // of the file: the offending token when the server said, else the statement
  ServerError error;
};

struct FileRun {
  long long statements = 0;
  long long copied_rows = 0;
  std::optional<FileFailure> failure;
};

/// Runs the statements of `f` on `session`. `batched` (inside a transaction):
/// consecutive statements go to the server as one query of up to about a
/// megabyte; otherwise each statement is its own query, as psql sends them.
/// COPY ... FROM stdin sends its inline data. Stops at the first error.
/// Throws Interrupted and DependencyError (connection lost).
FileRun run_file(ScriptSession& session, const MigrationFile& f, bool batched,
                 bool standard_conforming_strings);

/// A history row's fields that change while a file runs.
struct HistoryEntry {
  const MigrationFile* file = nullptr;
  long long execution_ms = 0;
  std::string status;   // started | applied | failed | baseline
  std::string tx_mode;  // all | file | none
  std::string run_id;
};

/// SQL and parameters that insert `e` as the next rank (RETURNING rank).
std::pair<std::string, Params> history_insert(const HistoryEntry& e);
/// SQL and parameters that set the row of `rank` to `e`'s status and time.
std::pair<std::string, Params> history_update(int rank, const HistoryEntry& e);

}  // namespace relctl::pg
