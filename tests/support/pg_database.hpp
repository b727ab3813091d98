#pragma once
// Fixtures for tests against the throwaway Postgres cluster: a scratch
// database per test (dropped afterwards), and a project whose Postgres gates
// run in-process through the real runner.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "relctl/config/config.hpp"
#include "relctl/core/context.hpp"
#include "relctl/core/redactor.hpp"
#include "relctl/core/reporter.hpp"
#include "relctl/core/runner.hpp"
#include "relctl/pg/connection.hpp"
#include "support/support.hpp"

namespace relctl::test {

/// The cluster's URL, or nullopt after a WARN (the test then returns early).
std::optional<std::string> pg_or_skip();

/// `url` with its database replaced by `dbname`.
std::string with_database(const std::string& url, const std::string& dbname);

/// A fresh, randomly named database on the cluster, dropped (WITH FORCE) on destruction.
class ScratchDatabase {
 public:
  explicit ScratchDatabase(std::string admin_url);
  ~ScratchDatabase();
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;

  const std::string& name() const { return name_; }
  std::string url() const { return with_database(admin_url_, name_); }
  /// Runs `sql` on this database (test setup and inspection).
  pg::Rows sql(const std::string& sql, const pg::Params& params = {});
  /// The first column of the first row as text ("" for none or NULL).
  std::string value(const std::string& sql, const pg::Params& params = {});
  /// Tables, columns and every relctl.schema_history row, as one text: equal
  /// before and after means nothing changed.
  std::string fingerprint();

 private:
  std::string admin_url_;
  std::string name_;
  core::Redactor redactor_;
  std::unique_ptr<pg::Connection> conn_;
};

/// Admin SQL on the cluster's maintenance database.
pg::Rows admin_sql(const std::string& admin_url, const std::string& sql);

/// A NOLOGIN role on the cluster, dropped on destruction (declare it before
/// the databases where it owns objects, so that they are dropped first).
class TempRole {
 public:
  TempRole(std::string admin_url, const std::string& prefix);
  ~TempRole();
  TempRole(const TempRole&) = delete;
  TempRole& operator=(const TempRole&) = delete;
  const std::string& name() const { return name_; }

 private:
  std::string admin_url_;
  std::string name_;
};

/// A project in a temp folder with one database `main` (its URL in
/// $RELCTL_IT_MAIN_URL) and environment `dev`, run in-process.
struct PgProject {
  explicit PgProject(const std::string& admin_url);
  ~PgProject();

  ScratchDatabase db;
  TempDir dir;
  config::Config cfg;
  core::SystemClock clock;
  core::RecordingReporter reporter;
  core::Redactor redactor;
  std::string last_run_id;  // of the latest run()

  void migration(const std::string& name, const std::string& sql);
  /// "script:status:tx_mode,..." of relctl.schema_history in rank order.
  std::string history();
  /// Runs `gates` as one pipeline against environment `env`.
  core::RunResult run(std::vector<std::unique_ptr<core::Gate>> gates, bool dry_run = false,
                      const std::string& env = "dev");
  /// Runs one gate; returns its result.
  core::GateResult run_one(std::unique_ptr<core::Gate> gate, bool dry_run = false,
                           const std::string& env = "dev");
};

}  // namespace relctl::test
