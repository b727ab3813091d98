// relctl migrate --env ENV [--from-tag TAG] [--confirm PHRASE]: applies the
// pending migrations to an environment's database, for development
// databases and one-off catch-ups. relctl migrate baseline --env ENV
// [--from TOOL | --version V]: adopts a database another tool migrated. The
// pipelines are in src/pipelines/migrate.cpp.

#include "app.hpp"
#include "relctl/core/error.hpp"
#include "relctl/pg/baseline.hpp"
#include "relctl/pipelines/pipelines.hpp"
#include "session.hpp"

namespace relctl::cli {

namespace {

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
    std::optional<std::string> phrase;
    if (confirm->count() > 0 || baseline_confirm->count() > 0) phrase = args->confirm;
    core::Pipeline pipeline = adopting ? pipelines::migrate_baseline(env, args->baseline, phrase)
                                       : pipelines::migrate(env, {args->from_tag}, phrase);
    return session.execute(pipeline);
  };
}

}  // namespace relctl::cli
