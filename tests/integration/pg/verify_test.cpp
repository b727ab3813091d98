// pg.schema-guard, pg.functions, pg.smoke and pg.checks against a live database.

#include <catch2/catch.hpp>
#include <cstdlib>

#include "relctl/gates/pg.hpp"
#include "support/pg_database.hpp"

using namespace relctl;
using namespace relctl::test;
using core::Status;

namespace {

void schema(PgProject& p, const std::string& db_version) {
  p.db.sql("CREATE TABLE bot_config (config_key text PRIMARY KEY, config_value jsonb)");
  p.db.sql(
      "INSERT INTO bot_config VALUES ('schema_version', jsonb_build_object('version', $1::text))",
      {db_version});
  p.cfg.schema_guard = config::SchemaGuard{
      {config::ValueSource::From::file, "SCHEMA_VERSION"},
      "SELECT config_value->>'version' FROM bot_config WHERE config_key = 'schema_version'"};
}

}  // namespace

TEST_CASE("pg.schema-guard applies SPEC 6 to the live versions", "[pg][schema-guard]") {
  auto url = pg_or_skip();
  if (!url) return;
  PgProject p(*url);
  CHECK(p.run_one(gates::make_pg_schema_guard()).status == Status::skipped);
  schema(p, "1.4.0");
  write_file(p.dir / "SCHEMA_VERSION", "1.4.0\n");
  CHECK(p.run_one(gates::make_pg_schema_guard()).status == Status::passed);
  write_file(p.dir / "SCHEMA_VERSION", "1.3.9\n");
  CHECK(p.run_one(gates::make_pg_schema_guard()).status == Status::passed);
  write_file(p.dir / "SCHEMA_VERSION", "1.5.0\n");
  auto newer = p.run_one(gates::make_pg_schema_guard());
  CHECK(newer.status == Status::failed);
  CHECK_THAT(newer.hint, Catch::Contains("run migrations"));
  CHECK_THAT(newer.message, Catch::Contains("SCHEMA_VERSION in the work tree"));
  write_file(p.dir / "SCHEMA_VERSION", "2.0.0\n");
  CHECK_THAT(p.run_one(gates::make_pg_schema_guard()).message, Catch::Contains("major"));

  SECTION("from a variable") {
    p.cfg.schema_guard->app_version = {config::ValueSource::From::env, "RELCTL_IT_APP_SCHEMA"};
    setenv("RELCTL_IT_APP_SCHEMA", "1.4.0", 1);
    CHECK(p.run_one(gates::make_pg_schema_guard()).status == Status::passed);
    unsetenv("RELCTL_IT_APP_SCHEMA");
    CHECK(p.run_one(gates::make_pg_schema_guard()).status == Status::failed);
  }
  SECTION("no version in the database") {
    p.db.sql("DELETE FROM bot_config");
    CHECK_THAT(p.run_one(gates::make_pg_schema_guard()).message,
               Catch::Contains("returned no version"));
  }
  SECTION("a dry run with pending migrations cannot know the version after them") {
    write_file(p.dir / "SCHEMA_VERSION", "1.5.0\n");
    p.migration("001_bump.sql",
                "UPDATE bot_config SET config_value = '{\"version\":\"1.5.0\"}';\n");
    const auto dry = p.run_one(gates::make_pg_schema_guard(), /*dry_run=*/true);
    CHECK(dry.status == Status::skipped);
    CHECK_THAT(dry.message, Catch::Contains("1 pending migration(s)"));
  }
}

TEST_CASE("pg.functions compares signatures with normalised types", "[pg][functions]") {
  auto url = pg_or_skip();
  if (!url) return;
  PgProject p(*url);
  p.db.sql("CREATE SCHEMA ops");
  p.db.sql(
      "CREATE FUNCTION ops.claim_pending_job(kinds text[], lim int4, worker varchar) "
      "RETURNS int LANGUAGE sql AS $$ SELECT 1 $$");
  p.db.sql(
      "CREATE FUNCTION ops.claim_pending_job(kinds text[]) RETURNS int LANGUAGE sql AS $$ "
      "SELECT 2 $$");
  p.db.sql("CREATE TABLE t (id int)");
  p.cfg.functions = {{"ops.claim_pending_job", {"_text", "integer", "character varying"}}};
  CHECK(p.run_one(gates::make_pg_functions()).status == Status::passed);

  p.cfg.functions = {{"ops.claim_pending_job", {"text[]", "bigint", "text"}},
                     {"x\"; drop table t; --", {}}};
  const auto r = p.run_one(gates::make_pg_functions());
  CHECK(r.status == Status::failed);
  CHECK_THAT(r.message, Catch::Contains("2 of 2 function signatures missing"));
  CHECK_THAT(r.message, Catch::Contains("ops.claim_pending_job(text[], bigint, text) does not "
                                        "exist (found ops.claim_pending_job(text[], integer, "
                                        "character varying), ops.claim_pending_job(text[]))"));
  CHECK_THAT(r.message, Catch::Contains("x\"; drop table t; --() does not exist"));
  CHECK(p.db.value("SELECT to_regclass('public.t') IS NOT NULL") == "t");
}

TEST_CASE("pg.smoke runs statement by statement and names the failing one", "[pg][smoke]") {
  auto url = pg_or_skip();
  if (!url) return;
  PgProject p(*url);
  p.db.sql("CREATE TABLE jobs (id int)");
  p.cfg.environments.front().smoke = "smoke.sql";
  write_file(p.dir / "smoke.sql",
             "-- smoke\nSELECT count(*) FROM jobs;\nINSERT INTO jobs VALUES (1);\n"
             "SELECT 1/count(*) FROM jobs;\n");
  const auto ok = p.run_one(gates::make_pg_smoke());
  INFO(ok.message << ok.hint);
  CHECK(ok.status == Status::passed);
  CHECK_THAT(ok.message, Catch::Contains("3 statements of smoke.sql"));
  CHECK(p.db.value("SELECT count(*) FROM jobs") == "0");  // rolled back

  write_file(p.dir / "smoke.sql", "SELECT 1;\n\nSELECT *\n  FROM missing_table;\nSELECT 3;\n");
  const auto bad = p.run_one(gates::make_pg_smoke());
  CHECK(bad.status == Status::failed);
  CHECK_THAT(bad.message, Catch::Contains("smoke statement 2 of 3 (smoke.sql line 4) failed") &&
                              Catch::Contains("missing_table") && Catch::Contains("SELECT * ..."));
  CHECK(p.run_one(gates::make_pg_smoke(), false, "").status == Status::skipped);
}

TEST_CASE("pg.checks runs [[db_checks]], identifiers are only names", "[pg][checks]") {
  auto url = pg_or_skip();
  if (!url) return;
  PgProject p(*url);
  p.db.sql("CREATE SCHEMA ops");
  p.db.sql("CREATE TABLE ops.jobs (id int PRIMARY KEY, status text, owner int)");
  p.db.sql("CREATE TABLE owners (id int PRIMARY KEY)");
  p.db.sql("CREATE TABLE t (id int)");
  p.db.sql("INSERT INTO owners VALUES (1)");
  p.db.sql("INSERT INTO ops.jobs VALUES (1, 'pending', 1), (2, 'done', 1), (3, 'weird', 2)");

  auto check = [](std::string table, std::string column) {
    config::DataCheck c;
    c.table = std::move(table);
    c.column = std::move(column);
    return c;
  };
  auto status_values = check("ops.jobs", "status");
  status_values.accepted_values = {"pending", "running", "done", "failed"};
  auto ids = check("ops.jobs", "id");
  ids.unique = true;
  ids.not_null = true;
  ids.row_count = config::RowCount{1, 10};
  auto owners = check("ops.jobs", "owner");
  owners.relationship = config::Relationship{"owners", "id"};
  owners.severity = config::CheckSeverity::warn;
  auto prod_only = check("ops.jobs", "status");
  prod_only.not_null = true;
  prod_only.environments = {"prod"};

  SECTION("passing, failing and warning rules") {
    p.cfg.db_checks = {ids, owners};
    const auto warned = p.run_one(gates::make_pg_checks());
    CHECK(warned.status == Status::warned);
    CHECK_THAT(warned.message, Catch::Contains("1 row of ops.jobs.owner has no match in "
                                               "owners.id (e.g. '2')"));
    p.cfg.db_checks = {ids, owners, status_values, prod_only};
    const auto failed = p.run_one(gates::make_pg_checks());
    CHECK(failed.status == Status::failed);
    CHECK_THAT(failed.message, Catch::Contains("accepted_values: 1 row of ops.jobs.status holds "
                                               "another value (e.g. 'weird')"));
    p.db.sql("UPDATE ops.jobs SET status = 'failed', owner = 1 WHERE id = 3");
    const auto passed = p.run_one(gates::make_pg_checks());
    CHECK(passed.status == Status::passed);
    CHECK_THAT(passed.message, Catch::Contains("3 checks passed"));  // prod_only not for dev
  }
  SECTION("a hostile name is just a name that does not exist") {
    auto hostile = check("x\"; drop table t; --", "y\"; drop table t; --");
    hostile.not_null = true;
    hostile.name = "hostile";
    auto hostile_values = check("ops.jobs", "status");
    hostile_values.accepted_values = {"'); drop table t; --"};
    p.cfg.db_checks = {hostile, hostile_values};
    const auto r = p.run_one(gates::make_pg_checks());
    CHECK(r.status == Status::failed);
    CHECK_THAT(r.message, Catch::Contains("hostile: the query failed: relation \"x\"; drop table "
                                          "t; --\" does not exist"));
    CHECK(p.db.value("SELECT to_regclass('public.t') IS NOT NULL") == "t");
    CHECK(p.db.value("SELECT count(*) FROM ops.jobs") == "3");
  }
}
