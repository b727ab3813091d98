// relctl doctor: is this machine and project ready to release? Config valid,
// inside a git repository, library versions, ledger writable, and each
// configured database reachable: its server version, database name and the
// migrations pending from the work tree.

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <spdlog/version.h>

#include <toml++/toml.h>
#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <pqxx/version.hxx>

#include "app.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/redactor.hpp"
#include "relctl/gates/pg.hpp"
#include "relctl/git/head.hpp"
#include "relctl/pg/connections.hpp"
#include "relctl/pg/migrations.hpp"
#include "relctl/version.hpp"
#include "report/json_document.hpp"
#include "session.hpp"

namespace relctl::cli {

namespace {

struct Finding {
  std::string what;
  bool ok;
  std::string detail;
};

bool migrated_by_relctl(const config::Config& config, const config::Database& db) {
  return std::any_of(config.environments.begin(), config.environments.end(),
                     [&](const auto& env) { return env.database == db.name; });
}

// Connects to one [databases.X]: server version, database name and, for an
// environment's database, the migrations pending from the work tree.
Finding diagnose_database(const config::Config& config, const config::Database& db) {
  const std::string what = "database " + db.name;
  const char* v = std::getenv(db.url_env.c_str());
  if (!v || !*v) {
    return {what, false, "$" + db.url_env + " is not set; export it or put it in .env"};
  }
  try {
    pg::Connections connections(config, "doctor", core::redactor());
    pg::Connection& conn = connections.get(db.name);
    const pg::Rows rows =
        conn.query("SELECT current_setting('server_version'), current_database(), current_user");
    std::string detail = fmt::format("PostgreSQL {}, database {} as {}", rows[0][0].value_or("?"),
                                     rows[0][1].value_or("?"), rows[0][2].value_or("?"));
    bool ok = true;
    const bool has_migrations = std::filesystem::is_directory(config.root / config.migrations.dir);
    if (migrated_by_relctl(config, db) && !has_migrations) {
      detail += "; no migrations folder " + config.migrations.dir;
    } else if (migrated_by_relctl(config, db)) {
      const auto files = gates::read_migrations(config.root, "", config.migrations.dir);
      const auto cmp = pg::compare_history(files, pg::load_history(conn));
      detail += fmt::format("; {} applied, {} pending migration{}", cmp.applied, cmp.pending.size(),
                            cmp.pending.size() == 1 ? "" : "s");
      if (!cmp.ok()) {
        ok = false;
        detail += "; history problem: " + cmp.problems.front() +
                  " (`relctl check pg.history --env ENV` lists all)";
      }
    }
    return {what, ok, detail};
  } catch (const Error& e) {
    return {what, false, std::string(e.what()) + (e.hint().empty() ? "" : "; " + e.hint())};
  }
}

std::vector<Finding> diagnose(const Globals& g) {
  std::vector<Finding> out;
  std::optional<config::Config> config;
  try {
    config = load_config(g.options, /*required=*/true);
    out.push_back({"config", true, config->file.string()});
  } catch (const Error& e) {
    out.push_back(
        {"config", false, std::string(e.what()) + (e.hint().empty() ? "" : "; " + e.hint())});
  }

  const auto root = config ? config->root : std::filesystem::current_path();
  const auto head = git::head_commit(root);
  out.push_back({"git", head.has_value(),
                 head ? "repository at " + root.string() + ", HEAD " + head->substr(0, 12)
                      : "not inside a git repository with a commit (" + root.string() + ")"});

  out.push_back(
      {"versions", true,
       fmt::format("relctl {}, libgit2 {}, libpqxx {}, SQLite {}, spdlog {}.{}.{}, "
                   "toml++ {}.{}.{}, nlohmann/json {}.{}.{}",
                   version_string, git::libgit2_version(), PQXX_VERSION, SQLite::getLibVersion(),
                   SPDLOG_VER_MAJOR, SPDLOG_VER_MINOR, SPDLOG_VER_PATCH, TOML_LIB_MAJOR,
                   TOML_LIB_MINOR, TOML_LIB_PATCH, NLOHMANN_JSON_VERSION_MAJOR,
                   NLOHMANN_JSON_VERSION_MINOR, NLOHMANN_JSON_VERSION_PATCH)});

  try {
    auto ledger = open_ledger(config ? &*config : nullptr);
    ledger->list({});
    out.push_back({"ledger", true, "writable"});
  } catch (const Error& e) {
    out.push_back({"ledger", false, e.what()});
  }

  if (config) {
    for (const auto& db : config->databases) out.push_back(diagnose_database(*config, db));
  }
  return out;
}

}  // namespace

void add_doctor_command(CLI::App& app, Globals& g, Handlers& h) {
  app.add_subcommand("doctor", "check config, git, libraries, ledger and database settings");
  h["doctor"] = [&g] {
    const auto findings = diagnose(g);
    bool all_ok = true;
    for (const auto& f : findings) all_ok = all_ok && f.ok;
    if (g.options.json) {
      nlohmann::json arr = nlohmann::json::array();
      for (const auto& f : findings) {
        arr.push_back({{"check", f.what}, {"ok", f.ok}, {"detail", f.detail}});
      }
      return report::print_envelope("doctor", all_ok ? 0 : 1, {{"ok", all_ok}, {"checks", arr}});
    } else {
      for (const auto& f : findings) {
        print_out("  {:<8} {:<20} {}\n", f.ok ? "ok" : "problem", f.what, f.detail);
      }
      print_out("{}\n", all_ok ? "doctor: everything looks ready"
                               : "doctor: fix the problems above, then run `relctl doctor` again");
    }
    return all_ok ? 0 : 1;
  };
}

}  // namespace relctl::cli
