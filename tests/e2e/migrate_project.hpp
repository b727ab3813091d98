#pragma once
// What the `relctl migrate` end-to-end tests share: a project folder with
// relctl.toml and a database of its own, and running relctl in the
// background to signal or kill it mid-run.

#include <sys/types.h>

#include <chrono>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "support/pg_database.hpp"
#include "support/support.hpp"

namespace relctl::test {

/// A project folder with relctl.toml ([databases.app] in $APP_DB_URL,
/// environment dev), a migrations folder and a database of its own.
struct MigrateProject {
  explicit MigrateProject(const std::string& admin_url, std::string extra_toml = "",
                          std::string migrations_toml = "");

  void migration(const std::string& name, const std::string& sql);
  /// Runs the built relctl in the project folder with $APP_DB_URL set.
  ProcessResult relctl(const std::vector<std::string>& args, RunOptions o = {});

  ScratchDatabase db;
  TempDir dir;
  std::string url;
};

/// The scripts of the successful history rows, comma-separated, in rank order.
std::string applied_scripts(ScratchDatabase& db);

/// The application_name of the session holding an advisory lock, or "".
std::string lock_holder(ScratchDatabase& db);

/// Polls `condition` every 50ms until it holds (true) or `limit` passes (false).
template <class F>
bool eventually(F&& condition, std::chrono::seconds limit = std::chrono::seconds(15)) {
  const auto until = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < until) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

/// Starts relctl in the background (stdout and stderr to `dir`/holder.out); returns its pid.
pid_t spawn_relctl(const fs::path& dir, const std::vector<std::string>& args,
                   const std::map<std::string, std::string>& env);

}  // namespace relctl::test
