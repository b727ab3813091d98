// The validation report reads as a page a reviewer can use, and its JSON
// twin carries the same facts.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "gates/data/json_text.hpp"
#include "gates/data/report_content.hpp"

using namespace relctl;
using namespace relctl::gates::data;
using Catch::Matchers::Contains;

namespace {

sqlite::Value text(std::string s) {
  return {sqlite::Value::Type::text, std::move(s)};
}
sqlite::Value integer(std::string s) {
  return {sqlite::Value::Type::integer, std::move(s)};
}

struct Fixture {
  Manifest manifest;
  Previous previous;
  Findings findings;
  ReportInput in;

  Fixture() {
    manifest.snapshot_bytes = 4096;
    manifest.snapshot_sha256 = std::string(64, 'c');
    manifest.ingestion_run_id = "run-7";
    previous.tag = "data-20261120";
    previous.manifest = Manifest{};
    previous.manifest->tables["castaways"] = ManifestTable{100, {}};
    findings.gates["sqlite.integrity"] = {"passed", "integrity_check ok (0.1 MiB)"};
    findings.gates["data.checks"] = {"warned", "1 of 2 checks passed; 1 warning"};
    CheckFinding unique;
    unique.name = "castaways.castaway_id unique";
    unique.kind = "unique";
    unique.table = "castaways";
    unique.column = "castaway_id";
    unique.status = "passed";
    unique.message = "unique: castaways.castaway_id has no duplicates";
    CheckFinding warned;
    warned.name = "votes -> castaways";
    warned.kind = "relationship";
    warned.warn_only = true;
    warned.status = "warned";
    warned.failing = 2;
    warned.message = "relationship: 2 rows of votes.voted_for have no match";
    warned.example_columns = {"vote_id", "voted_for"};
    warned.examples = {sqlite::Row{{integer("4"), text("US|7777")}},
                       sqlite::Row{{integer("9"), {sqlite::Value::Type::null, ""}}}};
    findings.checks = {unique, warned};
    findings.foreign_keys = sqlite::ForeignKeyReport{};

    in.run_id = "01RUN";
    in.created_at = "2026-11-22T10:00:00Z";
    in.tag = "data-20261122";
    in.snapshot_path = "data/snap.sqlite";
    in.manifest = &manifest;
    in.previous = &previous;
    in.findings = &findings;
    in.skipped["data.row-drop"] = "the export was trimmed on purpose";
    sqlite::TableFacts castaways;
    castaways.name = "castaways";
    castaways.rows = 90;
    castaways.columns = {{"castaway_id", "TEXT", false, 1}, {"full_name", "TEXT", true, 0}};
    in.tables = {castaways};
  }
};

}  // namespace

TEST_CASE("report.md shows gates, row counts, schema, duplicates, integrity and checks",
          "[data][report]") {
  Fixture f;
  const std::string md = report_markdown(f.in);
  CHECK_THAT(md, Contains("# Data release data-20261122 — validation report"));
  CHECK_THAT(md, Contains("- Compared with: `data-20261120`"));
  CHECK_THAT(md, Contains("| data.checks | ⚠️ warned | 1 of 2 checks passed; 1 warning |"));
  CHECK_THAT(md, Contains("| data.row-drop | skipped | skipped with --skip: the export was "
                          "trimmed on purpose |"));
  CHECK_THAT(md, Contains("| castaways | 90 | 100 | -10.0% |"));
  CHECK_THAT(md, Contains("| castaway_id | TEXT |  | 1 |"));
  CHECK_THAT(md, Contains("## Duplicates\n\n- **castaways.castaway_id unique** — ✅ passed"));
  CHECK_THAT(md, Contains("Declared foreign keys: every reference finds its parent row."));
  CHECK_THAT(md, Contains("_(severity warn)_"));
  // Example rows as a table; a '|' in a value cannot break it.
  CHECK_THAT(md, Contains("  | vote_id | voted_for | \n  | --- | --- |\n  | 4 | US\\|7777 | \n"
                          "  | 9 | NULL | \n"));
}

TEST_CASE("report.json carries the same facts with typed example values", "[data][report]") {
  Fixture f;
  const auto doc = nlohmann::json::parse(report_json(f.in));
  CHECK(doc["tag"] == "data-20261122");
  CHECK(doc["previous"]["tag"] == "data-20261120");
  CHECK(doc["gates"]["data.row-drop"]["status"] == "skipped");
  CHECK(doc["tables"][0]["previous_rows"] == 100);
  CHECK(doc["schema"]["castaways"][1]["not_null"] == true);
  REQUIRE(doc["checks"].size() == 2);
  CHECK(doc["checks"][1]["severity"] == "warn");
  CHECK(doc["checks"][1]["examples"][0]["vote_id"] == 4);
  CHECK(doc["checks"][1]["examples"][1]["voted_for"].is_null());
  CHECK(doc["duplicates"].size() == 1);
  CHECK(doc["relationships"].size() == 1);
}

TEST_CASE("diffable_json: sorted keys, flat arrays on one line, trailing newline",
          "[data][report]") {
  const auto v = nlohmann::json::parse(R"({"b": [1, "x", null], "a": {"z": [], "y": [[1, 2]]}})");
  CHECK(diffable_json(v) ==
        "{\n  \"a\": {\n    \"y\": [\n      [1, 2]\n    ],\n    \"z\": []\n  },\n"
        "  \"b\": [1, \"x\", null]\n}\n");
  CHECK(diffable_json(nlohmann::json::object()) == "{}\n");
}
