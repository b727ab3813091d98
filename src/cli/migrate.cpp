// relctl migrate --env ENV [--from-tag TAG] [--confirm PHRASE]: applies the
// pending migrations to an environment's database, for development
// databases and one-off catch-ups (SPEC §4). The pipeline is in
// src/pipelines/migrate.cpp.

#include "app.hpp"
#include "relctl/core/error.hpp"
#include "relctl/pipelines/pipelines.hpp"
#include "session.hpp"

namespace relctl::cli {

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
    std::optional<std::string> phrase;
    if (confirm->count() > 0) phrase = args->confirm;
    core::Pipeline pipeline = pipelines::migrate(*env, {args->from_tag}, phrase);
    return session.execute(pipeline);
  };
}

}  // namespace relctl::cli
