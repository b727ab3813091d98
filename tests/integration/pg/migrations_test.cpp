// The migrations engine and pg.history / pg.migrate against a real database.

#include <catch2/catch.hpp>

#include "relctl/gates/pg.hpp"
#include "support/pg_database.hpp"

using namespace relctl;
using namespace relctl::test;
using core::Status;

namespace {

void three_migrations(PgProject& p) {
  p.migration("001_jobs.sql", "CREATE TABLE jobs (id serial PRIMARY KEY, status text NOT NULL);\n");
  p.migration("002_job_index.sql", "CREATE INDEX jobs_status ON jobs (status);\n");
  p.migration("003_seed.sql",
              "INSERT INTO jobs (status) VALUES ('pending');\nINSERT INTO jobs (status) VALUES "
              "('done');\n");
}

}  // namespace

TEST_CASE("pg.migrate applies pending files once, then has nothing to do", "[pg][migrate]") {
  auto url = pg_or_skip();
  if (!url) return;
  PgProject p(*url);
  three_migrations(p);

  const auto first = p.run_one(gates::make_pg_migrate());
  INFO(first.message << " / " << first.hint);
  REQUIRE(first.status == Status::passed);
  CHECK_THAT(first.message, Catch::Contains("applied 3 migrations in one transaction"));
  CHECK(p.db.value("SELECT count(*) FROM jobs") == "2");
  const auto rows = p.db.sql(
      "SELECT rank, version, script, checksum, success::text, tx_mode, run_id <> '', "
      "installed_by FROM relctl.schema_history ORDER BY rank");
  REQUIRE(rows.size() == 3);
  CHECK(rows[0][2] == "001_jobs.sql");
  CHECK(rows[0][3]->rfind("sha256:", 0) == 0);
  CHECK(rows[0][3]->size() == 7 + 64);
  CHECK(rows[2][4] == "true");
  CHECK(rows[2][5] == "all");
  CHECK(rows[2][7] == "relctl_test");

  const std::string before = p.db.fingerprint();
  const auto again = p.run_one(gates::make_pg_migrate());
  CHECK(again.status == Status::passed);
  CHECK_THAT(again.message, Catch::Contains("nothing to apply"));
  CHECK(p.db.fingerprint() == before);

  const auto history = p.run_one(gates::make_pg_history());
  CHECK(history.status == Status::passed);
  CHECK_THAT(history.message, Catch::Contains("3 applied, 0 pending"));
}

TEST_CASE("pg.history names an edited applied file, a CRLF copy is no edit", "[pg][history]") {
  auto url = pg_or_skip();
  if (!url) return;
  PgProject p(*url);
  three_migrations(p);
  REQUIRE(p.run_one(gates::make_pg_migrate()).status == Status::passed);

  SECTION("CRLF and a BOM do not count as an edit") {
    p.migration("002_job_index.sql",
                "\xEF\xBB\xBF"
                "CREATE INDEX jobs_status ON jobs (status);\r\n");
    const auto r = p.run_one(gates::make_pg_history());
    INFO(r.message);
    CHECK(r.status == Status::passed);
  }
  SECTION("an edit fails, naming the file") {
    p.migration("002_job_index.sql", "CREATE INDEX jobs_status ON jobs (status, id);\n");
    const auto r = p.run_one(gates::make_pg_history());
    CHECK(r.status == Status::failed);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.message, Catch::Contains("002_job_index.sql was edited"));
    // pg.migrate refuses too, even without pg.history before it.
    CHECK(p.run_one(gates::make_pg_migrate()).status == Status::failed);
  }
  SECTION("a deleted applied file fails, naming it") {
    fs::remove(p.dir / "migrations" / "001_jobs.sql");
    const auto r = p.run_one(gates::make_pg_history());
    CHECK(r.status == Status::failed);
    CHECK_THAT(r.message, Catch::Contains("001_jobs.sql was applied") && Catch::Contains("gone"));
  }
  SECTION("a new file older than the newest applied fails, naming it") {
    p.migration("000_late.sql", "SELECT 1;\n");
    const auto r = p.run_one(gates::make_pg_history());
    CHECK(r.status == Status::failed);
    CHECK_THAT(r.message, Catch::Contains("000_late.sql is pending but older"));
  }
}

TEST_CASE("a failing third file with transaction = all leaves everything as before",
          "[pg][migrate]") {
  auto url = pg_or_skip();
  if (!url) return;
  PgProject p(*url);
  // An earlier run applied a base migration, so the history table exists.
  p.migration("000_base.sql", "CREATE TABLE base (id int);\n");
  REQUIRE(p.run_one(gates::make_pg_migrate()).status == Status::passed);
  p.migration("001_a.sql", "CREATE TABLE a (id int);\n");
  p.migration("002_b.sql", "CREATE TABLE b (id int);\nINSERT INTO b VALUES (1);\n");
  p.migration("003_c.sql", "CREATE TABLE c (id int);\n\nINSERT INTO c\n  SELECT * FROM nope;\n");
  const std::string before = p.db.fingerprint();

  const auto result = p.run_one(gates::make_pg_migrate());
  CHECK(result.status == Status::failed);
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.message, Catch::Contains("migration 003_c.sql failed at line 4"));
  CHECK_THAT(result.message, Catch::Contains("relation \"nope\" does not exist"));
  CHECK_THAT(result.message, Catch::Contains("rolled back the whole transaction"));
  CHECK_THAT(result.hint, Catch::Contains("nothing was applied"));
  CHECK(p.db.value("SELECT to_regclass('public.a') IS NULL") == "t");
  CHECK(p.db.value("SELECT to_regclass('public.b') IS NULL") == "t");
  CHECK(p.db.value("SELECT count(*) FROM relctl.schema_history") == "1");
  CHECK(p.db.fingerprint() == before);
}

TEST_CASE("transaction = file keeps the files before the failing one", "[pg][migrate]") {
  auto url = pg_or_skip();
  if (!url) return;
  PgProject p(*url);
  p.cfg.migrations.transaction = "file";
  p.migration("001_a.sql", "CREATE TABLE a (id int);\n");
  p.migration("002_b.sql", "CREATE TABLE b (id int);\n");
  p.migration("003_c.sql", "CREATE TABLE c (id int);\nSELEC 1;\n");
  const auto r = p.run_one(gates::make_pg_migrate());
  CHECK(r.status == Status::failed);
  CHECK_THAT(r.message,
             Catch::Contains("003_c.sql failed at line 2") && Catch::Contains("syntax error"));
  CHECK_THAT(r.hint, Catch::Contains("already applied and recorded: 001_a.sql, 002_b.sql"));
  CHECK(p.db.value("SELECT string_agg(script || ':' || tx_mode, ',' ORDER BY rank) FROM "
                   "relctl.schema_history") == "001_a.sql:file,002_b.sql:file");
  CHECK(p.db.value("SELECT to_regclass('public.c') IS NULL") == "t");
}

TEST_CASE("a no-transaction file runs alone, outside a transaction", "[pg][migrate]") {
  auto url = pg_or_skip();
  if (!url) return;
  PgProject p(*url);
  p.migration("001_a.sql", "CREATE TABLE a (id int);\n");
  p.migration("002_idx.sql",
              "-- relctl: no-transaction\nCREATE INDEX CONCURRENTLY a_id ON a (id);\n");
  p.migration("003_b.sql", "CREATE TABLE b (id int);\n");
  const auto r = p.run_one(gates::make_pg_migrate());
  INFO(r.message << " / " << r.hint);
  REQUIRE(r.status == Status::passed);
  CHECK(p.db.value("SELECT string_agg(script || ':' || tx_mode, ',' ORDER BY rank) FROM "
                   "relctl.schema_history") == "001_a.sql:all,002_idx.sql:none,003_b.sql:all");

  SECTION("and when it fails, it is recorded as failed and blocks the next run") {
    p.migration("004_bad.sql", "-- relctl: no-transaction\nCREATE TABLE d (id int);\nSELEC;\n");
    const auto bad = p.run_one(gates::make_pg_migrate());
    CHECK(bad.status == Status::failed);
    CHECK_THAT(bad.message, Catch::Contains("004_bad.sql (no-transaction) failed at line 3"));
    CHECK(p.db.value("SELECT success::text FROM relctl.schema_history WHERE script = "
                     "'004_bad.sql'") == "false");
    CHECK(p.db.value("SELECT to_regclass('public.d') IS NOT NULL") == "t");  // stays applied
    const auto history = p.run_one(gates::make_pg_history());
    CHECK(history.status == Status::failed);
    CHECK_THAT(history.message, Catch::Contains("004_bad.sql failed partway"));
  }
}

TEST_CASE("BEGIN/COMMIT inside a transactional file is refused before anything runs",
          "[pg][migrate]") {
  auto url = pg_or_skip();
  if (!url) return;
  PgProject p(*url);
  p.migration("001_a.sql", "CREATE TABLE a (id int);\n");
  p.migration("002_b.sql", "BEGIN;\nCREATE TABLE b (id int);\nCOMMIT;\n");
  const auto r = p.run_one(gates::make_pg_migrate());
  CHECK(r.status == Status::failed);
  CHECK_THAT(r.message, Catch::Contains("002_b.sql line 1: `BEGIN`"));
  CHECK(p.db.value("SELECT to_regclass('public.a') IS NULL") == "t");
}

TEST_CASE("a dry run lists the pending files with checksums and touches nothing", "[pg][migrate]") {
  auto url = pg_or_skip();
  if (!url) return;
  PgProject p(*url);
  p.migration("001_a.sql", "CREATE TABLE a (id int);\n");
  const std::string fresh = p.db.fingerprint();
  const auto planned = p.run_one(gates::make_pg_migrate(), /*dry_run=*/true);
  CHECK(planned.status == Status::planned);
  CHECK_THAT(planned.message,
             Catch::Contains("would apply 1 migration") && Catch::Contains("001_a.sql sha256:"));
  CHECK(p.db.fingerprint() == fresh);  // not even the relctl schema

  REQUIRE(p.run_one(gates::make_pg_migrate()).status == Status::passed);
  p.migration("002_b.sql", "CREATE TABLE b (id int);\n");
  const std::string applied = p.db.fingerprint();
  std::vector<std::unique_ptr<core::Gate>> pipeline;
  pipeline.push_back(gates::make_pg_connect());
  pipeline.push_back(gates::make_pg_lock());
  pipeline.push_back(gates::make_pg_history());
  pipeline.push_back(gates::make_pg_migrate());
  const auto dry = p.run(std::move(pipeline), true);
  CHECK(dry.status == core::RunStatus::passed);
  CHECK_THAT(dry.gates.at(3).message, Catch::Contains("002_b.sql sha256:"));
  CHECK(p.db.fingerprint() == applied);
}

TEST_CASE("migrations are read from a tag's tree when asked", "[pg][migrate]") {
  auto url = pg_or_skip();
  if (!url) return;
  PgProject p(*url);
  p.migration("001_a.sql", "CREATE TABLE tagged (id int);\n");
  sh("git init -q -b main . && git add -A && git commit -qm first && git tag -a v1 -m v1",
     p.dir.path());
  // The work tree moves on; the tag does not.
  p.migration("001_a.sql", "CREATE TABLE edited (id int);\n");
  p.migration("002_b.sql", "CREATE TABLE later (id int);\n");

  const auto r = p.run_one(gates::make_pg_migrate({"v1"}));
  INFO(r.message << r.hint);
  REQUIRE(r.status == Status::passed);
  CHECK_THAT(r.message, Catch::Contains("applied 1 migration"));
  CHECK(p.db.value("SELECT to_regclass('public.tagged') IS NOT NULL") == "t");
  CHECK(p.db.value("SELECT to_regclass('public.later') IS NULL") == "t");

  const auto missing = p.run_one(gates::make_pg_history({"v9"}));
  CHECK(missing.status == Status::failed);
  CHECK(missing.exit_code == 2);
  CHECK_THAT(missing.message, Catch::Contains("no tag v9"));
}
