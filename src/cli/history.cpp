// relctl history [--env ENV] [--limit N]: runs recorded in the ledger.
// relctl history RUN [--log]: one run's record, or its debug log.

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "app.hpp"
#include "deployment_json.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/log.hpp"
#include "relctl/core/output_file.hpp"
#include "relctl/core/redactor.hpp"
#include "relctl/pg/connections.hpp"
#include "relctl/pg/deployments.hpp"
#include "report/json_document.hpp"
#include "session.hpp"

namespace relctl::cli {

namespace {

nlohmann::json record_json(const core::RunRecord& r) {
  nlohmann::json gates = nlohmann::json::parse(r.gates_json, nullptr, false);
  if (gates.is_discarded()) gates = nlohmann::json::array();
  return {{"run_id", r.run_id},
          {"command", r.command},
          {"argv", r.argv},
          {"user", r.user},
          {"host", r.host},
          {"ci_url", r.ci_url},
          {"git_commit", r.git_commit},
          {"release", r.release},
          {"env", r.env},
          {"dry_run", r.dry_run},
          {"status", r.status},
          {"exit_code", r.exit_code},
          {"started_at", r.started_at},
          {"finished_at", r.finished_at},
          {"gates", gates}};
}

// The root whose .relctl/logs holds the run logs: the config's folder, or here.
std::filesystem::path project_root(const std::optional<config::Config>& config) {
  return config ? config->root : std::filesystem::current_path();
}

// relctl history RUN --log: the run's debug log, as it was written (masked).
int print_log(const Globals& g, const std::optional<config::Config>& config,
              const std::string& run) {
  const auto folder = core::logs_folder(project_root(config));
  const auto text = core::read_file(core::log_file(folder, run));
  if (!text) {
    throw UsageError("no debug log of run " + run + " in " + folder.string(),
                     "`relctl history` lists the runs; relctl keeps the logs of the newest " +
                         std::to_string(core::kept_logs) + " runs of this project");
  }
  if (g.options.json)
    return report::print_envelope("history", 0, {{"run_id", run}, {"log", *text}});
  print_out("{}", *text);
  return 0;
}

// relctl history RUN: the run's ledger record.
int print_run(const Globals& g, core::Ledger& ledger, const std::string& run) {
  core::LedgerQuery q;
  q.run_id = run;
  q.limit = 1;
  const auto runs = ledger.list(q);
  if (runs.empty()) {
    throw UsageError("no run " + run + " in the ledger", "`relctl history` lists the runs");
  }
  if (g.options.json) {
    return report::print_envelope("history", 0, {{"run", record_json(runs.front())}});
  }
  print_out("{}\n", report::cleaned(record_json(runs.front()))
                        .dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
  print_out("debug log: relctl history {} --log\n", run);
  return 0;
}

}  // namespace

void add_history_command(CLI::App& app, Globals& g, Handlers& h) {
  struct Args {
    std::string env;
    int limit = 20;
    std::string run;
    bool log = false;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("history", "runs recorded in the ledger, newest first");
  cmd->add_option("--env", args->env, "only runs against this environment");
  cmd->add_option("--limit", args->limit, "how many runs (default 20)")
      ->check(CLI::Range(1, 100000));
  cmd->add_option("run", args->run, "one run (its id): its record");
  cmd->add_flag("--log", args->log, "with RUN: print its debug log (.relctl/logs/RUN.log)");

  h["history"] = [&g, args] {
    if (args->log && args->run.empty()) {
      throw UsageError("--log needs a run: relctl history RUN --log",
                       "`relctl history` lists the runs with their ids");
    }
    const auto config = load_config(g.options, /*required=*/false);
    if (args->log) return print_log(g, config, args->run);
    auto ledger = open_ledger(config ? &*config : nullptr);
    if (!args->run.empty()) return print_run(g, *ledger, args->run);
    core::LedgerQuery q;
    if (!args->env.empty()) q.env = args->env;
    q.limit = args->limit;
    const auto runs = ledger->list(q);
    auto& redactor = core::redactor();
    // --env ENV: the environment's deployments too, from its own database
    // (the audit every machine shares), when relctl.toml knows the environment.
    std::vector<pg::Deployment> deployments;
    std::string unreachable;
    const config::Environment* env =
        config && !args->env.empty() ? config->find_environment(args->env) : nullptr;
    if (env) {
      try {
        pg::Connections connections(*config, "history", redactor);
        deployments = pg::list_deployments(connections.get(env->database), env->name, args->limit);
      } catch (const Error& e) {
        unreachable = redactor.mask(e.what());
      }
    }
    if (g.options.json) {
      nlohmann::json arr = nlohmann::json::array();
      for (const auto& r : runs) arr.push_back(record_json(r));
      nlohmann::json doc = {{"runs", arr}};
      if (env) {
        nlohmann::json deps = nlohmann::json::array();
        for (const auto& d : deployments) deps.push_back(deployment_json(d));
        doc["deployments"] = deps;
        if (!unreachable.empty()) doc["deployments_error"] = unreachable;
      }
      return report::print_envelope("history", 0, doc);
    }
    if (env) {
      print_out("deployments of {} (relctl.deployments in its database):\n", env->name);
      if (!unreachable.empty()) {
        print_out("  unreachable: {}\n", unreachable);
      } else if (deployments.empty()) {
        print_out("  none yet\n");
      } else {
        print_out("  {:>4}  {:<18}  {:<9}  {:<10}  {:<20}  {:<12}  {}\n", "ID", "TAG", "KIND",
                  "STATUS", "FINISHED", "BY", "REJECTED");
        for (const auto& d : deployments) {
          print_out("  {:>4}  {:<18}  {:<9}  {:<10}  {:<20}  {:<12}  {}\n", d.id, d.tag, d.kind,
                    d.status, d.finished_at, d.actor,
                    d.rejected ? "yes: " + d.rejected_reason : "-");
        }
      }
      print_out("\nruns against {} (the ledger):\n", env->name);
    }
    if (runs.empty()) {
      print_out("no runs recorded yet\n");
      return 0;
    }
    print_out("{:<26}  {:<20}  {:<13}  {:<11}  {:>4}  {:<7}  {:<8}  {}\n", "RUN", "STARTED",
              "COMMAND", "STATUS", "EXIT", "DRY-RUN", "ENV", "RELEASE");
    for (const auto& r : runs) {
      print_out("{:<26}  {:<20}  {:<13}  {:<11}  {:>4}  {:<7}  {:<8}  {}\n", r.run_id, r.started_at,
                r.command, r.status, r.exit_code, r.dry_run ? "yes" : "no",
                r.env.empty() ? "-" : r.env, redactor.mask(r.release));
    }
    return 0;
  };
}

}  // namespace relctl::cli
