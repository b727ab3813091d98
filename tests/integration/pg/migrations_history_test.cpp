// The history never lies: a no-transaction file is recorded before its
// first statement and after its last, failures are recorded (or said not to
// be), a file that leaves a transaction open fails, and errors raised at
// COMMIT name the files of the transaction.

#include <catch2/catch.hpp>

#include "relctl/gates/pg.hpp"
#include "relctl/pg/migrations.hpp"
#include "support/pg_database.hpp"

using namespace relctl;
using namespace relctl::test;
using core::Status;

TEST_CASE("a no-transaction file that fails inside its own BEGIN is recorded as failed",
          "[pg][migrate][history]") {
  auto url = pg_or_skip();
  if (!url) return;
  PgProject p(*url);
  p.migration("001_a.sql", "CREATE TABLE a (id int);\n");
  p.migration("002_bad.sql",
              "-- relctl: no-transaction\nCREATE TABLE kept (a int);\nBEGIN;\n"
              "INSERT INTO kept VALUES (1);\nSELECT 1 / 0;\nCOMMIT;\n");
  const auto r = p.run_one(gates::make_pg_migrate());
  CHECK(r.status == Status::failed);
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.message, Catch::Contains("002_bad.sql (no-transaction) failed at line 5") &&
                            Catch::Contains("division by zero") &&
                            Catch::Contains("recorded as failed"));
  CHECK(p.history() == "001_a.sql:applied:all,002_bad.sql:failed:none");
  CHECK(p.db.value("SELECT success::text FROM relctl.schema_history WHERE rank = 2") == "false");
  CHECK(p.db.value("SELECT count(*) FROM kept") == "0");  // its transaction was rolled back
  // The next run refuses until someone looks.
  CHECK(p.run_one(gates::make_pg_history()).status == Status::failed);
}

TEST_CASE("a no-transaction file that fails after SET ROLE is recorded as the connecting role",
          "[pg][migrate][history]") {
  auto url = pg_or_skip();
  if (!url) return;
  TempRole role(*url, "relctl_it_fail");
  PgProject p(*url);
  p.migration("001_bad.sql",
              "-- relctl: no-transaction\nSET ROLE " + role.name() + ";\nSELECT * FROM nope;\n");
  const auto r = p.run_one(gates::make_pg_migrate());
  CHECK(r.status == Status::failed);
  CHECK_THAT(r.message,
             Catch::Contains("failed at line 3") && Catch::Contains("recorded as failed"));
  CHECK(p.history() == "001_bad.sql:failed:none");
  CHECK(p.db.value("SELECT installed_by FROM relctl.schema_history") == "relctl_test");
}

TEST_CASE("a no-transaction file that ends inside a transaction fails and is rolled back",
          "[pg][migrate][history]") {
  auto url = pg_or_skip();
  if (!url) return;
  PgProject p(*url);
  p.migration("001_open.sql",
              "-- relctl: no-transaction\nCREATE TABLE before_begin (a int);\nBEGIN;\n"
              "CREATE TABLE inside (a int);\n");
  p.migration("002_next.sql", "CREATE TABLE next (a int);\n");
  const auto r = p.run_one(gates::make_pg_migrate());
  CHECK(r.status == Status::failed);
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.message,
             Catch::Contains("001_open.sql (no-transaction) ends inside a transaction") &&
                 Catch::Contains("recorded as failed"));
  CHECK(p.history() == "001_open.sql:failed:none");
  CHECK(p.db.value("SELECT to_regclass('public.before_begin') IS NOT NULL") == "t");
  CHECK(p.db.value("SELECT to_regclass('public.inside') IS NULL") == "t");
  CHECK(p.db.value("SELECT to_regclass('public.next') IS NULL") == "t");
}

TEST_CASE("a no-transaction file is recorded as started before its first statement",
          "[pg][migrate][history]") {
  auto url = pg_or_skip();
  if (!url) return;
  PgProject p(*url);
  // The file itself reads its own history row while it runs.
  p.migration("001_look.sql",
              "-- relctl: no-transaction\nCREATE TABLE seen AS SELECT status, success "
              "FROM relctl.schema_history WHERE script = '001_look.sql';\n");
  const auto r = p.run_one(gates::make_pg_migrate());
  INFO(r.message << " / " << r.hint);
  REQUIRE(r.status == Status::passed);
  CHECK(p.db.value("SELECT status || ':' || success FROM seen") == "started:false");
  CHECK(p.history() == "001_look.sql:applied:none");
  CHECK(p.db.value("SELECT success::text FROM relctl.schema_history") == "true");
}

TEST_CASE("a migrate run that finds a started row refuses, saying what to check",
          "[pg][migrate][history]") {
  auto url = pg_or_skip();
  if (!url) return;
  PgProject p(*url);
  p.migration("001_idx.sql", "-- relctl: no-transaction\nCREATE TABLE a (id int);\n");
  REQUIRE(p.run_one(gates::make_pg_migrate()).status == Status::passed);
  // What a run killed part-way leaves behind.
  p.db.sql("UPDATE relctl.schema_history SET status = 'started', success = false");
  p.migration("002_more.sql", "CREATE TABLE b (id int);\n");
  const auto history = p.run_one(gates::make_pg_history());
  CHECK(history.status == Status::failed);
  CHECK_THAT(history.message,
             Catch::Contains("001_idx.sql started in run") && Catch::Contains("never finished"));
  const auto migrate = p.run_one(gates::make_pg_migrate());
  CHECK(migrate.status == Status::failed);
  CHECK(p.db.value("SELECT to_regclass('public.b') IS NULL") == "t");
}

TEST_CASE("an error raised at COMMIT names the files of the transaction, exit 1",
          "[pg][migrate][history]") {
  auto url = pg_or_skip();
  if (!url) return;
  PgProject p(*url);
  p.migration("001_tables.sql",
              "CREATE TABLE parent (id int PRIMARY KEY);\n"
              "CREATE TABLE child (pid int REFERENCES parent DEFERRABLE INITIALLY DEFERRED);\n");
  p.migration("002_orphan.sql", "INSERT INTO child VALUES (42);\n");
  const std::string before = p.db.fingerprint();
  const auto r = p.run_one(gates::make_pg_migrate());
  CHECK(r.status == Status::failed);
  CHECK(r.exit_code == 1);
  CHECK_THAT(
      r.message,
      Catch::Contains("the transaction of 001_tables.sql, 002_orphan.sql failed at COMMIT") &&
          Catch::Contains("violates foreign key constraint") && Catch::Contains("SQLSTATE 23503"));
  CHECK_THAT(r.hint, Catch::Contains("deferred constraint"));
  CHECK(p.db.value("SELECT to_regclass('public.parent') IS NULL") == "t");
  CHECK(p.db.value("SELECT count(*) FROM relctl.schema_history") == "0");
}

TEST_CASE("a history table of an older relctl gains its status column", "[pg][migrate][history]") {
  auto url = pg_or_skip();
  if (!url) return;
  PgProject p(*url);
  p.db.sql(R"(CREATE SCHEMA relctl;
CREATE TABLE relctl.schema_history (
  rank integer PRIMARY KEY, version text NOT NULL, description text NOT NULL,
  script text NOT NULL, checksum text NOT NULL, installed_by text NOT NULL,
  installed_on timestamptz NOT NULL DEFAULT now(), execution_ms integer NOT NULL,
  success boolean NOT NULL, run_id text NOT NULL,
  tx_mode text NOT NULL DEFAULT 'all' CHECK (tx_mode IN ('all', 'file', 'none')));)");
  p.migration("001_a.sql", "CREATE TABLE a (id int);\n");
  p.migration("002_b.sql", "CREATE TABLE b (id int);\n");
  const auto files = gates::read_migrations(p.dir.path(), "", "migrations");
  p.db.sql(
      "INSERT INTO relctl.schema_history VALUES (1, '001', 'a', '001_a.sql', $1, 'x', now(), "
      "1, true, 'OLD', 'all')",
      {files[0].checksum});
  // A read (pg.history, a dry run) works on the old table and writes nothing.
  const auto check = p.run_one(gates::make_pg_history());
  CHECK(check.status == Status::passed);
  CHECK_THAT(check.message, Catch::Contains("1 applied, 1 pending"));
  const auto r = p.run_one(gates::make_pg_migrate());
  INFO(r.message << " / " << r.hint);
  REQUIRE(r.status == Status::passed);
  CHECK(p.history() == "001_a.sql:applied:all,002_b.sql:applied:all");
}
