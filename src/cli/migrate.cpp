// relctl migrate --env ENV [--from-tag TAG] [--confirm PHRASE]: applies the
// pending migrations to an environment's database, for development
// databases and one-off catch-ups. The pipeline is the list below.
// relctl migrate baseline --env ENV [--from TOOL | --version V]: adopts a
// database another tool migrated (its own, shorter pipeline).

#include <cstdio>

#include "app.hpp"
#include "gates/env/gates.hpp"
#include "gates/pg/gates.hpp"
#include "relctl/core/error.hpp"
#include "relctl/pg/baseline.hpp"
#include "relctl/pg/connections.hpp"
#include "session.hpp"

namespace relctl::cli {

namespace {

// The gates both pipelines start with, up to the environment's lock.
core::Pipeline locked_start(const config::Environment& env,
                            const std::optional<std::string>& confirm) {
  core::Pipeline p;
  // A protected environment asks for its phrase before relctl even connects.
  if (env.is_protected) p.push_back(gates::make_env_confirm(confirm));
  // Reach the database first: every later gate needs it, and an unreachable
  // database should say so (exit 3) before anything else.
  p.push_back(gates::make_pg_connect());
  // Before anything writes: a prod run aimed at the dev database stops here.
  p.push_back(gates::make_pg_env_guard());
  // One run per environment at a time: two runs' migrations (or a migrate
  // and a baseline) must never interleave.
  p.push_back(gates::make_pg_lock());
  return p;
}

core::Pipeline migrate_pipeline(const config::Environment& env, const gates::ReleaseTree& tree,
                                const std::optional<std::string>& confirm) {
  core::Pipeline p = locked_start(env, confirm);
  // Under the lock, the applied history must still match the files: an
  // edited, missing or out-of-order migration stops the run before it writes.
  p.push_back(gates::make_pg_history(tree));
  // Apply what is pending (one transaction by default); a dry run lists it.
  p.push_back(gates::make_pg_migrate(tree));
  // After migrating: the database has the schema version the release expects...
  p.push_back(gates::make_pg_schema_guard(tree));
  // ...and the SQL functions the application calls.
  p.push_back(gates::make_pg_functions(tree));
  return p;
}

core::Pipeline baseline_pipeline(const config::Environment& env, gates::BaselineSource source,
                                 const std::optional<std::string>& confirm) {
  core::Pipeline p = locked_start(env, confirm);
  // Map the other tool's history to the files and record it; a dry run lists it.
  p.push_back(gates::make_pg_baseline(std::move(source)));
  return p;
}

const config::Environment& find_env(const config::Config& cfg, const std::string& name) {
  if (name.empty()) {
    throw UsageError("--env is required", "pass the environment whose database to migrate");
  }
  const config::Environment* env = cfg.find_environment(name);
  if (!env) {
    throw UsageError("--env " + name + ": no [environments." + name + "] in " + cfg.file.string(),
                     "add that environment to relctl.toml or pass one that exists");
  }
  return *env;
}

}  // namespace

void add_migrate_command(CLI::App& app, Globals& g, Handlers& h) {
  struct Args {
    std::string env;
    std::string from_tag;
    std::string confirm;
    gates::BaselineSource baseline;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand(
      "migrate",
      "apply pending migrations to an environment's database (work tree or a tag's tree)");
  // Required, but checked by hand: `migrate baseline --env ENV` takes it after the subcommand.
  cmd->add_option("--env", args->env, "the environment whose database to migrate (required)");
  cmd->add_option("--from-tag", args->from_tag,
                  "read the migrations from this tag's tree instead of the work tree");
  auto* confirm = cmd->add_option("--confirm", args->confirm,
                                  "the confirmation phrase of a protected environment");
  auto* baseline = cmd->add_subcommand(
      "baseline",
      "record the migrations another tool (Flyway, Liquibase, golang-migrate, goose, dbmate, "
      "sqitch, Prisma) applied as applied, or every file up to --version");
  baseline->add_option("--env", args->env, "the environment whose database to adopt")->required();
  baseline
      ->add_option("--from", args->baseline.tool,
                   "the tool whose history to read, when the database holds several")
      ->check(CLI::IsMember(pg::baseline_tools()));
  baseline->add_option("--version", args->baseline.version,
                       "record every file up to this version instead of reading a history");
  auto* baseline_confirm = baseline->add_option(
      "--confirm", args->confirm, "the confirmation phrase of a protected environment");
  baseline->get_option("--from")->excludes("--version");

  h["migrate"] = [&g, args, confirm, baseline, baseline_confirm] {
    const bool adopting = baseline->parsed();
    Session session(g, adopting ? "migrate baseline" : "migrate", /*config_required=*/true);
    const config::Config& cfg = *session.config();
    const config::Environment& env = find_env(cfg, args->env);
    if (adopting && !args->from_tag.empty()) {
      throw UsageError("--from-tag does not apply to migrate baseline",
                       "baseline reads the migrations of the work tree");
    }
    core::Context& ctx = session.context();
    ctx.release.env = args->env;
    if (!args->from_tag.empty()) ctx.vars["tag"] = args->from_tag;

    pg::Connections connections(cfg, ctx.run_id, ctx.redactor);
    ctx.pg = &connections;
    std::optional<std::string> phrase;
    if (confirm->count() > 0 || baseline_confirm->count() > 0) phrase = args->confirm;
    core::Pipeline pipeline = adopting ? baseline_pipeline(env, args->baseline, phrase)
                                       : migrate_pipeline(env, {args->from_tag}, phrase);
    const int code = session.execute(pipeline);
    // The environment's lock is held until here; an unlock the server did
    // not expect means someone else ended our session meanwhile.
    for (const auto& warning : connections.release_locks()) {
      std::fprintf(stderr, "relctl: warning: %s\n", ctx.redactor.mask(warning).c_str());
    }
    ctx.pg = nullptr;
    return code;
  };
}

}  // namespace relctl::cli
