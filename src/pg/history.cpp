// relctl.schema_history: creating it, reading it, and comparing it with the
// migration files.

#include <fmt/format.h>

#include <algorithm>

#include "pg/migrator_internal.hpp"
#include "relctl/pg/advisory_lock.hpp"
#include "relctl/pg/connection.hpp"
#include "relctl/pg/migrations.hpp"

namespace relctl::pg {

namespace {

constexpr const char* create_sql = R"sql(
CREATE SCHEMA IF NOT EXISTS relctl;
CREATE TABLE IF NOT EXISTS relctl.schema_history (
  rank         integer PRIMARY KEY,
  version      text NOT NULL,
  description  text NOT NULL,
  script       text NOT NULL,
  checksum     text NOT NULL,
  installed_by text NOT NULL,
  installed_on timestamptz NOT NULL DEFAULT now(),
  execution_ms integer NOT NULL,
  success      boolean NOT NULL,
  run_id       text NOT NULL,
  tx_mode      text NOT NULL DEFAULT 'all' CHECK (tx_mode IN ('all', 'file', 'none')),
  status       text NOT NULL DEFAULT 'applied'
               CHECK (status IN ('started', 'applied', 'failed', 'baseline'))
);
CREATE UNIQUE INDEX IF NOT EXISTS schema_history_version_applied
  ON relctl.schema_history (version) WHERE success;
COMMENT ON TABLE relctl.schema_history IS
  'Migrations applied by relctl (one row per file; see `relctl help migrate`)';
)sql";

// Tables created before relctl recorded `status` get the column; rows
// without success are failed ones (relctl wrote no `started` rows then).
constexpr const char* upgrade_sql = R"sql(
ALTER TABLE relctl.schema_history ADD COLUMN IF NOT EXISTS status text NOT NULL DEFAULT 'applied'
  CHECK (status IN ('started', 'applied', 'failed', 'baseline'));
UPDATE relctl.schema_history SET status = 'failed' WHERE NOT success AND status = 'applied';
)sql";

const MigrationFile* find_file(const std::vector<MigrationFile>& files, const std::string& v) {
  for (const auto& f : files) {
    if (compare_versions(f.version, v) == 0) return &f;
  }
  return nullptr;
}

}  // namespace

HistoryComparison compare_history(const std::vector<MigrationFile>& files,
                                  const std::vector<AppliedMigration>& history,
                                  bool newer_applied_expected) {
  HistoryComparison out;
  const AppliedMigration* newest = nullptr;
  for (const auto& row : history) {
    if (row.status == "started") {
      out.problems.push_back(fmt::format(
          "{} started in run {} ({}) and never finished: relctl was stopped or lost the "
          "connection while it ran outside a transaction, so any part of it may be applied; "
          "check the database, then delete that row (or set its status to 'applied' and "
          "success to true if all of it took effect)",
          row.script, row.run_id, row.installed_on));
      continue;
    }
    if (!row.success) {
      out.problems.push_back(fmt::format(
          "{} failed partway in run {} ({}): it ran outside a transaction, so part of it may "
          "be applied",
          row.script, row.run_id, row.installed_on));
      continue;
    }
    ++out.applied;
    if (!newest || compare_versions(row.version, newest->version) > 0) newest = &row;
  }
  const std::string newest_file_version = files.empty() ? "" : files.back().version;
  for (const auto& row : history) {
    if (!row.success) continue;
    const MigrationFile* file = find_file(files, row.version);
    if (!file) {
      const bool newer_than_files =
          files.empty() || compare_versions(row.version, newest_file_version) > 0;
      if (newer_applied_expected && newer_than_files) continue;
      out.problems.push_back(fmt::format(
          "{} was applied (rank {}, run {}) but its file is gone from the migrations folder",
          row.script, row.rank, row.run_id));
    } else if (file->checksum != row.checksum) {
      out.problems.push_back(
          fmt::format("{} was edited after it was applied (applied {}, file now {})", file->script,
                      row.checksum, file->checksum));
    }
  }
  for (const auto& f : files) {
    const bool applied = std::any_of(history.begin(), history.end(), [&](const auto& row) {
      return row.success && compare_versions(row.version, f.version) == 0;
    });
    if (applied) continue;
    out.pending.push_back(&f);
    if (newest && compare_versions(f.version, newest->version) < 0) {
      out.problems.push_back(
          fmt::format("{} is pending but older than the newest applied migration {}", f.script,
                      newest->script));
    }
  }
  return out;
}

bool history_exists(Connection& conn) {
  return relation_exists(conn, "relctl.schema_history");
}

std::vector<AppliedMigration> load_history(Connection& conn) {
  std::vector<AppliedMigration> out;
  if (!history_exists(conn)) return out;
  const Rows rows = conn.query(
      "SELECT rank::text, version, description, script, checksum, installed_by, "
      "       to_char(installed_on AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
      "       execution_ms::text, success::text, run_id, tx_mode, "
      // A table of an older relctl has no status column yet (this read creates nothing).
      "       coalesce(to_jsonb(h)->>'status', CASE WHEN success THEN 'applied' ELSE 'failed' END) "
      "FROM relctl.schema_history h ORDER BY rank");
  for (const Row& r : rows) {
    auto text = [&](std::size_t i) { return r[i].value_or(""); };
    AppliedMigration m;
    m.rank = std::stoi(text(0));
    m.version = text(1);
    m.description = text(2);
    m.script = text(3);
    m.checksum = text(4);
    m.installed_by = text(5);
    m.installed_on = text(6);
    m.execution_ms = std::stoll(text(7));
    m.success = text(8) == "true";
    m.run_id = text(9);
    m.tx_mode = text(10);
    m.status = text(11);
    out.push_back(std::move(m));
  }
  return out;
}

void ensure_history(Connection& conn) {
  create_once(conn, "relctl.schema_history", create_sql);
  const auto has_status = conn.query_value(
      "SELECT count(*) FROM pg_attribute WHERE attrelid = 'relctl.schema_history'::regclass "
      "AND attname = 'status' AND NOT attisdropped");
  if (has_status == "1") return;
  ScopedTransaction tx(conn);
  conn.query("SELECT pg_advisory_xact_lock($1::bigint)",
             {std::to_string(advisory_key("relctl.schema_history"))});
  conn.query(upgrade_sql);
  tx.commit();
}

std::pair<std::string, Params> history_insert(const HistoryEntry& e) {
  const MigrationFile& f = *e.file;
  return {
      "INSERT INTO relctl.schema_history (rank, version, description, script, checksum, "
      "  installed_by, execution_ms, success, run_id, tx_mode, status) "
      "SELECT coalesce(max(rank), 0) + 1, $1, $2, $3, $4, current_user, $5::integer, "
      "       $6::boolean, $7, $8, $9 "
      "FROM relctl.schema_history RETURNING rank",
      {f.version, f.description, f.script, f.checksum, std::to_string(e.execution_ms),
       e.status == "applied" || e.status == "baseline" ? "true" : "false", e.run_id, e.tx_mode,
       e.status}};
}

std::pair<std::string, Params> history_update(int rank, const HistoryEntry& e) {
  return {
      "UPDATE relctl.schema_history SET status = $2, success = $3::boolean, "
      "execution_ms = $4::integer WHERE rank = $1::integer",
      {std::to_string(rank), e.status, e.status == "applied" ? "true" : "false",
       std::to_string(e.execution_ms)}};
}

}  // namespace relctl::pg
