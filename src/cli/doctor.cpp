// relctl doctor: is this machine and project ready to release? Config valid,
// inside a git repository, library versions, ledger writable, each
// configured database's variable set. Connects to nothing.

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <spdlog/version.h>

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <pqxx/version.hxx>
#include <toml++/toml.h>

#include "app.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/redactor.hpp"
#include "relctl/git/head.hpp"
#include "relctl/version.hpp"
#include "session.hpp"

namespace relctl::cli {

namespace {

struct Finding {
  std::string what;
  bool ok;
  std::string detail;
};

std::vector<Finding> diagnose(const Globals& g) {
  std::vector<Finding> out;
  std::optional<config::Config> config;
  try {
    config = load_config(g.options, /*required=*/true);
    out.push_back({"config", true, config->file.string()});
  } catch (const Error& e) {
    out.push_back({"config", false, std::string(e.what()) + (e.hint().empty() ? "" : "; " + e.hint())});
  }

  const auto root = config ? config->root : std::filesystem::current_path();
  const auto head = git::head_commit(root);
  out.push_back({"git", head.has_value(),
                 head ? "repository at " + root.string() + ", HEAD " + head->substr(0, 12)
                      : "not inside a git repository with a commit (" + root.string() + ")"});

  out.push_back({"versions", true,
                 fmt::format("relctl {}, libgit2 {}, libpqxx {}, SQLite {}, spdlog {}.{}.{}, "
                             "toml++ {}.{}.{}, nlohmann/json {}.{}.{}",
                             version_string, git::libgit2_version(), PQXX_VERSION,
                             SQLite::getLibVersion(), SPDLOG_VER_MAJOR, SPDLOG_VER_MINOR,
                             SPDLOG_VER_PATCH, TOML_LIB_MAJOR, TOML_LIB_MINOR, TOML_LIB_PATCH,
                             NLOHMANN_JSON_VERSION_MAJOR, NLOHMANN_JSON_VERSION_MINOR,
                             NLOHMANN_JSON_VERSION_PATCH)});

  try {
    auto ledger = open_ledger(config ? &*config : nullptr);
    ledger->list({});
    out.push_back({"ledger", true, "writable"});
  } catch (const Error& e) {
    out.push_back({"ledger", false, e.what()});
  }

  if (config) {
    for (const auto& db : config->databases) {
      const char* v = std::getenv(db.url_env.c_str());
      out.push_back({"database " + db.name, v && *v,
                     v && *v ? "$" + db.url_env + " is set (not connected: doctor stays offline)"
                             : "$" + db.url_env + " is not set; export it or put it in .env"});
    }
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
    const auto& redactor = core::redactor();
    if (g.options.json) {
      nlohmann::json arr = nlohmann::json::array();
      for (const auto& f : findings) {
        arr.push_back({{"check", f.what}, {"ok", f.ok}, {"detail", f.detail}});
      }
      nlohmann::json doc = {{"relctl", std::string(version_string)}, {"ok", all_ok}, {"checks", arr}};
      fmt::print("{}\n", redactor.mask(doc.dump()));
    } else {
      for (const auto& f : findings) {
        fmt::print("  {:<8} {:<20} {}\n", f.ok ? "ok" : "problem", f.what, redactor.mask(f.detail));
      }
      fmt::print("{}\n", all_ok ? "doctor: everything looks ready"
                                : "doctor: fix the problems above, then run `relctl doctor` again");
    }
    return all_ok ? 0 : 1;
  };
}

}  // namespace relctl::cli
