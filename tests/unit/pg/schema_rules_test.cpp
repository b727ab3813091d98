// SPEC §6's schema guard rules, case by case.

#include <catch2/catch.hpp>

#include "gates/pg/schema_rules.hpp"

using namespace relctl::gates;

TEST_CASE("schema guard rules", "[pg][schema-guard]") {
  struct Case {
    const char* app;
    const char* db;
    bool ok;
    const char* says;
  };
  const Case cases[] = {
      // equal -> ok
      {"1.4.2", "1.4.2", true, "on both sides"},
      {"v1.4", "1.4.0", true, "on both sides"},
      {" 2 ", "2.0.0\n", true, "on both sides"},
      // database newer in minor/patch -> ok
      {"1.4.2", "1.4.3", true, "compatible"},
      {"1.4.2", "1.5.0", true, "compatible"},
      // application newer -> fail, run migrations
      {"1.5.0", "1.4.9", false, "run migrations"},
      {"1.4.3", "1.4.2", false, "run migrations"},
      // different major -> fail, either way
      {"2.0.0", "1.9.9", false, "major"},
      {"1.9.9", "2.0.0", false, "major"},
      // malformed versions -> fail, naming the side
      {"", "1.0.0", false, "application"},
      {"1.0.0", "", false, "database"},
      {"abc", "1.0.0", false, "application"},
      {"1.0.0", "1.0.x", false, "database"},
      {"1.2.3.4", "1.2.3", false, "application"},
      {"1..2", "1.2.0", false, "application"},
      {"1.2.3-beta.1", "1.2.3", false, "application"},
      {"-1.0.0", "1.0.0", false, "application"},
      {"1.0.0", "99999999999.0.0", false, "database"},
  };
  for (const auto& c : cases) {
    INFO("app=" << c.app << " db=" << c.db);
    const auto v = judge_schema_versions(c.app, c.db);
    CHECK(v.ok == c.ok);
    CHECK_THAT(v.message + " " + v.hint, Catch::Contains(c.says));
    if (!v.ok) CHECK_FALSE(v.hint.empty());
  }
}

TEST_CASE("schema versions parse MAJOR[.MINOR[.PATCH]]", "[pg][schema-guard]") {
  CHECK(parse_schema_version("3")->major == 3);
  CHECK(parse_schema_version("3.1")->minor == 1);
  CHECK(parse_schema_version("V3.1.7")->patch == 7);
  CHECK_FALSE(parse_schema_version("v"));
  CHECK_FALSE(parse_schema_version("3."));
  CHECK_FALSE(parse_schema_version(".3"));
  CHECK_FALSE(parse_schema_version("3 .1"));
}
