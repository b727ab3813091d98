// A Postgres that drops relctl's connections mid-run: the run says it lost
// the connection, in those words, exits 3, and does not report the lock
// that went with the session as something it could not undo.

#include <catch2/catch.hpp>
#include <thread>

#include "e2e/migrate_project.hpp"
#include "support/pg_database.hpp"
#include "support/support.hpp"

using namespace relctl::test;

TEST_CASE("a connection terminated during a migration: lost the connection, exit 3",
          "[pg][e2e][safety]") {
  auto admin = pg_or_skip();
  if (!admin) return;
  MigrateProject p(*admin);
  p.migration("001_slow.sql",
              "SELECT pg_sleep(coalesce(nullif(current_setting('relctl_test.sleep', true), ''), "
              "'0')::float8);\n");
  ProcessResult r;
  std::thread run([&] {
    RunOptions o;
    o.env["PGOPTIONS"] = "-c relctl_test.sleep=30";
    r = p.relctl({"migrate", "--env", "dev"}, o);
  });
  // Once it holds the lock and sleeps in the migration, the server drops it.
  const bool sleeping = eventually([&] {
    return !lock_holder(p.db).empty() &&
           p.db.value(
               "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
               "AND query LIKE '%pg_sleep%' AND pid <> pg_backend_pid()") != "0";
  });
  p.db.value(
      "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = "
      "current_database() AND application_name LIKE 'relctl/%'");
  run.join();
  REQUIRE(sleeping);
  INFO(output(r));
  CHECK(r.exit_code == 3);
  CHECK_THAT(output(r), Catch::Contains("lost the connection to "));
  CHECK_THAT(output(r), !Catch::Contains("could not undo"));
  check_no_secret("output", output(r));
}
