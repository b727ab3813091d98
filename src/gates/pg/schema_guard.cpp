// pg.schema-guard: the application's schema version (a file in the
// release's tree, or a variable) against the database's (db_version_sql),
// with SPEC §6's rules (schema_rules.hpp).

#include <cctype>
#include <cstdlib>

#include "gates/pg/common.hpp"
#include "gates/pg/schema_rules.hpp"
#include "gates/registered.hpp"
#include "relctl/core/error.hpp"
#include "relctl/release/tree.hpp"

namespace relctl::gates {

namespace {

// The application's version and where it came from.
std::pair<std::string, std::string> app_version(const core::Context& ctx,
                                                const config::SchemaGuard& guard,
                                                const ReleaseTree& tree) {
  const auto& src = guard.app_version;
  switch (src.from) {
    case config::ValueSource::From::file: {
      const auto text = release::read_file_at(ctx.root(), tree.tag, src.value);
      if (!text) {
        throw GateError(src.value + " (the application's schema version) is not in " +
                            release::describe_tree(tree.tag),
                        "commit the file, or point [schema_guard] app_version elsewhere");
      }
      std::string version = *text;
      while (!version.empty() && std::isspace(static_cast<unsigned char>(version.back()))) {
        version.pop_back();
      }
      return {version, src.value + " in " + release::describe_tree(tree.tag)};
    }
    case config::ValueSource::From::env: {
      const char* v = std::getenv(src.value.c_str());
      if (!v || !*v) {
        throw GateError("$" + src.value + " (the application's schema version) is not set",
                        "export it, or use app_version = { file = \"SCHEMA_VERSION\" }");
      }
      return {v, "$" + src.value};
    }
    default:
      throw ConfigError(
          "[schema_guard] app_version must be { file = \"...\" } or { env = \"...\" }",
          "for example app_version = { file = \"SCHEMA_VERSION\" }");
  }
}

class PgSchemaGuard final : public RegisteredGate {
 public:
  explicit PgSchemaGuard(ReleaseTree tree)
      : RegisteredGate("pg.schema-guard"), tree_(std::move(tree)) {}

  core::Outcome run(core::Context& ctx) override {
    const PgTarget target = pg_target(ctx);
    if (!ctx.config->schema_guard) return core::Outcome::skip("no [schema_guard] in relctl.toml");
    pg::Connection& conn = pg_connection(ctx, target);
    try {
      return check_schema_guard(ctx, conn, tree_);
    } catch (const GateError& e) {
      // A dry run has not applied the pending migrations the version depends on.
      if (ctx.dry_run()) {
        if (const auto n = pg_pending_count(ctx, conn, tree_); n > 0) {
          return core::Outcome::skip(std::to_string(n) +
                                     " pending migration(s) would run first, so the database's "
                                     "version after them is unknown (" +
                                     e.what() +
                                     "); set [migrations] shadow = true for a full rehearsal");
        }
      }
      throw;
    }
  }

 private:
  ReleaseTree tree_;
};

}  // namespace

core::Outcome check_schema_guard(const core::Context& ctx, pg::Connection& conn,
                                 const ReleaseTree& tree) {
  const config::SchemaGuard& guard = *ctx.config->schema_guard;
  const auto [app, app_from] = app_version(ctx, guard, tree);
  if (guard.db_version_sql.empty()) {
    throw ConfigError("[schema_guard] has no db_version_sql",
                      "set db_version_sql = \"SELECT ...\" returning the database's version");
  }
  std::optional<std::string> db;
  try {
    pg::ScopedTransaction read_only(conn, /*read_only=*/true);
    db = conn.query_value(guard.db_version_sql);
  } catch (const pg::QueryError& e) {
    throw GateError("db_version_sql failed: " + e.server_message(),
                    "fix [schema_guard] db_version_sql, or run the migrations that create what "
                    "it reads");
  }
  if (!db) {
    throw GateError("db_version_sql returned no version (no row, or NULL)",
                    "did the migration that records the schema version run?");
  }
  const SchemaVerdict v = judge_schema_versions(app, *db);
  const std::string details =
      to_details({{"app_version", app}, {"app_version_from", app_from}, {"db_version", *db}});
  if (!v.ok && tree.rollback) {
    throw GateError(v.message + " (application version from " + app_from +
                        "): rollback stops: " + tree.tag +
                        " cannot run on this database's schema, and relctl never reverts "
                        "applied migrations",
                    "write a new forward migration that makes the schema fit " + tree.tag +
                        " (never edit an applied one), release it and promote that release");
  }
  if (!v.ok) throw GateError(v.message + " (application version from " + app_from + ")", v.hint);
  return core::Outcome::pass(v.message, details);
}

std::unique_ptr<core::Gate> make_pg_schema_guard(ReleaseTree tree) {
  return std::make_unique<PgSchemaGuard>(std::move(tree));
}

}  // namespace relctl::gates
