#pragma once
// The Postgres gates (SPEC §3 pg.*). Each reaches its database through
// ctx.pg (pg::Connections) and picks it from the run's environment
// (ctx.release.env -> [environments.X].database), or the only configured
// database when no environment is given.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "relctl/core/gate.hpp"
#include "relctl/pg/migrations.hpp"

namespace relctl::gates {

/// Where a pipeline reads the release's files (migrations, the schema
/// version file, the smoke SQL): `tag`'s tree, or the work tree when empty.
struct ReleaseTree {
  std::string tag;
  /// A rollback to an older release: applied migrations newer than its files
  /// are expected, not drift, and a schema guard failure means a new forward
  /// migration is needed.
  bool rollback = false;
};

/// The migrations in `dir` (relative to `root`) of the work tree (empty
/// `tag`) or of `tag`'s tree. A folder that does not exist, and (in the work
/// tree) an entry named like a migration that is not a regular file, throw
/// ConfigError.
std::vector<pg::MigrationFile> read_migrations(const std::filesystem::path& root,
                                               const std::string& tag, const std::string& dir);

/// pg.connect: connects (timeout), reports server version, database, user.
/// `database` names a [databases.X] to use instead of the run's environment.
std::unique_ptr<core::Gate> make_pg_connect(std::string database = {});
/// pg.env-guard: current_database() and expect_vars match the environment
/// (or [databases.<database>] when given).
std::unique_ptr<core::Gate> make_pg_env_guard(std::string database = {});
/// pg.lock: the environment's session advisory lock, held until the run ends.
std::unique_ptr<core::Gate> make_pg_lock();
/// pg.history: applied migrations match the files.
std::unique_ptr<core::Gate> make_pg_history(ReleaseTree tree = {});
/// pg.migrate: applies the pending migrations.
std::unique_ptr<core::Gate> make_pg_migrate(ReleaseTree tree = {});
/// Where pg.baseline takes the applied migrations from: another tool's
/// history table (`tool` names it when several exist), or every file up to
/// `version` when that is set.
struct BaselineSource {
  std::string tool;
  std::string version;
};
/// pg.baseline: records the migrations another tool applied as applied.
std::unique_ptr<core::Gate> make_pg_baseline(BaselineSource source);
/// pg.shadow: every migration from zero on a scratch database, always dropped.
std::unique_ptr<core::Gate> make_pg_shadow(ReleaseTree tree = {});
/// pg.schema-guard: application schema version vs the database's (SPEC §6).
std::unique_ptr<core::Gate> make_pg_schema_guard(ReleaseTree tree = {});
/// pg.functions: the [[functions]] signatures exist in pg_proc.
std::unique_ptr<core::Gate> make_pg_functions(ReleaseTree tree = {});
/// pg.smoke: the environment's smoke SQL, statement by statement, rolled back.
std::unique_ptr<core::Gate> make_pg_smoke(ReleaseTree tree = {});
/// pg.checks: [[db_checks]] against the live database.
std::unique_ptr<core::Gate> make_pg_checks(ReleaseTree tree = {});

}  // namespace relctl::gates
