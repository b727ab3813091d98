#pragma once
// What the Postgres gates share: finding the run's database, reaching it,
// reading the release's migrations, and JSON details.

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "relctl/config/config.hpp"
#include "relctl/core/context.hpp"
#include "relctl/gates/pg.hpp"
#include "relctl/pg/connection.hpp"
#include "relctl/pg/migrations.hpp"

namespace relctl::gates {

/// The environment (null when the run has none) and the database a gate works on.
struct PgTarget {
  const config::Environment* env = nullptr;
  const config::Database* db = nullptr;
  /// "environment prod (database warehouse)" or "database warehouse".
  std::string describe() const;
};

/// The run's environment and its database; without an environment, the only
/// configured database. Throws ConfigError/UsageError saying what is missing.
PgTarget pg_target(const core::Context& ctx);
/// [databases.<database>] itself when `database` is given (data.export's
/// source), else pg_target(ctx).
PgTarget pg_target(const core::Context& ctx, const std::string& database);

/// The shared connection to the target's database (opened on first use).
pg::Connection& pg_connection(core::Context& ctx, const PgTarget& target);

/// The release's migration files ([migrations] dir in `tree`).
std::vector<pg::MigrationFile> pg_migrations(const core::Context& ctx, const ReleaseTree& tree);

/// [migrations] transaction as the engine's mode; throws ConfigError if unknown.
pg::TransactionMode pg_transaction_mode(const core::Context& ctx);

/// How many migrations are pending on `conn` (0 when the files cannot be read).
std::size_t pg_pending_count(const core::Context& ctx, pg::Connection& conn,
                             const ReleaseTree& tree);

/// `j` as the text an Outcome carries.
inline std::string to_details(const nlohmann::json& j) {
  return j.dump();
}

/// Runs the schema guard against `conn` (pg.schema-guard and pg.shadow).
core::Outcome check_schema_guard(const core::Context& ctx, pg::Connection& conn,
                                 const ReleaseTree& tree);
/// Checks [[functions]] against `conn` (pg.functions and pg.shadow).
core::Outcome check_functions(const core::Context& ctx, pg::Connection& conn);

}  // namespace relctl::gates
