// relctl history [--env ENV] [--limit N]: runs recorded in the ledger.

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "app.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/redactor.hpp"
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

}  // namespace

void add_history_command(CLI::App& app, Globals& g, Handlers& h) {
  struct Args {
    std::string env;
    int limit = 20;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("history", "runs recorded in the ledger, newest first");
  cmd->add_option("--env", args->env, "only runs against this environment");
  cmd->add_option("--limit", args->limit, "how many runs (default 20)")
      ->check(CLI::Range(1, 100000));

  h["history"] = [&g, args] {
    const auto config = load_config(g.options, /*required=*/false);
    auto ledger = open_ledger(config ? &*config : nullptr);
    core::LedgerQuery q;
    if (!args->env.empty()) q.env = args->env;
    q.limit = args->limit;
    const auto runs = ledger->list(q);
    const auto& redactor = core::redactor();
    if (g.options.json) {
      nlohmann::json arr = nlohmann::json::array();
      for (const auto& r : runs) arr.push_back(record_json(r));
      fmt::print("{}\n", redactor.mask(arr.dump()));
      return 0;
    }
    if (runs.empty()) {
      fmt::print("no runs recorded yet\n");
      return 0;
    }
    fmt::print("{:<26}  {:<20}  {:<13}  {:<11}  {:>4}  {:<7}  {:<8}  {}\n", "RUN", "STARTED",
               "COMMAND", "STATUS", "EXIT", "DRY-RUN", "ENV", "RELEASE");
    for (const auto& r : runs) {
      fmt::print("{:<26}  {:<20}  {:<13}  {:<11}  {:>4}  {:<7}  {:<8}  {}\n", r.run_id,
                 r.started_at, r.command, r.status, r.exit_code, r.dry_run ? "yes" : "no",
                 r.env.empty() ? "-" : r.env, redactor.mask(r.release));
    }
    return 0;
  };
}

}  // namespace relctl::cli
