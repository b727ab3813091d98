// The small JSON Schema validator of tests/support, on the real schema file
// (docs/relctl.schema.json): it accepts a correct document and names what is
// wrong in broken ones, so that the schema test of every command can fail.

#include <catch2/catch.hpp>

#include "support/json_schema.hpp"

using namespace relctl::test;
using Catch::Contains;
using nlohmann::json;

namespace {

std::string joined(const std::vector<std::string>& errors) {
  std::string out;
  for (const auto& e : errors) out += e + "\n";
  return out;
}

json run_document() {
  return json::parse(R"({"relctl": "0.1.0", "schema": 1, "command": "code-release",
    "status": "passed", "exit_code": 0, "dry_run": true, "run_id": "01J",
    "release": {"tags": ["code-v1.3.0"], "branch": "main", "commit": "3f2a1c9"},
    "gates": [{"id": "git.clean", "kind": "check", "severity": "hard", "status": "passed",
               "message": "", "duration_ms": 3, "details": {}}]})");
}

}  // namespace

TEST_CASE("the JSON Schema validator accepts a good document and names every fault of bad ones",
          "[unit][json]") {
  const json& schema = relctl_schema();
  CHECK(joined(schema_errors(schema, run_document())).empty());

  // An error document is another branch of the same schema.
  const json error = {
      {"relctl", "0.1.0"},  {"schema", 1},
      {"command", nullptr}, {"status", "error"},
      {"exit_code", 2},     {"error", {{"message", "unknown command"}, {"hint", "relctl help"}}}};
  CHECK(joined(schema_errors(schema, error)).empty());

  json bad = run_document();
  bad["schema"] = "relctl/v1";             // const
  bad["gates"][0]["status"] = "ok";        // enum, inside items
  bad["gates"][0].erase("duration_ms");    // required
  bad["release"]["tags"] = "code-v1.3.0";  // type
  bad["surprise"] = true;                  // additionalProperties
  CHECK_THAT(joined(schema_errors(schema, bad)), Contains("matches none of the"));
  // Against its own kind, every fault is named with where it is.
  const json run_kind = {{"$ref", "#/$defs/run_document"}, {"$defs", schema["$defs"]}};
  const std::string why = joined(schema_errors(run_kind, bad));
  CHECK_THAT(why, Contains("/schema: \"relctl/v1\" is not 1"));
  CHECK_THAT(why, Contains("/gates/0/status: \"ok\" is not one of"));
  CHECK_THAT(why, Contains("/gates/0: the required property \"duration_ms\" is missing"));
  CHECK_THAT(why, Contains("/release/tags: string is not of type \"array\""));
  CHECK_THAT(why, Contains("/surprise: the property is not allowed here"));

  // A run's status is never "error"; exit codes are the documented ones.
  json odd = run_document();
  odd["status"] = "error";
  CHECK_FALSE(schema_errors(schema, odd).empty());
  odd = run_document();
  odd["exit_code"] = 5;
  CHECK_FALSE(schema_errors(schema, odd).empty());
  CHECK_FALSE(schema_errors(schema, json::array()).empty());

  // oneOf means exactly one; a keyword outside the subset is refused, not ignored.
  const json two = json::parse(R"({"oneOf": [{"type": "string"}, {"const": "x"}]})");
  CHECK_THAT(joined(schema_errors(two, "x")), Contains("matches 2 alternatives"));
  CHECK(schema_errors(two, "y").empty());
  CHECK_THROWS_WITH(schema_errors(json::parse(R"({"minimum": 1})"), 2),
                    Contains("'minimum' is not supported"));
  CHECK_THROWS_WITH(schema_errors(json::parse(R"({"$ref": "#/$defs/none"})"), 2),
                    Contains("is not a #/$defs/ entry"));
}
