#include "gates/pg/common.hpp"

#include "relctl/core/error.hpp"
#include "relctl/pg/connections.hpp"
#include "relctl/release/tree.hpp"

namespace relctl::gates {

std::string PgTarget::describe() const {
  if (env) return "environment " + env->name + " (database " + db->name + ")";
  return "database " + db->name;
}

PgTarget pg_target(const core::Context& ctx) {
  if (!ctx.config) {
    throw ConfigError("the Postgres gates need relctl.toml",
                      "run `relctl init`, then add [databases.NAME] with url_env");
  }
  const config::Config& cfg = *ctx.config;
  PgTarget t;
  if (!ctx.release.env.empty()) {
    t.env = cfg.find_environment(ctx.release.env);
    if (!t.env) {
      throw ConfigError("no [environments." + ctx.release.env + "] in " + cfg.file.string(),
                        "add that environment or pass one that exists");
    }
    if (t.env->database.empty()) {
      throw ConfigError("[environments." + t.env->name + "] has no database",
                        "set database = \"NAME\" to one of the [databases.NAME] sections");
    }
    t.db = cfg.find_database(t.env->database);
    if (!t.db) {
      throw ConfigError("[environments." + t.env->name + "] names database " + t.env->database +
                            ", but there is no [databases." + t.env->database + "]",
                        "add [databases." + t.env->database + "] with url_env, or fix the name");
    }
    return t;
  }
  if (cfg.databases.size() == 1) {
    t.db = &cfg.databases.front();
    return t;
  }
  if (cfg.databases.empty()) {
    throw ConfigError("no [databases.NAME] in " + cfg.file.string(),
                      "add one with url_env = \"VARIABLE_HOLDING_THE_URL\"");
  }
  throw UsageError("relctl.toml has several databases; which environment?", "pass --env ENV");
}

PgTarget pg_target(const core::Context& ctx, const std::string& database) {
  if (database.empty() || !ctx.config) return pg_target(ctx);
  PgTarget t;
  t.db = ctx.config->find_database(database);
  if (!t.db) {
    throw ConfigError("no [databases." + database + "] in " + ctx.config->file.string(),
                      "add [databases." + database + "] with url_env, or fix the name");
  }
  return t;
}

pg::Connection& pg_connection(core::Context& ctx, const PgTarget& target) {
  if (!ctx.pg) {
    throw Error(ExitCode::gate_failed, "internal error: no Postgres connections in this run",
                "this is a bug in relctl; please report it with the command you ran");
  }
  return ctx.pg->get(target.db->name);
}

std::vector<pg::MigrationFile> read_migrations(const std::filesystem::path& root,
                                               const std::string& tag, const std::string& dir) {
  if (std::error_code ec; tag.empty() && std::filesystem::is_directory(root / dir, ec)) {
    pg::refuse_irregular_entries(root / dir, dir);
  }
  auto files = release::read_dir_at(root, tag, dir);
  if (!files) {
    throw ConfigError(
        "migrations folder " + dir + " does not exist in " + release::describe_tree(tag),
        "create it, or set [migrations] dir in relctl.toml");
  }
  // Moved, not copied: a migration can be tens of megabytes.
  std::vector<std::pair<std::string, std::string>> entries;
  entries.reserve(files->size());
  for (auto& [name, bytes] : *files) entries.emplace_back(name, std::move(bytes));
  return pg::make_migrations(entries, dir + " (" + release::describe_tree(tag) + ")");
}

std::vector<pg::MigrationFile> pg_migrations(const core::Context& ctx, const ReleaseTree& tree) {
  const std::string dir = ctx.config ? ctx.config->migrations.dir : "migrations";
  return read_migrations(ctx.root(), tree.tag, dir);
}

pg::TransactionMode pg_transaction_mode(const core::Context& ctx) {
  const std::string& mode = ctx.config->migrations.transaction;
  if (mode == "all") return pg::TransactionMode::all;
  if (mode == "file") return pg::TransactionMode::file;
  throw ConfigError("[migrations] transaction = \"" + mode + "\" is not all or file",
                    "use \"all\" (one transaction for every pending file) or \"file\"");
}

std::size_t pg_pending_count(const core::Context& ctx, pg::Connection& conn,
                             const ReleaseTree& tree) {
  try {
    const auto files = pg_migrations(ctx, tree);
    return pg::compare_history(files, pg::load_history(conn), tree.rollback).pending.size();
  } catch (const ConfigError&) {
    return 0;
  }
}

}  // namespace relctl::gates
