// relctl status: per environment, its current release (when, by whom, which
// kind), and what is waiting to be promoted to it (the current release of
// the environment before it, when that differs). Reads each environment's
// relctl.deployments; an unreachable database is shown and exits 3.

#include <fmt/format.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "app.hpp"
#include "deployment_json.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/redactor.hpp"
#include "relctl/pg/connections.hpp"
#include "relctl/pg/deployments.hpp"
#include "report/json_document.hpp"
#include "session.hpp"

namespace relctl::cli {

void add_status_command(CLI::App& app, Globals& g, Handlers& h) {
  app.add_subcommand("status", "latest releases, what runs where");
  h["status"] = [&g] {
    const auto cfg = load_config(g.options, /*required=*/true);
    auto& redactor = core::redactor();
    pg::Connections connections(*cfg, "status", redactor);
    struct Row {
      const config::Environment* env;
      std::optional<pg::Deployment> current;
      std::string error;
      std::vector<std::string> rejected;  // tags rejected here
    };
    std::vector<Row> rows;
    int code = 0;
    for (const auto& env : cfg->environments) {
      Row r{&env, std::nullopt, "", {}};
      try {
        pg::Connection& conn = connections.get(env.database);
        r.current = pg::current_deployment(conn, env.name);
        for (const auto& d : pg::list_deployments(conn, env.name, 1000)) {
          if (d.rejected) r.rejected.push_back(d.tag);
        }
      } catch (const Error& e) {
        r.error = redactor.mask(e.what());
        code = static_cast<int>(e.code());
      }
      rows.push_back(std::move(r));
    }
    auto current_of = [&](const std::string& name) -> const pg::Deployment* {
      for (const auto& r : rows) {
        if (r.env->name == name && r.current) return &*r.current;
      }
      return nullptr;
    };
    auto waiting = [&](const Row& r) -> std::string {
      if (r.env->after.empty()) return "";
      const pg::Deployment* before = current_of(r.env->after);
      if (!before || (r.current && r.current->tag == before->tag)) return "";
      // A release this environment rolled back is not waiting for it.
      if (std::find(r.rejected.begin(), r.rejected.end(), before->tag) != r.rejected.end()) {
        return "";
      }
      return before->tag;
    };

    if (g.options.json) {
      nlohmann::json envs = nlohmann::json::array();
      for (const auto& r : rows) {
        nlohmann::json e = {{"name", r.env->name}, {"database", r.env->database}};
        e["after"] = r.env->after.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.env->after);
        e["current"] = r.current ? deployment_json(*r.current) : nlohmann::json(nullptr);
        const std::string w = waiting(r);
        e["waiting"] = w.empty() ? nlohmann::json(nullptr) : nlohmann::json(w);
        if (!r.error.empty()) e["error"] = r.error;
        envs.push_back(e);
      }
      nlohmann::json doc = {{"environments", envs}};
      if (code != 0) {
        doc["error"] = {{"message", "an environment's database is unreachable (see its error)"},
                        {"hint", "check its connection settings, then run `relctl status` again"}};
      }
      return report::print_envelope("status", code, doc);
    }
    if (rows.empty()) {
      print_out("no [environments.*] in {}\n", cfg->file.string());
      return 0;
    }
    print_out("{:<10}  {:<18}  {:<9}  {:<20}  {:<12}  {}\n", "ENV", "CURRENT", "KIND", "SINCE",
              "BY", "WAITING");
    for (const auto& r : rows) {
      if (!r.error.empty()) {
        print_out("{:<10}  unreachable: {}\n", r.env->name, r.error);
        continue;
      }
      const std::string w = waiting(r);
      if (!r.current) {
        print_out("{:<10}  {:<18}  {:<9}  {:<20}  {:<12}  {}\n", r.env->name, "-", "-", "-", "-",
                  w.empty() ? "-" : w + " (on " + r.env->after + ")");
        continue;
      }
      print_out("{:<10}  {:<18}  {:<9}  {:<20}  {:<12}  {}\n", r.env->name, r.current->tag,
                r.current->kind, r.current->finished_at, r.current->actor,
                w.empty() ? "-" : w + " (on " + r.env->after + ")");
    }
    return code;
  };
}

}  // namespace relctl::cli
