// manifest.json is a contract (SPEC §6): exact keys, sorted, 2-space indent,
// trailing newline, the same bytes for the same facts.

#include <catch2/catch.hpp>

#include "gates/data/manifest.hpp"
#include "relctl/core/error.hpp"

using relctl::gates::data::Manifest;
using relctl::gates::data::ManifestTable;

namespace {

Manifest sample() {
  Manifest m;
  m.relctl_version = "0.1.0";
  m.created_at = "2026-11-22T10:04:05Z";
  m.git_commit = "3f2a1c9";
  m.ingestion_run_id = "run-42";
  m.snapshot_path = "data/snap.sqlite";
  m.snapshot_bytes = 8192;
  m.snapshot_sha256 = std::string(64, 'a');
  m.schema_sha256 = std::string(64, 'b');
  m.tables["votes"] = ManifestTable{3, {{"vote_id", "INTEGER"}, {"castaway_id", "TEXT"}}};
  m.tables["castaways"] = ManifestTable{2, {{"castaway_id", "TEXT"}}};
  return m;
}

}  // namespace

TEST_CASE("the manifest has SPEC §6's exact shape", "[data][manifest]") {
  const std::string expected = R"({
  "created_at": "2026-11-22T10:04:05Z",
  "git_commit": "3f2a1c9",
  "ingestion_run_id": "run-42",
  "relctl_version": "0.1.0",
  "schema_sha256": "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
  "snapshot": {
    "bytes": 8192,
    "path": "data/snap.sqlite",
    "sha256": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
  },
  "table_count": 2,
  "tables": {
    "castaways": {
      "columns": [
        ["castaway_id", "TEXT"]
      ],
      "rows": 2
    },
    "votes": {
      "columns": [
        ["vote_id", "INTEGER"],
        ["castaway_id", "TEXT"]
      ],
      "rows": 3
    }
  },
  "upstream_version": null
}
)";
  CHECK(sample().to_json() == expected);
  CHECK(sample().to_json() == sample().to_json());
}

TEST_CASE("a manifest reads back what it wrote", "[data][manifest]") {
  const Manifest m = Manifest::parse(sample().to_json(), "manifest.json");
  CHECK(m.to_json() == sample().to_json());
  CHECK_FALSE(m.upstream_version.has_value());
  CHECK(m.tables.at("votes").columns.at(1).first == "castaway_id");
}

TEST_CASE("a broken manifest is a GateError naming where it was read", "[data][manifest]") {
  CHECK_THROWS_WITH(Manifest::parse("{not json", "manifest.json at data-20261120"),
                    Catch::Matchers::Contains("manifest.json at data-20261120 is not valid JSON"));
  CHECK_THROWS_AS(Manifest::parse(R"({"tables": {"t": {"columns": [[1]]}}})", "m"),
                  relctl::GateError);
}

TEST_CASE("manifest placeholders fill commit message templates", "[data][manifest]") {
  const auto p = sample().placeholders();
  CHECK(p.at("manifest.table_count") == "2");
  CHECK(p.at("manifest.tables") == "castaways, votes");
  CHECK(p.at("manifest.ingestion_run_id") == "run-42");
  CHECK(p.at("manifest.upstream_version").empty());
  CHECK(sample().table_summary() == "castaways (2 rows), votes (3 rows)");
}

TEST_CASE("a manifest of the wrong shape names the field and the type it must have",
          "[data][manifest]") {
  const auto error = [](const std::string& text) -> std::string {
    try {
      Manifest::parse(text, "manifest.json");
    } catch (const relctl::GateError& e) {
      return e.what();
    }
    return "no error";
  };
  CHECK(error(R"({"snapshot": {"sha256": 42}})") ==
        "manifest.json: snapshot.sha256 must be a string, got a whole number");
  CHECK(error(R"({"snapshot": {"bytes": -1}})") ==
        "manifest.json: snapshot.bytes must be a whole number, not negative, got a negative "
        "number");
  CHECK(error(R"({"tables": []})") == "manifest.json: tables must be an object, got an array");
  CHECK(error(R"({"tables": {"t": {"rows": "10"}}})") ==
        "manifest.json: tables.t.rows must be a whole number, not negative, got a string");
  CHECK(error(R"({"tables": {"t": {"columns": [["a", "INTEGER"], [1]]}}})") ==
        "manifest.json: tables.t.columns[1] must be a [name, type] pair of strings, got an array");
  CHECK(error(R"({"ingestion_run_id": {"x": 1}})") ==
        "manifest.json: ingestion_run_id must be a string, a number or null, got an object");
  CHECK(error("[1, 2]") == "manifest.json is not a JSON object");
  CHECK(error("{\"a\": tru}") == "manifest.json is not valid JSON (at byte 10)");
  // Found by fuzzing: nlohmann throws out_of_range, not parse_error, here.
  CHECK(error(R"({"snapshot": {"bytes": 41e4649}})") ==
        "manifest.json is not valid JSON (a number out of range)");
  // No raw library text: nothing like "[json.exception.type_error.302]".
  CHECK(error(R"({"relctl_version": []})").find("json.exception") == std::string::npos);
}

TEST_CASE("a manifest larger than 64 MiB is refused before it is parsed", "[data][manifest]") {
  const std::string huge = "{\"x\": \"" + std::string(64 * 1024 * 1024, 'a') + "\"}";
  CHECK_THROWS_WITH(Manifest::parse(huge, "manifest.json"),
                    Catch::Contains("manifest.json is larger than 64 MiB"));
}
