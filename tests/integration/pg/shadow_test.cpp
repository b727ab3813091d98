// pg.shadow: a scratch database gets every migration from zero and is always dropped.

#include <catch2/catch.hpp>
#include <cctype>

#include "relctl/gates/pg.hpp"
#include "support/pg_database.hpp"

using namespace relctl;
using namespace relctl::test;
using core::Status;

namespace {

// Whether the scratch database of run `run_id` still exists.
bool scratch_exists(const std::string& url, const std::string& run_id) {
  std::string name = "relctl_shadow_";
  for (char c : run_id) name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return admin_sql(url, "SELECT count(*) FROM pg_database WHERE datname = '" + name + "'")[0][0] !=
         "0";
}

}  // namespace

TEST_CASE("pg.shadow rehearses on a scratch database and drops it", "[pg][shadow]") {
  auto url = pg_or_skip();
  if (!url) return;
  PgProject p(*url);
  p.migration("001_config.sql",
              "CREATE TABLE bot_config (config_key text PRIMARY KEY, config_value jsonb);\n"
              "INSERT INTO bot_config VALUES ('schema_version', '{\"version\": \"1.2.0\"}');\n");
  p.migration("002_fn.sql",
              "CREATE SCHEMA ops;\nCREATE FUNCTION ops.claim(kinds text[], n int4) RETURNS int "
              "LANGUAGE sql AS $$ SELECT n $$;\n");
  write_file(p.dir / "SCHEMA_VERSION", "1.2.0\n");
  p.cfg.schema_guard = config::SchemaGuard{
      {config::ValueSource::From::file, "SCHEMA_VERSION"},
      "SELECT config_value->>'version' FROM bot_config WHERE config_key = 'schema_version'"};
  p.cfg.functions.push_back({"ops.claim", {"_text", "integer"}});
  const std::string before = p.db.fingerprint();

  SECTION("success") {
    const auto r = p.run_one(gates::make_pg_shadow());
    INFO(r.message << r.hint);
    CHECK(r.status == Status::passed);
    CHECK_THAT(r.message, Catch::Contains("2 migrations applied from zero on scratch database "
                                          "relctl_shadow_") &&
                              Catch::Contains("schema version 1.2.0") &&
                              Catch::Contains("1 function signature present") &&
                              Catch::Contains("dropped it"));
  }
  SECTION("a failing migration") {
    p.migration("003_bad.sql", "ALTER TABLE nope ADD COLUMN x int;\n");
    const auto r = p.run_one(gates::make_pg_shadow());
    CHECK(r.status == Status::failed);
    CHECK_THAT(r.message, Catch::Contains("on the scratch database: migration 003_bad.sql failed "
                                          "at line 1"));
  }
  SECTION("a failing check after the migrations") {
    write_file(p.dir / "SCHEMA_VERSION", "1.3.0\n");
    const auto r = p.run_one(gates::make_pg_shadow());
    CHECK(r.status == Status::failed);
    CHECK_THAT(r.message, Catch::Contains("on the scratch database, schema guard"));
  }
  REQUIRE_FALSE(p.last_run_id.empty());
  CHECK_FALSE(scratch_exists(*url, p.last_run_id));
  CHECK(p.db.fingerprint() == before);  // the real database is untouched
}
