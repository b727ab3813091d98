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
