// What psql applies, relctl applies: COPY ... FROM stdin with inline data,
// standard_conforming_strings = off, large files sent in batches with the
// failing line still named; and what psql alone understands (meta-commands,
// variables) or nobody does (unterminated text) is refused before anything runs.

#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "relctl/gates/pg.hpp"
#include "support/pg_database.hpp"

using namespace relctl;
using namespace relctl::test;
using core::Status;

TEST_CASE("COPY FROM stdin with inline data is loaded, counted and followed by more SQL",
          "[pg][migrate][copy]") {
  auto url = pg_or_skip();
  if (!url) return;
  PgProject p(*url);
  // Like pg_dump's data sections and Flyway's V003__fill_copy_test_table_with_copy.sql.
  p.migration("001_table.sql", "CREATE TABLE copy_test (id int, name text, note text);\n");
  p.migration("002_fill.sql",
              "COPY copy_test (id, name, note) FROM stdin;\n"
              "1\tone; with a semicolon\t\\N\n"
              "2\tit's \"quoted\"\t/* not a comment */\n"
              "3\tthree\t-- not a comment either\n"
              "\\.\n"
              "COPY copy_test FROM stdin WITH (FORMAT csv);\n"
              "4,four,\"a,b\"\n"
              "\\.\n"
              "UPDATE copy_test SET note = 'seen' WHERE id = 4;\n");
  const auto r = p.run_one(gates::make_pg_migrate());
  INFO(r.message << " / " << r.hint);
  REQUIRE(r.status == Status::passed);
  CHECK(p.db.value("SELECT string_agg(id || '=' || name || '/' || coalesce(note, 'NULL'), ' | ' "
                   "ORDER BY id) FROM copy_test") ==
        "1=one; with a semicolon/NULL | 2=it's \"quoted\"//* not a comment */ | "
        "3=three/-- not a comment either | 4=four/seen");
  const auto details = nlohmann::json::parse(r.details_json);
  CHECK(details["applied"][1]["copied_rows"] == 4);
  CHECK(details["applied"][1]["statements"] == 3);
}

TEST_CASE("a bad row of COPY data names its line of the file", "[pg][migrate][copy]") {
  auto url = pg_or_skip();
  if (!url) return;
  PgProject p(*url);
  p.migration("001_copy.sql", "CREATE TABLE t (id int);\nCOPY t FROM stdin;\n1\n2\nthree\n\\.\n");
  const auto r = p.run_one(gates::make_pg_migrate());
  CHECK(r.status == Status::failed);
  CHECK_THAT(r.message, Catch::Contains("001_copy.sql failed at line 5") &&
                            Catch::Contains("invalid input syntax for type integer"));
  CHECK(p.db.value("SELECT to_regclass('public.t') IS NULL") == "t");
}

TEST_CASE("psql meta-commands, variables and unterminated text are refused before anything runs",
          "[pg][migrate]") {
  auto url = pg_or_skip();
  if (!url) return;
  PgProject p(*url);
  p.migration("001_ok.sql", "CREATE TABLE ok (a int);\n");
  std::string bad, expected;
  SECTION("\\set") {
    bad = "CREATE TABLE later (a int);\n\\set ON_ERROR_STOP on\n";
    expected = "002_bad.sql line 2: psql meta-command \\set";
  }
  SECTION("\\ir") {
    bad = "\\ir other.sql\n";
    expected = "002_bad.sql line 1: psql meta-command \\ir";
  }
  SECTION(":'var'") {
    bad = "CREATE TABLE later (a int);\n\nCOMMENT ON TABLE later IS :'note';\n";
    expected = "002_bad.sql line 3: psql variable :'note'";
  }
  SECTION("an unterminated comment (once recorded as applied with nothing run)") {
    bad = "CREATE TABLE later (a int);\n/* CREATE TABLE other (a int);\n";
    expected = "002_bad.sql line 2: unterminated /* comment";
  }
  SECTION("an unterminated dollar quote") {
    bad = "DO $$ BEGIN\n  CREATE TABLE later (a int);\nEND;\n";
    expected = "002_bad.sql line 1: unterminated dollar quote $$";
  }
  p.migration("002_bad.sql", bad);
  const std::string before = p.db.fingerprint();
  const auto r = p.run_one(gates::make_pg_migrate());
  CHECK(r.status == Status::failed);
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.message, Catch::Contains(expected));
  CHECK_THAT(r.hint, Catch::Contains("nothing was run"));
  CHECK(p.db.fingerprint() == before);  // not even the history table
  // A dry run says the same, and writes nothing either.
  const auto dry = p.run_one(gates::make_pg_migrate(), /*dry_run=*/true);
  CHECK(dry.status == Status::failed);
  CHECK_THAT(dry.message, Catch::Contains(expected));
}

TEST_CASE("standard_conforming_strings = off is read as psql reads it", "[pg][migrate]") {
  auto url = pg_or_skip();
  if (!url) return;
  PgProject p(*url);
  // Outside parentheses, so that only the quote rule decides where the statement ends.
  const std::string inserts =
      "INSERT INTO t SELECT 'it\\'s; one value';\nINSERT INTO t SELECT 'two';\n";
  SECTION("set by the file") {
    p.migration("001_t.sql",
                "CREATE TABLE t (v text);\nSET standard_conforming_strings = off;\n" + inserts);
  }
  SECTION("the database's default") {
    p.db.sql("ALTER DATABASE " + p.db.name() + " SET standard_conforming_strings = off");
    p.migration("001_t.sql", "CREATE TABLE t (v text);\n" + inserts);
  }
  const auto r = p.run_one(gates::make_pg_migrate());
  INFO(r.message << " / " << r.hint);
  REQUIRE(r.status == Status::passed);
  CHECK(p.db.value("SELECT string_agg(v, '|' ORDER BY v) FROM t") == "it's; one value|two");
}

TEST_CASE("a large file is applied whole, and a failure in it still names its line",
          "[pg][migrate][batch]") {
  auto url = pg_or_skip();
  if (!url) return;
  PgProject p(*url);
  std::string sql = "CREATE TABLE big (id int PRIMARY KEY, v text);\n";
  for (int i = 1; i <= 30000; ++i)
    sql += fmt::format("INSERT INTO big VALUES ({}, 'v{}');\n", i, i);
  SECTION("applied") {
    p.migration("001_big.sql", sql);
    const auto r = p.run_one(gates::make_pg_migrate());
    INFO(r.message << " / " << r.hint);
    REQUIRE(r.status == Status::passed);
    CHECK(p.db.value("SELECT count(*) FROM big") == "30000");
    CHECK(nlohmann::json::parse(r.details_json)["applied"][0]["statements"] == 30001);
  }
  SECTION("a run-time error deep in a batch") {
    p.migration("001_big.sql", sql + "INSERT INTO big VALUES (17, 'duplicate');\n" + sql);
    const auto r = p.run_one(gates::make_pg_migrate());
    CHECK(r.status == Status::failed);
    CHECK_THAT(r.message, Catch::Contains("001_big.sql failed at line 30002") &&
                              Catch::Contains("duplicate key"));
    CHECK(p.db.value("SELECT to_regclass('public.big') IS NULL") == "t");
  }
  SECTION("a syntax error deep in a batch names the line of its token") {
    p.migration("001_big.sql", sql + "INSERT INTO big\n  VALUES (0, 'x') oops;\n");
    const auto r = p.run_one(gates::make_pg_migrate());
    CHECK(r.status == Status::failed);
    CHECK_THAT(r.message, Catch::Contains("001_big.sql failed at line 30003") &&
                              Catch::Contains("syntax error at or near \"oops\""));
  }
}
