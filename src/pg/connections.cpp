#include "relctl/pg/connections.hpp"

#include <algorithm>
#include <cstdlib>

#include "relctl/core/error.hpp"
#include "relctl/core/redactor.hpp"

namespace relctl::pg {

std::string conninfo_from_env(const std::string& url_env, const std::string& what) {
  if (url_env.empty()) {
    throw ConfigError(what + " has no url_env",
                      "set url_env to the name of the variable that holds its connection string");
  }
  const char* value = std::getenv(url_env.c_str());
  if (!value || !*value) {
    throw ConfigError("$" + url_env + " is not set (" + what + ")",
                      "export " + url_env +
                          "=postgresql://USER:PASSWORD@HOST/DB, or put it in "
                          "the .env file next to relctl.toml");
  }
  return value;
}

Connections::Connections(const config::Config& config, std::string run_id, core::Redactor& redactor)
    : config_(config),
      run_id_(std::move(run_id)),
      application_name_("relctl/" + run_id_),
      redactor_(redactor) {}

Connections::~Connections() {
  // Locks first: their connections close with them, then the shared ones.
  locks_.clear();
  shared_.clear();
}

const config::Database& Connections::database(const std::string& name) const {
  if (const auto* db = config_.find_database(name)) return *db;
  std::string known;
  for (const auto& db : config_.databases) known += (known.empty() ? "" : ", ") + db.name;
  throw ConfigError("no [databases." + name + "] in " + config_.file.string(),
                    known.empty() ? "add a [databases." + name + "] section with url_env"
                                  : "databases configured: " + known);
}

ConnectOptions Connections::options_for(const config::Database& db,
                                        const std::string& dbname) const {
  ConnectOptions o;
  o.conninfo = conninfo_from_env(db.url_env, "[databases." + db.name + "]");
  o.label = "database " + db.name + " ($" + db.url_env + ")";
  if (!dbname.empty()) o.label = "database " + dbname + " (on the server of " + db.name + ")";
  o.application_name = application_name_;
  o.connect_timeout = db.connect_timeout;
  o.dbname = dbname;
  return o;
}

ConnectOptions Connections::connect_options(const std::string& name,
                                            const std::string& dbname) const {
  return options_for(database(name), dbname);
}

Connection& Connections::get(const std::string& name) {
  auto it = shared_.find(name);
  if (it == shared_.end()) {
    auto conn = Connection::open(options_for(database(name), {}), redactor_);
    it = shared_.emplace(name, std::move(conn)).first;
  }
  return *it->second;
}

std::unique_ptr<Connection> Connections::open(const std::string& name, const std::string& dbname) {
  return Connection::open(options_for(database(name), dbname), redactor_);
}

void Connections::hold(std::unique_ptr<AdvisoryLock> lock) {
  locks_.push_back(std::move(lock));
}

std::string Connections::release_lock(std::int64_t key) {
  auto it =
      std::find_if(locks_.begin(), locks_.end(), [key](const auto& l) { return l->key() == key; });
  if (it == locks_.end()) return {};
  std::unique_ptr<AdvisoryLock> lock = std::move(*it);
  locks_.erase(it);
  if (lock->release()) return {};
  return "the lock of " + lock->name() +
         " was no longer held when relctl released it (its session was reset or terminated)";
}

std::vector<std::string> Connections::release_locks() {
  std::vector<std::string> warnings;
  while (!locks_.empty()) {
    const std::int64_t key = locks_.back()->key();
    try {
      if (auto w = release_lock(key); !w.empty()) warnings.push_back(std::move(w));
    } catch (const Error& e) {
      warnings.push_back(e.what());
    }
  }
  return warnings;
}

}  // namespace relctl::pg
