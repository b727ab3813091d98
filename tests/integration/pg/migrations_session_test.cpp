// Every migration file starts on a clean session: a role, a session
// authorization, temp tables and prepared statements of one file reach
// neither relctl's bookkeeping nor the next file.

#include <catch2/catch.hpp>

#include "relctl/gates/pg.hpp"
#include "support/pg_database.hpp"

using namespace relctl;
using namespace relctl::test;
using core::Status;

TEST_CASE("SET ROLE in a migration reaches neither the history nor the next file",
          "[pg][migrate][session]") {
  auto url = pg_or_skip();
  if (!url) return;
  TempRole role(*url, "relctl_it_role");
  PgProject p(*url);
  p.db.sql("GRANT CREATE ON SCHEMA public TO " + role.name());
  const std::string mode = GENERATE(as<std::string>{}, "all", "file", "none");
  p.cfg.migrations.transaction = mode == "file" ? "file" : "all";
  const std::string header = mode == "none" ? "-- relctl: no-transaction\n" : "";
  // Like Flyway's V0.1__Set_role.sql: the rest of the file runs as that role.
  p.migration("001_set_role.sql",
              header + "SET ROLE " + role.name() + ";\nCREATE TABLE made_by_role (a int);\n");
  p.migration("002_after.sql", header + "CREATE TABLE made_after (a int);\n");

  const auto r = p.run_one(gates::make_pg_migrate());
  INFO(mode << ": " << r.message << " / " << r.hint);
  REQUIRE(r.status == Status::passed);
  // The bookkeeping ran as the connecting role, and so did the next file.
  CHECK(p.db.value("SELECT string_agg(DISTINCT installed_by, ',') FROM relctl.schema_history") ==
        "relctl_test");
  CHECK(p.db.value("SELECT tableowner FROM pg_tables WHERE tablename = 'made_by_role'") ==
        role.name());
  CHECK(p.db.value("SELECT tableowner FROM pg_tables WHERE tablename = 'made_after'") ==
        "relctl_test");
}

TEST_CASE("SET SESSION AUTHORIZATION in a migration does not outlive its file",
          "[pg][migrate][session]") {
  auto url = pg_or_skip();
  if (!url) return;
  TempRole role(*url, "relctl_it_auth");
  PgProject p(*url);
  p.db.sql("GRANT CREATE ON SCHEMA public TO " + role.name());
  p.migration("001_auth.sql", "SET SESSION AUTHORIZATION " + role.name() +
                                  ";\nCREATE TABLE made_by_auth (a int);\n");
  p.migration("002_after.sql", "CREATE TABLE made_after (a int);\n");
  const auto r = p.run_one(gates::make_pg_migrate());
  INFO(r.message << " / " << r.hint);
  REQUIRE(r.status == Status::passed);
  CHECK(p.db.value("SELECT string_agg(DISTINCT installed_by, ',') FROM relctl.schema_history") ==
        "relctl_test");
  CHECK(p.db.value("SELECT tableowner FROM pg_tables WHERE tablename = 'made_after'") ==
        "relctl_test");
}

TEST_CASE("temp tables, prepared statements and settings of one file are gone in the next",
          "[pg][migrate][session]") {
  auto url = pg_or_skip();
  if (!url) return;
  PgProject p(*url);
  const std::string mode = GENERATE(as<std::string>{}, "all", "none");
  const std::string header = mode == "none" ? "-- relctl: no-transaction\n" : "";
  const std::string body =
      "CREATE TEMP TABLE scratch (a int);\nPREPARE q AS SELECT 1;\n"
      "DECLARE c CURSOR WITH HOLD FOR SELECT 1;\nSET search_path = nowhere;\n";
  p.migration("001_a.sql", header + body);
  p.migration("002_b.sql", header + body + "RESET search_path;\nCREATE TABLE kept (a int);\n");
  const auto r = p.run_one(gates::make_pg_migrate());
  INFO(mode << ": " << r.message << " / " << r.hint);
  REQUIRE(r.status == Status::passed);
  CHECK(p.db.value("SELECT to_regclass('public.kept') IS NOT NULL") == "t");
  CHECK(p.history() == "001_a.sql:applied:" + mode + ",002_b.sql:applied:" + mode);
}
