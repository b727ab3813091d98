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

namespace relctl::pg {

class Connection;

struct MigrationFile {
  std::string version;          // leading digits of the name
  std::string description;      // the rest of the name, '_' read as spaces
  std::string script;           // the file name
  std::string sql;              // the content, BOM removed, CRLF as LF
  std::string checksum;         // "sha256:<64 hex>" of `sql`
  bool no_transaction = false;  // first line is `-- relctl: no-transaction`
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
/// Files not ending in .sql are ignored; a .sql file with another name, or two
/// files with one version, throw ConfigError naming them and `where`.
std::vector<MigrationFile> make_migrations(
    const std::vector<std::pair<std::string, std::string>>& files, const std::string& where);

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
/// newest applied one and a failed (partial) migration are problems. With
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
/// Creates schema relctl and relctl.schema_history if missing (safe to race).
void ensure_history(Connection& conn);

enum class TransactionMode { all, file };

struct ApplyOptions {
  TransactionMode mode = TransactionMode::all;
  std::string run_id;
};

struct AppliedFile {
  std::string script;
  long long execution_ms = 0;
  std::string tx_mode;  // all | file | none
};

/// Applies `pending` (in order) and records each in the history, which must
/// exist. `all`: consecutive files share one transaction; `file`: one each;
/// a no-transaction file always runs alone, outside a transaction. Before
/// running anything, a BEGIN/COMMIT inside a transactional file is refused.
/// A failing statement rolls its transaction back and throws GateError naming
/// the file, the line and the server's message, and saying what was applied;
/// Interrupted and DependencyError pass through after the rollback.
std::vector<AppliedFile> apply_migrations(Connection& conn,
                                          const std::vector<const MigrationFile*>& pending,
                                          const ApplyOptions& options);

}  // namespace relctl::pg
