#pragma once
// Migration files, their history in relctl.schema_history (SPEC §6), and
// applying them. Files are `<version>_<description>.sql` (version = leading
// digits; Supabase's layout works unchanged); checksums are `sha256:` over
// the file with a UTF-8 BOM removed and CRLF turned into LF.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "relctl/core/error.hpp"

namespace relctl::core {
class Redactor;
}

namespace relctl::pg {

class Connection;
struct ConnectOptions;

struct MigrationFile {
  std::string version;      // leading digits of the name
  std::string description;  // the rest of the name, '_' read as spaces
  std::string script;       // the file name
  std::string sql;          // the content, BOM removed, CRLF as LF
  std::string checksum;     // "sha256:<64 hex>" of `sql`
  /// Runs outside a transaction: the first line is `-- relctl: no-transaction`,
  /// or the file carries goose's, dbmate's or postgres-migrations' marker.
  bool no_transaction = false;
  std::string marker;  // the line that made it no-transaction, for messages
  /// How much of `sql` relctl runs: a goose or dbmate down section (from
  /// `-- +goose Down` / `-- migrate:down` on) is not run.
  std::size_t run_size = 0;
  std::string_view runnable() const { return std::string_view(sql).substr(0, run_size); }
};

/// `raw` with a leading UTF-8 BOM removed and every CRLF turned into LF.
std::string normalise_sql_text(std::string_view raw);
/// "sha256:<hex>" of normalise_sql_text(raw).
std::string migration_checksum(std::string_view raw);
/// {version, description} of "<digits>_<description>.sql", or nullopt.
std::optional<std::pair<std::string, std::string>> parse_migration_name(std::string_view name);
/// Compares two versions (digit strings) by number: <0, 0, >0.
int compare_versions(std::string_view a, std::string_view b);

/// The migrations among `files` (name -> raw bytes), sorted by version.
/// Files not ending in .sql are ignored; a .sql file with another name, a
/// down migration (`*.down.sql`) or two files with one version throw
/// ConfigError naming them and `where`.
std::vector<MigrationFile> make_migrations(
    const std::vector<std::pair<std::string, std::string>>& files, const std::string& where);

/// Refuses (ConfigError, exit 2, naming each) the entries of `folder` named
/// like a migration that are not regular files: a directory, FIFO, device,
/// socket or dangling symlink. relctl never skips a migration silently, and
/// reading a FIFO would hang. `where` names the folder in the message.
void refuse_irregular_entries(const std::filesystem::path& folder, const std::string& where);

/// One row of relctl.schema_history.
struct AppliedMigration {
  int rank = 0;
  std::string version;
  std::string description;
  std::string script;
  std::string checksum;
  std::string installed_by;
  std::string installed_on;  // UTC ISO-8601
  long long execution_ms = 0;
  bool success = true;
  std::string run_id;
  std::string tx_mode;  // all | file | none
  /// applied | failed | started (a no-transaction file that never finished) |
  /// baseline (recorded by `relctl migrate baseline`, not run by relctl)
  std::string status;
};

/// How the files on disk relate to the history (pg.history's verdict).
struct HistoryComparison {
  std::vector<const MigrationFile*> pending;  // files not applied yet, in order
  std::vector<std::string> problems;          // one line each, naming the file
  std::size_t applied = 0;                    // successful rows
  bool ok() const { return problems.empty(); }
};

/// Compares `files` with the `history` rows: an applied file whose content
/// changed, an applied file that is gone, a pending file older than the
/// newest applied one, a failed (partial) migration and one that started
/// and never finished are problems. With
/// `newer_applied_expected` (rollbacks), applied versions newer than every
/// file are not reported as gone.
HistoryComparison compare_history(const std::vector<MigrationFile>& files,
                                  const std::vector<AppliedMigration>& history,
                                  bool newer_applied_expected = false);

/// True once relctl.schema_history exists.
bool history_exists(Connection& conn);
/// The history ordered by rank; empty when the table does not exist yet.
/// Read-only: never creates anything.
std::vector<AppliedMigration> load_history(Connection& conn);
/// Creates schema relctl and relctl.schema_history if missing, and adds the
/// columns later versions of relctl need to an older table (safe to race).
void ensure_history(Connection& conn);

enum class TransactionMode { all, file };

struct ApplyOptions {
  TransactionMode mode = TransactionMode::all;
  std::string run_id;
  /// [migrations] mixed: a file with a statement that cannot run in a
  /// transaction runs outside one instead of being refused.
  bool mixed = false;
  /// Every migration file of the release (pending or not): CALLs of
  /// procedures that commit are recognised wherever the procedure is created.
  const std::vector<MigrationFile>* all_files = nullptr;
  /// The session's standard_conforming_strings when a file starts.
  bool standard_conforming_strings = true;
};

/// How one pending file will run.
struct PlannedFile {
  const MigrationFile* file = nullptr;
  bool no_transaction = false;  // outside a transaction (header, marker, or mixed)
  std::string why;  // for no_transaction: "-- relctl: no-transaction", "VACUUM at line 3 (mixed)"
  bool ends_group = false;  // adds an enum value: its transaction commits after it
};

/// Files that run together: one transaction, or one no-transaction file.
using PlannedGroup = std::vector<PlannedFile>;

/// Reads every pending file before anything runs and groups them. Throws
/// GateError naming file and line for an unterminated comment, quote or
/// dollar quote, a psql meta-command or variable, BEGIN/COMMIT in a file
/// relctl wraps in a transaction, and (without `mixed`) a statement that
/// cannot run in a transaction in a file without the no-transaction header.
std::vector<PlannedGroup> plan_migrations(const std::vector<const MigrationFile*>& pending,
                                          const ApplyOptions& options);

struct AppliedFile {
  std::string script;
  long long execution_ms = 0;
  std::string tx_mode;        // all | file | none
  long long statements = 0;   // statements sent
  long long copied_rows = 0;  // rows loaded by COPY ... FROM stdin
};

/// Where apply_migrations runs: `bookkeeping` is the run's connection (it
/// records a failure when the migration session itself is lost); the files
/// run on a session of their own opened from `session`.
struct MigrationTarget {
  Connection& bookkeeping;
  const ConnectOptions& session;
  core::Redactor& redactor;
};

/// Applies `pending` (in order, planned by plan_migrations first) and records
/// each in the history, which must exist. `all`: consecutive files share one
/// transaction (committed early after a file that adds an enum value);
/// `file`: one each; a no-transaction file runs alone, outside a
/// transaction, with a `started` history row before its first statement.
/// Every file starts on a clean session and the history is written as the
/// connecting role. A failing statement (or COMMIT) rolls its transaction
/// back and throws GateError naming the file, the line and the server's
/// message, and saying what was applied and recorded; Interrupted and
/// DependencyError pass through after the rollback.
std::vector<AppliedFile> apply_migrations(const MigrationTarget& target,
                                          const std::vector<const MigrationFile*>& pending,
                                          const ApplyOptions& options);

}  // namespace relctl::pg
