#include "gates/pg/scratch.hpp"

#include <fmt/format.h>

#include <cctype>

#include "relctl/core/error.hpp"
#include "relctl/pg/connections.hpp"

namespace relctl::gates {

namespace {

// Drops `name`; returns what went wrong, empty on success. Runs even after Ctrl-C.
std::string drop(pg::Connection& admin, const std::string& name) {
  pg::Uninterruptible quiet(admin);
  try {
    const bool force = admin.server_version_num() >= 130000;
    admin.query("DROP DATABASE IF EXISTS " + pg::quote_ident(name) +
                (force ? " WITH (FORCE)" : ""));
    return {};
  } catch (const Error& e) {
    return e.what();
  }
}

void create(pg::Connection& admin, const std::string& name) {
  try {
    admin.query("CREATE DATABASE " + pg::quote_ident(name));
  } catch (const pg::QueryError& e) {
    throw ScratchRefused("cannot create the scratch database " + name + ": " + e.server_message(),
                         "grant CREATEDB to the role in the connection string, or set "
                         "[migrations] shadow = false");
  }
}

std::size_t apply_all(core::Context& ctx, const PgTarget& target, const ReleaseTree& tree,
                      const std::string& name, const std::function<void(pg::Connection&)>& use) {
  const auto files = pg_migrations(ctx, tree);
  auto scratch = ctx.pg->open(target.db->name, name);
  pg::ensure_history(*scratch);
  std::vector<const pg::MigrationFile*> all;
  for (const auto& f : files) all.push_back(&f);
  // The same engine as pg.migrate: a history that deployed file by file
  // replays here in one run (enum values commit before their use).
  const pg::ApplyOptions options{pg_transaction_mode(ctx), ctx.run_id, ctx.config->migrations.mixed,
                                 &files};
  const pg::ConnectOptions session = ctx.pg->connect_options(target.db->name, name);
  try {
    pg::apply_migrations({*scratch, session, ctx.redactor}, all, options);
  } catch (const GateError& e) {
    throw GateError(fmt::format("on the scratch database: {}", e.what()), e.hint());
  }
  use(*scratch);
  return files.size();
}

}  // namespace

std::string scratch_name(const std::string& run_id, const std::string& suffix) {
  std::string name = "relctl_shadow_";
  for (char c : run_id) name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name + suffix;
}

std::size_t with_scratch_database(core::Context& ctx, const PgTarget& target,
                                  const ReleaseTree& tree, const std::string& name,
                                  const std::function<void(pg::Connection&)>& use) {
  pg::Connection& admin = pg_connection(ctx, target);
  std::size_t applied = 0;
  try {
    create(admin, name);
    applied = apply_all(ctx, target, tree, name, use);
  } catch (...) {
    if (const std::string problem = drop(admin, name); !problem.empty()) {
      ctx.reporter.note("relctl: could not drop the scratch database " + name + ": " + problem +
                        "; drop it by hand");
    }
    throw;
  }
  if (const std::string problem = drop(admin, name); !problem.empty()) {
    throw GateError("the scratch database " + name + " could not be dropped: " + problem,
                    "drop it by hand: DROP DATABASE " + pg::quote_ident(name));
  }
  return applied;
}

}  // namespace relctl::gates
