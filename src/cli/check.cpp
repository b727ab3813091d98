// relctl check <gate-id>... [--env ENV]: run read-only gates alone; relctl
// check commits [RANGE] lints commits (check_commits.cpp).

#include "app.hpp"
#include "relctl/core/error.hpp"
#include "relctl/gates/registry.hpp"
#include "session.hpp"

namespace relctl::cli {

void add_check_command(CLI::App& app, Globals& g, Handlers& h) {
  struct Args {
    std::vector<std::string> ids;
    std::string env;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand(
      "check", "run single read-only gates; `check commits [RANGE]` lints commit messages");
  cmd->add_option("gate-id", args->ids,
                  "gates to run, in order; or `commits` and a RANGE (default: since the last "
                  "release tag)")
      ->required()
      ->type_name("GATE");
  cmd->add_option("--env", args->env, "the environment the gates look at");

  h["check"] = [&g, args] {
    if (args->ids.front() == "commits") return check_commits(g, args->ids);
    core::Pipeline pipeline;
    for (const auto& id : args->ids) {
      const auto* entry = gates::find_gate(id);
      if (!entry) {
        throw UsageError("no gate named '" + id + "'", "`relctl gates list` shows every gate id");
      }
      if (entry->kind == core::Kind::action || !entry->make_alone) {
        throw UsageError("'" + id + "' cannot run alone: it is an action or needs its pipeline",
                         "`relctl check` runs read-only checks only");
      }
      pipeline.push_back(entry->make_alone());
    }
    Session session(g, "check", /*config_required=*/true);
    if (!args->env.empty()) {
      if (!session.config()->find_environment(args->env)) {
        throw UsageError("--env " + args->env + ": no [environments." + args->env + "] in " +
                             session.config()->file.string(),
                         "add that environment to relctl.toml or pass one that exists");
      }
      session.context().release.env = args->env;
    }
    return session.execute(pipeline);
  };
}

}  // namespace relctl::cli
