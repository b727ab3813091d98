// Planning pending migrations before anything runs: refusals with file and
// line, no-transaction files, [migrations] mixed, and enum values that end
// a shared transaction. No database involved.

#include <catch2/catch.hpp>

#include "relctl/core/error.hpp"
#include "relctl/pg/baseline.hpp"
#include "relctl/pg/migrations.hpp"

using namespace relctl;
using namespace relctl::pg;

namespace {

struct Files {
  std::vector<MigrationFile> all;
  std::vector<const MigrationFile*> pending() const {
    std::vector<const MigrationFile*> out;
    for (const auto& f : all) out.push_back(&f);
    return out;
  }
};

Files files(const std::vector<std::pair<std::string, std::string>>& named) {
  return {make_migrations(named, "migrations")};
}

std::vector<PlannedGroup> plan(const Files& f, bool mixed = false,
                               TransactionMode mode = TransactionMode::all) {
  ApplyOptions o;
  o.mode = mode;
  o.mixed = mixed;
  o.all_files = &f.all;
  return plan_migrations(f.pending(), o);
}

// "a.sql b.sql | c.sql*" : groups separated by |, * for no-transaction.
std::string shape(const std::vector<PlannedGroup>& groups) {
  std::string out;
  for (const auto& g : groups) {
    if (!out.empty()) out += " | ";
    for (std::size_t i = 0; i < g.size(); ++i) {
      out += (i ? " " : "") + g[i].file->script + (g[i].no_transaction ? "*" : "");
    }
  }
  return out;
}

}  // namespace

TEST_CASE(
    "a statement that cannot run in a transaction is refused, naming it, its line and "
    "the header",
    "[pg][plan]") {
  const auto f = files({{"1_a.sql", "CREATE TABLE t (a int);\n"},
                        {"2_idx.sql", "SELECT 1;\n\nCREATE INDEX CONCURRENTLY i ON t (a);\n"}});
  try {
    plan(f);
    FAIL("not refused");
  } catch (const GateError& e) {
    CHECK_THAT(e.what(), Catch::Contains("migration 2_idx.sql line 3: CREATE INDEX CONCURRENTLY "
                                         "cannot run inside a transaction") &&
                             Catch::Contains("nothing was applied"));
    CHECK_THAT(e.hint(),
               Catch::Contains("-- relctl: no-transaction") && Catch::Contains("mixed = true"));
  }
  // With mixed = true the file runs alone, outside a transaction.
  const auto groups = plan(f, /*mixed=*/true);
  CHECK(shape(groups) == "1_a.sql | 2_idx.sql*");
  CHECK(groups[1][0].why == "CREATE INDEX CONCURRENTLY at line 3, [migrations] mixed = true");
}

TEST_CASE("headers and other tools' markers run a file alone", "[pg][plan]") {
  const auto f = files({{"1_a.sql", "CREATE TABLE t (a int);\n"},
                        {"2_b.sql", "-- relctl: no-transaction\nVACUUM t;\n"},
                        {"3_c.sql", "-- +goose Up\n-- +goose NO TRANSACTION\nVACUUM t;\n"},
                        {"4_d.sql", "CREATE TABLE u (a int);\n"},
                        {"5_e.sql", "CREATE TABLE v (a int);\n"}});
  CHECK(shape(plan(f)) == "1_a.sql | 2_b.sql* | 3_c.sql* | 4_d.sql 5_e.sql");
  CHECK(shape(plan(f, false, TransactionMode::file)) ==
        "1_a.sql | 2_b.sql* | 3_c.sql* | 4_d.sql | 5_e.sql");
}

TEST_CASE("BEGIN/COMMIT in a transactional file is refused, mixed runs it alone", "[pg][plan]") {
  const auto f = files({{"1_a.sql", "BEGIN;\nCREATE TABLE t (a int);\nCOMMIT;\n"}});
  CHECK_THROWS_WITH(plan(f), Catch::Contains("1_a.sql line 1: `BEGIN` inside a file that relctl "
                                             "runs in a transaction"));
  CHECK(shape(plan(f, true)) == "1_a.sql*");
}

TEST_CASE("a CALL of a procedure that commits needs no transaction, wherever it was created",
          "[pg][plan]") {
  const auto f = files({{"1_proc.sql",
                         "CREATE PROCEDURE load_all() LANGUAGE plpgsql AS $$\nBEGIN\n"
                         "  INSERT INTO t VALUES (1);\n  COMMIT;\nEND $$;\n"},
                        {"2_call.sql", "CALL load_all();\n"}});
  CHECK_THROWS_WITH(plan(f), Catch::Contains("2_call.sql line 1: CALL load_all (a procedure that "
                                             "commits) cannot run inside a transaction"));
  CHECK(shape(plan(f, true)) == "1_proc.sql | 2_call.sql*");
}

TEST_CASE("a file that adds an enum value ends its shared transaction", "[pg][plan]") {
  const auto f = files({{"1_type.sql", "CREATE TYPE mood AS ENUM ('ok');\n"},
                        {"2_value.sql", "ALTER TYPE mood ADD VALUE 'sad';\n"},
                        {"3_use.sql", "CREATE TABLE t (m mood DEFAULT 'sad');\n"},
                        {"4_more.sql", "CREATE TABLE u (a int);\n"}});
  CHECK(shape(plan(f)) == "1_type.sql 2_value.sql | 3_use.sql 4_more.sql");
}

TEST_CASE("psql-only and unterminated text is refused before anything runs, with file:line",
          "[pg][plan]") {
  auto refusal = [](const std::string& sql) {
    try {
      plan(files({{"1_ok.sql", "CREATE TABLE t (a int);\n"}, {"2_bad.sql", sql}}));
    } catch (const GateError& e) {
      return std::string(e.what());
    }
    return std::string("not refused");
  };
  CHECK(refusal("SELECT 1;\n/* forgot to close\nCREATE TABLE u (a int);\n") ==
        "migration 2_bad.sql line 2: unterminated /* comment");
  CHECK(refusal("CREATE FUNCTION f() RETURNS int AS $$ SELECT 1;\n") ==
        "migration 2_bad.sql line 1: unterminated dollar quote $$");
  CHECK(refusal("INSERT INTO t VALUES (1);\n\\set ON_ERROR_STOP on\n") ==
        "migration 2_bad.sql line 2: psql meta-command \\set");
  CHECK(refusal("CREATE SCHEMA :\"schema\";\n") ==
        "migration 2_bad.sql line 1: psql variable "
        ":\"schema\"");
  CHECK(refusal("INSERT INTO t VALUES (1);\n") == "not refused");
}

TEST_CASE("Flyway's checksum is CRC32 over the lines without their ends", "[pg][baseline]") {
  // Values from zlib.crc32 over the same bytes, as signed 32-bit integers.
  CHECK(flyway_checksum("SELECT 1;") == 78787420);
  CHECK(flyway_checksum("CREATE TABLE a (id int);\nSELECT 1;\n") == 1455298515);
  CHECK(flyway_checksum("CREATE TABLE a (id int);\r\nSELECT 1;\r\n") == 1455298515);
  CHECK(flyway_checksum("\xEF\xBB\xBF"
                        "CREATE TABLE a (id int);\rSELECT 1;") == 1455298515);
}
