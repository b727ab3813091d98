// relctl version [--next] [--package NAME]: the current (or next) version
// alone on stdout, for scripts. Reads the repository, writes nothing.

#include <nlohmann/json.hpp>

#include "app.hpp"
#include "relctl/core/error.hpp"
#include "relctl/gates/version.hpp"
#include "relctl/git/repository.hpp"
#include "relctl/release/shape.hpp"
#include "report/json_document.hpp"
#include "session.hpp"

namespace relctl::cli {

git::Repository& script_repository(Session& session) {
  git::Repository* repo = session.repository();
  if (!repo) {
    throw UsageError("not inside a git repository: " + session.context().root().string(),
                     "run it in the project's work tree, or pass -C DIR");
  }
  return *repo;
}

release::ReleasePlan next_release_plan(Session& session, const std::string& package) {
  release::ReleasePlan plan;
  plan.shape = release::code_release_shape(*session.config(), {false, false, true, true});
  plan.package = package;
  gates::plan_next_release(session.context(), script_repository(session), plan);
  return plan;
}

void add_version_command(CLI::App& app, Globals& g, Handlers& h) {
  struct Args {
    bool next = false;
    std::string package;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand(
      "version", "print the current release's version alone (--next: the next one), for scripts");
  cmd->add_flag("--next", args->next,
                "the version the next code-release would give, from the commits since");
  cmd->add_option("--package", args->package, "the [[packages]] entry whose version to print")
      ->type_name("NAME");

  h["version"] = [&g, args]() -> int {
    Session session(g, "version", /*config_required=*/true);
    const config::Config* cfg = session.config();
    if (cfg && !cfg->packages.empty() && args->package.empty()) {
      throw UsageError("relctl.toml declares [[packages]]: each has its own version",
                       "pass --package NAME");
    }
    std::string version, tag;
    if (args->next) {
      const auto plan = next_release_plan(session, args->package);
      version = plan.packages.front().version;
      tag = plan.packages.front().tag;
    } else {
      const auto current =
          gates::current_release(session.context(), script_repository(session), args->package);
      if (!current) {
        throw GateError("no release yet: no release tag is reachable from HEAD",
                        "`relctl version --next` prints the version the first release gets");
      }
      version = current->version;
      tag = current->tag;
    }
    if (g.options.json) {
      auto doc = report::envelope("version", "passed", 0);
      doc["version"] = version;
      doc["tag"] = tag;
      doc["next"] = args->next;
      if (!args->package.empty()) doc["package"] = args->package;
      report::print_json(doc);
    } else {
      print_out("{}\n", version);
    }
    return 0;
  };
}

}  // namespace relctl::cli
