// pg.env-guard: a prod environment pointed at the dev database stops before any write.

#include <catch2/catch.hpp>
#include <cstdlib>

#include "relctl/gates/pg.hpp"
#include "support/pg_database.hpp"

using namespace relctl;
using namespace relctl::test;
using core::Status;

TEST_CASE("pg.env-guard compares current_database() and the markers", "[pg][env-guard]") {
  auto url = pg_or_skip();
  if (!url) return;
  PgProject p(*url);
  auto& db = p.cfg.databases.front();

  SECTION("nothing to compare: skipped") {
    CHECK(p.run_one(gates::make_pg_env_guard()).status == Status::skipped);
  }
  SECTION("the expected database: passed") {
    db.expect_database = p.db.name();
    CHECK(p.run_one(gates::make_pg_env_guard()).status == Status::passed);
  }
  SECTION("another database: failed, naming both") {
    db.expect_database = "survivor_dw_prod";
    const auto r = p.run_one(gates::make_pg_env_guard());
    CHECK(r.status == Status::failed);
    CHECK_THAT(r.message, Catch::Contains("expects database survivor_dw_prod") &&
                              Catch::Contains("$RELCTL_IT_MAIN_URL points at " + p.db.name()));
  }
  SECTION("expect_vars: set and equal, different, unset") {
    db.expect_vars = {{"RELCTL_IT_MARKER", "prod"}};
    setenv("RELCTL_IT_MARKER", "prod", 1);
    CHECK(p.run_one(gates::make_pg_env_guard()).status == Status::passed);
    setenv("RELCTL_IT_MARKER", "dev", 1);
    const auto wrong = p.run_one(gates::make_pg_env_guard());
    CHECK(wrong.status == Status::failed);
    CHECK_THAT(wrong.message, Catch::Contains("$RELCTL_IT_MARKER is \"dev\""));
    unsetenv("RELCTL_IT_MARKER");
    CHECK_THAT(p.run_one(gates::make_pg_env_guard()).message, Catch::Contains("is not set"));
  }
  SECTION("a protected environment without expectations fails closed") {
    p.cfg.environments.front().is_protected = true;
    const auto r = p.run_one(gates::make_pg_env_guard());
    CHECK(r.status == Status::failed);
    CHECK_THAT(r.hint, Catch::Contains("expect_database"));
  }
}

TEST_CASE("a prod config pointed at the dev database fails before any write", "[pg][env-guard]") {
  auto url = pg_or_skip();
  if (!url) return;
  PgProject p(*url);  // its database plays "dev"
  p.migration("001_a.sql", "CREATE TABLE a (id int);\n");
  config::Database prod_db;
  prod_db.name = "prod";
  prod_db.url_env = "RELCTL_IT_MAIN_URL";  // the mistake: prod's variable holds dev's URL
  prod_db.expect_database = "gamebot_prod";
  p.cfg.databases.push_back(prod_db);
  config::Environment prod;
  prod.name = "prod";
  prod.database = "prod";
  prod.is_protected = true;
  p.cfg.environments.push_back(prod);
  const std::string before = p.db.fingerprint();

  std::vector<std::unique_ptr<core::Gate>> pipeline;
  pipeline.push_back(gates::make_pg_connect());
  pipeline.push_back(gates::make_pg_env_guard());
  pipeline.push_back(gates::make_pg_lock());
  pipeline.push_back(gates::make_pg_history());
  pipeline.push_back(gates::make_pg_migrate());
  const auto run = p.run(std::move(pipeline), false, "prod");
  CHECK(run.exit_code == 1);
  REQUIRE(run.gates.size() == 2);  // stopped at the guard
  CHECK(run.gates[1].id == "pg.env-guard");
  CHECK_THAT(run.gates[1].message, Catch::Contains("expects database gamebot_prod"));
  CHECK(p.db.fingerprint() == before);
  CHECK(p.db.value("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = "
                   "(SELECT oid FROM pg_database WHERE datname = current_database())") == "0");
}
