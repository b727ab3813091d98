// Statements that cannot run in a transaction: refused with the header to
// add, or run outside a transaction under [migrations] mixed = true or
// another tool's marker; enum values added and used in one run.

#include <catch2/catch.hpp>

#include "relctl/gates/pg.hpp"
#include "support/pg_database.hpp"

using namespace relctl;
using namespace relctl::test;
using core::Status;

TEST_CASE("CREATE INDEX CONCURRENTLY without the header is refused before anything runs",
          "[pg][migrate][mixed]") {
  auto url = pg_or_skip();
  if (!url) return;
  PgProject p(*url);
  p.migration("001_a.sql", "CREATE TABLE a (id int);\n");
  p.migration("002_idx.sql", "CREATE INDEX CONCURRENTLY a_id ON a (id);\n");
  const std::string before = p.db.fingerprint();
  const auto r = p.run_one(gates::make_pg_migrate());
  CHECK(r.status == Status::failed);
  CHECK_THAT(r.message, Catch::Contains("002_idx.sql line 1: CREATE INDEX CONCURRENTLY cannot "
                                        "run inside a transaction"));
  CHECK_THAT(r.hint, Catch::Contains("-- relctl: no-transaction"));
  CHECK(p.db.fingerprint() == before);
}

TEST_CASE("with mixed = true, such files run outside a transaction by themselves",
          "[pg][migrate][mixed]") {
  auto url = pg_or_skip();
  if (!url) return;
  PgProject p(*url);
  p.cfg.migrations.mixed = true;
  p.migration("001_a.sql", "CREATE TABLE a (id int);\nINSERT INTO a VALUES (1), (2);\n");
  p.migration("002_idx.sql",
              "CREATE INDEX CONCURRENTLY a_id ON a (id);\nVACUUM (ANALYZE) a;\n"
              "REINDEX INDEX CONCURRENTLY a_id;\n");
  p.migration("003_proc.sql",
              "CREATE PROCEDURE fill(n int) LANGUAGE plpgsql AS $$\nBEGIN\n"
              "  FOR i IN 1..n LOOP\n    INSERT INTO a VALUES (100 + i);\n    COMMIT;\n"
              "  END LOOP;\nEND $$;\n");
  p.migration("004_call.sql", "CALL fill(3);\n");
  p.migration("005_do.sql",
              "DO $$ BEGIN INSERT INTO a VALUES (200); COMMIT; INSERT INTO a VALUES (201); END "
              "$$;\n");
  p.migration("006_b.sql", "CREATE TABLE b (id int);\n");
  const auto r = p.run_one(gates::make_pg_migrate());
  INFO(r.message << " / " << r.hint);
  REQUIRE(r.status == Status::passed);
  CHECK(p.history() ==
        "001_a.sql:applied:all,002_idx.sql:applied:none,003_proc.sql:applied:all,"
        "004_call.sql:applied:none,005_do.sql:applied:none,006_b.sql:applied:all");
  CHECK(p.db.value("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'a_id'::regclass") ==
        "true");
  CHECK(p.db.value("SELECT count(*) FROM a") == "7");
}

TEST_CASE("goose's, dbmate's and postgres-migrations' markers run a file outside a transaction",
          "[pg][migrate][mixed]") {
  auto url = pg_or_skip();
  if (!url) return;
  PgProject p(*url);
  p.migration("001_a.sql",
              "-- +goose Up\nCREATE TABLE a (id int);\n-- +goose Down\nDROP TABLE a;\n");
  p.migration("002_goose.sql",
              "-- +goose Up\n-- +goose NO TRANSACTION\nCREATE INDEX CONCURRENTLY g ON a (id);\n\n"
              "-- +goose Down\nDROP INDEX CONCURRENTLY g;\n");
  p.migration("003_dbmate.sql",
              "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY d ON a (id);\n\n"
              "-- migrate:down\nDROP INDEX d;\n");
  p.migration(
      "004_pm.sql",
      "-- postgres-migrations disable-transaction\nCREATE INDEX CONCURRENTLY m ON a (id);\n");
  const auto r = p.run_one(gates::make_pg_migrate());
  INFO(r.message << " / " << r.hint);
  REQUIRE(r.status == Status::passed);
  CHECK(p.history() ==
        "001_a.sql:applied:all,002_goose.sql:applied:none,003_dbmate.sql:applied:none,"
        "004_pm.sql:applied:none");
  // The down sections did not run.
  CHECK(p.db.value("SELECT count(*) FROM pg_indexes WHERE tablename = 'a'") == "3");
}

TEST_CASE("an enum value added in one file and used in the next, in one run",
          "[pg][migrate][enum]") {
  auto url = pg_or_skip();
  if (!url) return;
  PgProject p(*url);
  // Supabase storage's 0044/0045 shape.
  p.migration("001_type.sql", "CREATE TYPE mood AS ENUM ('ok');\nCREATE TABLE t (m mood);\n");
  p.migration("002_value.sql", "ALTER TYPE mood ADD VALUE 'sad';\n");
  p.migration("003_use.sql",
              "INSERT INTO t VALUES ('sad');\nCREATE INDEX t_sad ON t (m) WHERE m = 'sad';\n");
  SECTION("pg.migrate with transaction = all") {
    const auto r = p.run_one(gates::make_pg_migrate());
    INFO(r.message << " / " << r.hint);
    REQUIRE(r.status == Status::passed);
    CHECK(p.db.value("SELECT count(*) FROM t WHERE m = 'sad'") == "1");
    CHECK(p.history() ==
          "001_type.sql:applied:all,002_value.sql:applied:all,003_use.sql:applied:all");
  }
  SECTION("pg.shadow replays the history") {
    const auto r = p.run_one(gates::make_pg_shadow());
    INFO(r.message << " / " << r.hint);
    CHECK(r.status == Status::passed);
  }
  SECTION("the same file cannot use its own new value: the hint says what to do") {
    p.migration("004_both.sql",
                "ALTER TYPE mood ADD VALUE 'glad';\nINSERT INTO t VALUES ('glad');\n");
    const auto r = p.run_one(gates::make_pg_migrate());
    CHECK(r.status == Status::failed);
    CHECK_THAT(r.message, Catch::Contains("004_both.sql failed at line 2"));
    CHECK_THAT(r.hint, Catch::Contains("move the use into a later migration file"));
  }
}

TEST_CASE("a dry run shows which files run outside a transaction and where a transaction commits",
          "[pg][migrate][mixed]") {
  auto url = pg_or_skip();
  if (!url) return;
  PgProject p(*url);
  p.cfg.migrations.mixed = true;
  p.migration("001_type.sql", "CREATE TYPE mood AS ENUM ('ok');\n");
  p.migration("002_value.sql", "ALTER TYPE mood ADD VALUE 'sad';\n");
  p.migration("003_idx.sql", "CREATE TABLE t (m mood);\nCREATE INDEX CONCURRENTLY i ON t (m);\n");
  const std::string before = p.db.fingerprint();
  const auto r = p.run_one(gates::make_pg_migrate(), /*dry_run=*/true);
  CHECK(r.status == Status::planned);
  CHECK_THAT(r.message, Catch::Contains("in 1 transaction and 1 outside a transaction"));
  CHECK_THAT(r.message, Catch::Contains("002_value.sql [adds an enum value: commits after it]"));
  CHECK_THAT(r.message, Catch::Contains("003_idx.sql [no-transaction: CREATE INDEX CONCURRENTLY "
                                        "at line 2, [migrations] mixed = true]"));
  CHECK(p.db.fingerprint() == before);
}
