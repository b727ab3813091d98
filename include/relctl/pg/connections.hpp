#pragma once
// The Postgres connections of one run: one shared connection per configured
// database, opened on first use, plus dedicated ones (locks, scratch
// databases). Connection strings come from the variable each [databases.X]
// names in url_env (or .env); application_name is "relctl/<run id>".

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "relctl/config/config.hpp"
#include "relctl/pg/advisory_lock.hpp"
#include "relctl/pg/connection.hpp"

namespace relctl::core {
class Redactor;
}

namespace relctl::pg {

class Connections {
 public:
  /// `config` and `redactor` must outlive this object.
  Connections(const config::Config& config, std::string run_id, core::Redactor& redactor);
  ~Connections();
  Connections(const Connections&) = delete;
  Connections& operator=(const Connections&) = delete;

  /// [databases.<name>]; throws ConfigError naming the ones that exist.
  const config::Database& database(const std::string& name) const;

  /// The shared connection to [databases.<name>], opened on first use.
  /// Throws ConfigError if its variable is unset, DependencyError if it fails.
  Connection& get(const std::string& name);

  /// A new connection of its own to [databases.<name>], or to database
  /// `dbname` on the same server when given (scratch databases).
  std::unique_ptr<Connection> open(const std::string& name, const std::string& dbname = {});

  /// How to connect to [databases.<name>] (or to `dbname` on its server), for
  /// connections that do not go through libpqxx (data.export's COPY).
  ConnectOptions connect_options(const std::string& name, const std::string& dbname = {}) const;

  /// Keeps `lock` (and its connection) until release_lock() or release_locks().
  void hold(std::unique_ptr<AdvisoryLock> lock);
  /// Releases the held lock `key`; returns a warning if the server said it
  /// was not held any more, empty otherwise (also when no such lock is held).
  std::string release_lock(std::int64_t key);
  /// Releases every held lock; one warning per lock the server had lost.
  std::vector<std::string> release_locks();

  const std::string& application_name() const { return application_name_; }

 private:
  ConnectOptions options_for(const config::Database& db, const std::string& dbname) const;

  const config::Config& config_;
  std::string run_id_;
  std::string application_name_;
  core::Redactor& redactor_;
  std::map<std::string, std::unique_ptr<Connection>> shared_;
  std::vector<std::unique_ptr<AdvisoryLock>> locks_;
};

/// The connection string in $`url_env`; throws ConfigError naming the
/// variable (and `what` it is for) when it is unset or empty.
std::string conninfo_from_env(const std::string& url_env, const std::string& what);

}  // namespace relctl::pg
