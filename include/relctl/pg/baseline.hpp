#pragma once
// Adopting a database that another tool migrated: reading that tool's
// history table (Flyway, Liquibase, golang-migrate, goose, dbmate, sqitch,
// Prisma, Supabase), mapping its entries to the migration files, and
// recording them in relctl.schema_history with relctl's checksums.

#include <string>
#include <vector>

#include "relctl/pg/migrations.hpp"

namespace relctl::pg {

class Connection;

/// Another tool's history table in the database.
struct ForeignHistory {
  std::string
      tool;  // flyway | liquibase | golang-migrate | goose | dbmate | sqitch | prisma | supabase
  std::string table;  // schema-qualified: "public.flyway_schema_history"
};

/// The tools `migrate baseline --from` accepts, in the order relctl looks for them.
const std::vector<std::string>& baseline_tools();

/// The other tools' history tables in the database `conn` is connected to. Read-only.
std::vector<ForeignHistory> find_foreign_histories(Connection& conn);

/// One file to record as applied, and why relctl believes it is.
struct BaselineEntry {
  const MigrationFile* file = nullptr;
  std::string evidence;  // "Flyway version 3 (V3__jobs.sql, checksum matches)"
};

struct BaselinePlan {
  std::string source;                  // "Flyway's public.flyway_schema_history", "--version 5"
  std::vector<BaselineEntry> entries;  // in version order
  std::vector<std::string> notes;      // rows relctl leaves aside (repeatable migrations, ...)
};

/// Maps `history`'s applied entries to `files`. Throws GateError listing
/// every disagreement: an applied entry without a file, a file whose content
/// differs from what the tool recorded (Flyway's CRC32, Prisma's SHA-256,
/// Liquibase's changeset count), a failed or dirty entry, or a file that the
/// tool did not apply but is older than one it did.
BaselinePlan plan_baseline(Connection& conn, const ForeignHistory& history,
                           const std::vector<MigrationFile>& files);

/// Every file up to and including `version` (`--version V`); GateError when
/// no file has that version.
BaselinePlan plan_baseline_to(const std::string& version, const std::vector<MigrationFile>& files);

/// Writes `plan` into relctl.schema_history (creating it if needed) in one
/// transaction, as status `baseline`. Throws GateError when the history
/// already records migrations: baseline adopts a database relctl has not
/// migrated yet.
void write_baseline(Connection& conn, const BaselinePlan& plan, const std::string& run_id);

/// Deletes the rows `write_baseline` wrote in run `run_id` (undo).
void remove_baseline(Connection& conn, const std::string& run_id);

/// Flyway's checksum of a script: CRC32 over its lines without line ends
/// (a BOM removed), as a signed 32-bit number.
int flyway_checksum(std::string_view sql);

}  // namespace relctl::pg
