// relctl migrate --env ENV [--from-tag TAG] [--confirm PHRASE]: applies the
// pending migrations to an environment's database, for development
// databases and one-off catch-ups (SPEC §4). The pipeline is the list below.

#include <cstdio>

#include "app.hpp"
#include "relctl/core/error.hpp"
#include "relctl/gates/env.hpp"
#include "relctl/gates/pg.hpp"
#include "relctl/pg/connections.hpp"
#include "session.hpp"

namespace relctl::cli {

namespace {

core::Pipeline migrate_pipeline(const config::Environment& env, const gates::ReleaseTree& tree,
                                const std::optional<std::string>& confirm) {
  core::Pipeline p;
  // A protected environment asks for its phrase before relctl even connects.
  if (env.is_protected) p.push_back(gates::make_env_confirm(confirm));
  // Reach the database first: every later gate needs it, and an unreachable
  // database should say so (exit 3) before anything else.
  p.push_back(gates::make_pg_connect());
  // Before anything writes: a prod run aimed at the dev database stops here.
  p.push_back(gates::make_pg_env_guard());
  // One run per environment at a time: two runs' migrations must never interleave.
  p.push_back(gates::make_pg_lock());
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

}  // namespace

void add_migrate_command(CLI::App& app, Globals& g, Handlers& h) {
  struct Args {
    std::string env;
    std::string from_tag;
    std::string confirm;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand(
      "migrate",
      "apply pending migrations to an environment's database (work tree or a tag's tree)");
  cmd->add_option("--env", args->env, "the environment whose database to migrate")->required();
  cmd->add_option("--from-tag", args->from_tag,
                  "read the migrations from this tag's tree instead of the work tree");
  auto* confirm = cmd->add_option("--confirm", args->confirm,
                                  "the confirmation phrase of a protected environment");

  h["migrate"] = [&g, args, confirm] {
    Session session(g, "migrate", /*config_required=*/true);
    const config::Config& cfg = *session.config();
    const config::Environment* env = cfg.find_environment(args->env);
    if (!env) {
      throw UsageError(
          "--env " + args->env + ": no [environments." + args->env + "] in " + cfg.file.string(),
          "add that environment to relctl.toml or pass one that exists");
    }
    core::Context& ctx = session.context();
    ctx.release.env = args->env;
    if (!args->from_tag.empty()) ctx.vars["tag"] = args->from_tag;

    pg::Connections connections(cfg, ctx.run_id, ctx.redactor);
    ctx.pg = &connections;
    std::optional<std::string> phrase;
    if (confirm->count() > 0) phrase = args->confirm;
    core::Pipeline pipeline = migrate_pipeline(*env, {args->from_tag}, phrase);
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
