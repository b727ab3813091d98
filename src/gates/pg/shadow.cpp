// pg.shadow: a rehearsal on a scratch database on the same server: every
// migration from zero, then the schema guard and the function checks there.
// The scratch database is always dropped: after success, after a failure and
// after Ctrl-C (the statement in flight is cancelled, then the drop runs).

#include <fmt/format.h>

#include <cctype>

#include "gates/pg/common.hpp"
#include "gates/registered.hpp"
#include "relctl/core/error.hpp"
#include "relctl/pg/connections.hpp"

namespace relctl::gates {

namespace {

std::string scratch_name(const std::string& run_id) {
  std::string name = "relctl_shadow_";
  for (char c : run_id) name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

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

class PgShadow final : public RegisteredGate {
 public:
  explicit PgShadow(ReleaseTree tree) : RegisteredGate("pg.shadow"), tree_(std::move(tree)) {}

  core::Outcome run(core::Context& ctx) override {
    const PgTarget target = pg_target(ctx);
    const auto mode = pg_transaction_mode(ctx);
    const auto files = pg_migrations(ctx, tree_);
    pg::Connection& admin = pg_connection(ctx, target);
    const std::string name = scratch_name(ctx.run_id);

    std::string summary;
    try {
      create(admin, name);
      summary = rehearse(ctx, target, files, mode, name);
    } catch (...) {
      if (const std::string problem = drop(admin, name); !problem.empty()) {
        ctx.reporter.note("relctl: could not drop the scratch database " + name + ": " + problem +
                          "; drop it by hand");
      }
      throw;
    }
    if (const std::string problem = drop(admin, name); !problem.empty()) {
      throw GateError("the rehearsal passed but the scratch database " + name +
                          " could not be dropped: " + problem,
                      "drop it by hand: DROP DATABASE " + pg::quote_ident(name));
    }
    return core::Outcome::pass(summary + "; dropped it");
  }

 private:
  static void create(pg::Connection& admin, const std::string& name) {
    try {
      admin.query("CREATE DATABASE " + pg::quote_ident(name));
    } catch (const pg::QueryError& e) {
      throw DependencyError(
          "cannot create the scratch database " + name + ": " + e.server_message(),
          "grant CREATEDB to the role in the connection string, or set "
          "[migrations] shadow = false");
    }
  }

  std::string rehearse(core::Context& ctx, const PgTarget& target,
                       const std::vector<pg::MigrationFile>& files, pg::TransactionMode mode,
                       const std::string& name) {
    auto scratch = ctx.pg->open(target.db->name, name);
    pg::ensure_history(*scratch);
    std::vector<const pg::MigrationFile*> all;
    for (const auto& f : files) all.push_back(&f);
    // The same engine as pg.migrate: a history that deployed file by file
    // replays here in one run (enum values commit before their use).
    const pg::ApplyOptions options{mode, ctx.run_id, ctx.config->migrations.mixed, &files};
    const pg::ConnectOptions session = ctx.pg->connect_options(target.db->name, name);
    try {
      pg::apply_migrations({*scratch, session, ctx.redactor}, all, options);
    } catch (const GateError& e) {
      throw GateError(fmt::format("on the scratch database: {}", e.what()), e.hint());
    }
    std::string summary = fmt::format("{} migration{} applied from zero on scratch database {}",
                                      files.size(), files.size() == 1 ? "" : "s", name);
    auto verify = [&](const char* what, auto&& check) {
      try {
        const core::Outcome o = check();
        summary += fmt::format("; {}: {}", what, o.message);
      } catch (const GateError& e) {
        throw GateError(fmt::format("on the scratch database, {}: {}", what, e.what()), e.hint());
      }
    };
    if (ctx.config->schema_guard) {
      verify("schema guard", [&] { return check_schema_guard(ctx, *scratch, tree_); });
    }
    if (!ctx.config->functions.empty()) {
      verify("functions", [&] { return check_functions(ctx, *scratch); });
    }
    return summary;
  }

  ReleaseTree tree_;
};

}  // namespace

std::unique_ptr<core::Gate> make_pg_shadow(ReleaseTree tree) {
  return std::make_unique<PgShadow>(std::move(tree));
}

}  // namespace relctl::gates
