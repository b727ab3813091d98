// SIGTERM stops a migration like Ctrl-C does, and a no-transaction file
// killed part-way (SIGKILL) is left `started` in the history, so the next
// run refuses instead of running it again from the top.

#include <signal.h>
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <optional>

#include "e2e/migrate_project.hpp"

using namespace relctl;
using namespace relctl::test;

namespace {

// True once a session of `db` other than the test's own runs `fragment`.
bool running(ScratchDatabase& db, const std::string& fragment) {
  return db.value("SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%" + fragment +
                  "%' AND state = 'active' AND pid <> pg_backend_pid() AND datname = "
                  "current_database()") != "0";
}

}  // namespace

TEST_CASE("SIGTERM during a migration rolls it back and exits 130", "[pg][e2e][migrate][signal]") {
  auto admin = pg_or_skip();
  if (!admin) return;
  MigrateProject p(*admin);
  p.migration("001_a.sql", "CREATE TABLE a (id int);\n");
  p.migration("002_slow.sql", "SELECT pg_sleep(30);\n");
  RunOptions o;
  o.signal = SIGTERM;
  o.signal_when = [&] { return running(p.db, "pg_sleep(30)"); };
  const auto t0 = std::chrono::steady_clock::now();
  const auto r = p.relctl({"migrate", "--env", "dev"}, o);
  INFO(r.out << r.err);
  CHECK(r.exit_code == 130);
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(20));
  CHECK(p.db.value("SELECT to_regclass('public.a') IS NULL") == "t");
  CHECK(p.db.value("SELECT count(*) FROM relctl.schema_history") == "0");
  CHECK(lock_holder(p.db).empty());
}

TEST_CASE("SIGTERM while relctl reads a large migration stops it promptly",
          "[pg][e2e][migrate][signal]") {
  auto admin = pg_or_skip();
  if (!admin) return;
  MigrateProject p(*admin);
  // Reading this file once took relctl tens of seconds of CPU (quadratic in
  // the statement count), during which a signal was not looked at.
  std::string sql = "CREATE TABLE big (id int);\n";
  for (int i = 0; i < 60000; ++i) sql += "INSERT INTO big VALUES (" + std::to_string(i) + ");\n";
  p.migration("001_big.sql", sql + "SELECT pg_sleep(30);\n");
  RunOptions o;
  o.signal = SIGTERM;
  // Two seconds after the lock: pg.migrate is reading the file (or, now that
  // reading takes milliseconds, running it).
  std::optional<std::chrono::steady_clock::time_point> locked;
  o.signal_when = [&] {
    if (!locked && !lock_holder(p.db).empty()) locked = std::chrono::steady_clock::now();
    return locked && std::chrono::steady_clock::now() - *locked > std::chrono::seconds(2);
  };
  const auto t0 = std::chrono::steady_clock::now();
  const auto r = p.relctl({"migrate", "--env", "dev"}, o);
  INFO(r.out << r.err);
  CHECK(r.exit_code == 130);
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(10));
  CHECK(p.db.value("SELECT to_regclass('public.big') IS NULL") == "t");
}

TEST_CASE("SIGTERM during a no-transaction file records it as failed",
          "[pg][e2e][migrate][signal]") {
  auto admin = pg_or_skip();
  if (!admin) return;
  MigrateProject p(*admin);
  p.migration("001_slow.sql",
              "-- relctl: no-transaction\nCREATE TABLE kept (a int);\nSELECT pg_sleep(30);\n");
  RunOptions o;
  o.signal = SIGTERM;
  o.signal_when = [&] { return running(p.db, "pg_sleep(30)"); };
  const auto r = p.relctl({"migrate", "--env", "dev"}, o);
  INFO(r.out << r.err);
  CHECK(r.exit_code == 130);
  CHECK(p.db.value("SELECT status || ':' || success FROM relctl.schema_history") == "failed:false");
  CHECK(p.db.value("SELECT to_regclass('public.kept') IS NOT NULL") == "t");
}

TEST_CASE("a no-transaction file killed part-way stays `started` and blocks the next run",
          "[pg][e2e][migrate][signal]") {
  auto admin = pg_or_skip();
  if (!admin) return;
  MigrateProject p(*admin);
  p.migration("001_slow.sql",
              "-- relctl: no-transaction\nCREATE TABLE kept (a int);\nSELECT pg_sleep(60);\n");
  const pid_t pid =
      spawn_relctl(p.dir.path(), {"migrate", "--env", "dev"}, {{"APP_DB_URL", p.url}});
  REQUIRE(eventually([&] { return running(p.db, "pg_sleep(60)"); }));
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK(WIFSIGNALED(status));
  CHECK(p.db.value("SELECT status FROM relctl.schema_history") == "started");

  // First the abandoned run (recover closes it), then the file it left started.
  auto next = p.relctl({"migrate", "--env", "dev"});
  INFO(next.out << next.err);
  CHECK(next.exit_code == 1);
  CHECK_THAT(next.err, Catch::Contains("abandoned"));
  CHECK(p.relctl({"recover"}).exit_code == 0);
  next = p.relctl({"migrate", "--env", "dev"});
  INFO(next.out << next.err);
  CHECK(next.exit_code == 1);
  CHECK_THAT(next.out,
             Catch::Contains("001_slow.sql started in run") && Catch::Contains("never finished"));
  CHECK(p.db.value("SELECT count(*) FROM relctl.schema_history") == "1");
}
