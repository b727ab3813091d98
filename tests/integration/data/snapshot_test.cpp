// The SQLite adapter on real files: each way a snapshot can be broken gets
// its own message, and nothing it does changes the file.

#include <SQLiteCpp/SQLiteCpp.h>

#include <catch2/catch.hpp>

#include "relctl/core/error.hpp"
#include "relctl/sqlite/snapshot.hpp"
#include "support/data_repo.hpp"

using namespace relctl;
using namespace relctl::test;
using namespace relctl::test::data;
using Catch::Matchers::Contains;

namespace {

std::string open_error(const fs::path& path, sqlite::OpenOptions options = {}) {
  try {
    sqlite::Snapshot::open(path, options);
  } catch (const GateError& e) {
    return std::string(e.what()) + " | hint: " + e.hint();
  }
  return "(opened)";
}

}  // namespace

TEST_CASE("a sound snapshot opens read-only and answers", "[data][sqlite]") {
  TempDir tmp;
  const auto file = tmp / "snap.sqlite";
  make_snapshot(file);
  const auto before = sha256sum(file);

  auto snap = sqlite::Snapshot::open(file);
  CHECK(snap->tables() == std::vector<std::string>{"castaways", "seasons", "votes"});
  CHECK(snap->count_rows("castaways") == 120);
  CHECK(snap->integrity_problems(false).empty());
  CHECK(snap->integrity_problems(true).empty());
  CHECK(snap->foreign_key_violations().violations == 0);
  const auto cols = snap->columns("castaways");
  REQUIRE(cols.size() == 4);
  CHECK(cols[0].name == "castaway_id");
  CHECK(cols[0].type == "TEXT");
  CHECK(cols[0].primary_key == 1);
  CHECK(cols[1].not_null);
  CHECK_THAT(snap->schema_text(), Contains("table\tcastaways\tcastaways\tCREATE TABLE castaways"));
  snap.reset();
  CHECK(sha256sum(file) == before);
  CHECK_FALSE(fs::exists(tmp / "snap.sqlite-journal"));
}

TEST_CASE("a missing snapshot says so", "[data][sqlite]") {
  TempDir tmp;
  CHECK_THAT(open_error(tmp / "nope.sqlite"), Contains("does not exist"));
  CHECK_FALSE(fs::exists(tmp / "nope.sqlite"));
}

TEST_CASE("a file that is not a database says so", "[data][sqlite]") {
  TempDir tmp;
  const auto file = tmp / "snap.sqlite";
  std::string text;
  for (int i = 0; i < 200; ++i) text += "this is a CSV export, not a database\n";
  write_file(file, text);
  CHECK_THAT(open_error(file), Contains("is not a SQLite database"));
  write_file(file, "");
  CHECK_THAT(open_error(file), Contains("is not a SQLite database: the file is empty"));
}

TEST_CASE("a truncated snapshot says so", "[data][sqlite]") {
  TempDir tmp;
  const auto file = tmp / "snap.sqlite";
  make_snapshot(file);
  const auto size = fs::file_size(file);
  SECTION("cut at a page boundary") {
    fs::resize_file(file, size / 2 / 4096 * 4096);
    CHECK_THAT(open_error(file), Contains("is truncated") && Contains("header promises"));
  }
  SECTION("cut inside a page") {
    fs::resize_file(file, size - 1000);
    CHECK_THAT(open_error(file), Contains("is truncated"));
  }
  SECTION("cut inside the header") {
    fs::resize_file(file, 60);
    CHECK_THAT(open_error(file), Contains("is truncated") && Contains("100-byte"));
  }
}

TEST_CASE("a corrupt table page is found by the integrity check", "[data][sqlite]") {
  TempDir tmp;
  const auto file = tmp / "snap.sqlite";
  make_snapshot(file);
  flip_bytes(file, leaf_page_offset(file, "castaways") + 100, 8);
  auto snap = sqlite::Snapshot::open(file);  // the schema page is intact
  const auto problems = snap->integrity_problems(false);
  REQUIRE_FALSE(problems.empty());
  CHECK_FALSE(snap->integrity_problems(true).empty());
  // Reading the damaged table is an error of its own, naming the file.
  try {
    snap->query("SELECT * FROM castaways");
    FAIL("reading a corrupt table succeeded");
  } catch (const GateError& e) {
    CHECK_THAT(std::string(e.what()), Contains("is corrupt") && Contains(file.string()));
  }
}

TEST_CASE("a snapshot locked by a writer says so", "[data][sqlite]") {
  TempDir tmp;
  const auto file = tmp / "snap.sqlite";
  make_snapshot(file);
  SQLite::Database writer(file.string(), SQLite::OPEN_READWRITE);
  writer.exec("BEGIN EXCLUSIVE");
  sqlite::OpenOptions options;
  options.busy_timeout_ms = 50;
  CHECK_THAT(open_error(file, options), Contains("is locked by another process"));
  writer.exec("ROLLBACK");
  CHECK(open_error(file, options) == "(opened)");
}

TEST_CASE("a WAL-mode snapshot is refused before SQLite touches it", "[data][sqlite]") {
  TempDir tmp;
  const auto file = tmp / "snap.sqlite";
  make_snapshot(file, "PRAGMA journal_mode = WAL;");
  CHECK_THAT(open_error(file), Contains("WAL mode") && Contains("journal_mode=DELETE"));
}

TEST_CASE("query() runs one read-only statement with bound parameters", "[data][sqlite]") {
  TempDir tmp;
  const auto file = tmp / "snap.sqlite";
  make_snapshot(file);
  auto snap = sqlite::Snapshot::open(file);

  const auto r = snap->query(
      "SELECT castaway_id, season_id, NULL AS n FROM castaways WHERE "
      "castaway_id = ?1",
      {"US0003"});
  REQUIRE(r.rows.size() == 1);
  CHECK(r.columns == std::vector<std::string>{"castaway_id", "season_id", "n"});
  CHECK(r.rows[0].values[0].text == "US0003");
  CHECK(r.rows[0].values[1].type == sqlite::Value::Type::integer);
  CHECK(r.rows[0].values[2].is_null());
  CHECK(snap->query("SELECT * FROM castaways", {}, 5).rows.size() == 5);
  CHECK(snap->query("SELECT 1; -- done\n").rows.size() == 1);

  CHECK_THROWS_WITH(snap->query("SELECT 1; DELETE FROM votes"),
                    Contains("more than one SQL statement"));
  CHECK_THROWS_WITH(snap->query("DELETE FROM votes"), Contains("would change the snapshot"));
  CHECK_THROWS_WITH(snap->query("SELECT * FROM nowhere"), Contains("no such table: nowhere"));
  CHECK(snap->count_rows("votes") == 120);
}

TEST_CASE("identifiers from the snapshot are only ever names", "[data][sqlite]") {
  TempDir tmp;
  const auto file = tmp / "snap.sqlite";
  const std::string evil = "x\"; DROP TABLE y; --";
  make_snapshot(file,
                "CREATE TABLE y (a INTEGER); INSERT INTO y VALUES (1);"
                "CREATE TABLE " +
                    sqlite::quote_identifier(evil) + " (" +
                    sqlite::quote_identifier("it's \"odd\"") +
                    " TEXT);"
                    "INSERT INTO " +
                    sqlite::quote_identifier(evil) + " VALUES ('a'), ('b');");
  auto snap = sqlite::Snapshot::open(file);
  CHECK(snap->count_rows(evil) == 2);
  REQUIRE(snap->columns(evil).size() == 1);
  CHECK(snap->columns(evil)[0].name == "it's \"odd\"");
  CHECK(snap->has_table("y"));
  CHECK(snap->count_rows("y") == 1);
}

TEST_CASE("foreign-key violations are counted with examples", "[data][sqlite]") {
  TempDir tmp;
  const auto file = tmp / "snap.sqlite";
  make_snapshot(file,
                "INSERT INTO votes (castaway_id, voted_for) VALUES ('US9998', 'US0001'), "
                "('US9999', 'US0001');");
  auto snap = sqlite::Snapshot::open(file);
  const auto report = snap->foreign_key_violations(1);
  CHECK(report.violations == 2);
  REQUIRE(report.examples.size() == 1);
  CHECK(report.examples[0].table == "votes");
  CHECK(report.examples[0].parent == "castaways");
  REQUIRE(report.examples[0].columns.size() == 1);
}

TEST_CASE("interrupt() stops a running statement with Interrupted", "[data][sqlite]") {
  TempDir tmp;
  const auto file = tmp / "snap.sqlite";
  make_snapshot(file);
  auto snap = sqlite::Snapshot::open(file);
  snap->interrupt();
  CHECK_THROWS_AS(snap->query("WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c) "
                              "SELECT count(*) FROM c"),
                  Interrupted);
}

TEST_CASE("index contents are checked table by table, as integrity_check does", "[data][sqlite]") {
  TempDir tmp;
  const auto file = tmp / "snap.sqlite";
  // The index's definition no longer matches what it holds: the structure is
  // sound (quick_check passes) but its contents are wrong.
  make_snapshot(file,
                "CREATE TABLE t (a INTEGER, b INTEGER); CREATE INDEX t_a ON t (a);"
                "INSERT INTO t SELECT season_id, 100 - season_id FROM seasons;"
                "PRAGMA writable_schema = ON;"
                "UPDATE sqlite_master SET sql = 'CREATE INDEX t_a ON t (b)' WHERE name = 't_a';");
  auto snap = sqlite::Snapshot::open(file);
  CHECK(snap->integrity_problems(/*quick=*/true).empty());
  CHECK_FALSE(snap->integrity_problems(/*quick=*/false).empty());
  CHECK(snap->integrity_problems_of("seasons").empty());
  const auto problems = snap->integrity_problems_of("t");
  REQUIRE_FALSE(problems.empty());
  CHECK_THAT(problems.front(), Contains("missing from index t_a"));
  CHECK(snap->index_count("t") == 1);
  CHECK(snap->index_count("castaways") == 1);  // its primary key's autoindex
  CHECK(snap->btree_tables() == std::vector<std::string>{"castaways", "seasons", "t", "votes"});
  CHECK(snap->work_done() > 0);
}
