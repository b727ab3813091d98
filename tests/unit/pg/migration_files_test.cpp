// Migration file names, versions, normalised text and checksums.

#include <catch2/catch.hpp>

#include "relctl/core/error.hpp"
#include "relctl/core/sha256.hpp"
#include "relctl/pg/migrations.hpp"

using namespace relctl::pg;

TEST_CASE("migration names are <digits>_<description>.sql", "[pg][migrations]") {
  CHECK(parse_migration_name("001_create_jobs.sql") ==
        std::make_optional(std::make_pair(std::string("001"), std::string("create jobs"))));
  CHECK(parse_migration_name("20240101120000_init.sql")->first == "20240101120000");
  CHECK_FALSE(parse_migration_name("V1__init.sql"));
  CHECK_FALSE(parse_migration_name("seed.sql"));
  CHECK_FALSE(parse_migration_name("001-init.sql"));
  CHECK_FALSE(parse_migration_name("001_init.SQL"));
}

TEST_CASE("versions compare as numbers", "[pg][migrations]") {
  CHECK(compare_versions("2", "10") < 0);
  CHECK(compare_versions("010", "10") == 0);
  CHECK(compare_versions("20240102000000", "20240101235959") > 0);
  CHECK(compare_versions("0", "000") == 0);
}

TEST_CASE("checksums ignore a BOM and CRLF line ends", "[pg][migrations]") {
  const std::string lf = "CREATE TABLE a (id int);\nSELECT 1;\n";
  const std::string crlf = "CREATE TABLE a (id int);\r\nSELECT 1;\r\n";
  const std::string bom = "\xEF\xBB\xBF" + crlf;
  CHECK(normalise_sql_text(bom) == lf);
  CHECK(migration_checksum(lf) == "sha256:" + relctl::core::sha256_hex(lf));
  CHECK(migration_checksum(crlf) == migration_checksum(lf));
  CHECK(migration_checksum(bom) == migration_checksum(lf));
  CHECK(migration_checksum(lf + " ") != migration_checksum(lf));
  // A lone CR is content, not a line end.
  CHECK(migration_checksum("a\rb") != migration_checksum("a\nb"));
}

TEST_CASE("make_migrations sorts, flags no-transaction files, ignores non-SQL",
          "[pg][migrations]") {
  const auto files = make_migrations({{"10_c.sql", "SELECT 3;"},
                                      {"2_b.sql", "-- relctl: no-transaction\nCREATE INDEX ..."},
                                      {"README.md", "notes"},
                                      {"1_a.sql", "\xEF\xBB\xBFSELECT 1;\r\n"}},
                                     "migrations");
  REQUIRE(files.size() == 3);
  CHECK(files[0].script == "1_a.sql");
  CHECK(files[0].sql == "SELECT 1;\n");
  CHECK(files[1].script == "2_b.sql");
  CHECK(files[1].no_transaction);
  CHECK_FALSE(files[0].no_transaction);
  CHECK(files[2].script == "10_c.sql");
  CHECK(files[2].description == "c");
  CHECK(make_migrations({{"1_a.sql", "--RELCTL:   No-Transaction  \r\nSELECT 1"}}, "m")[0]
            .no_transaction);
  CHECK_FALSE(make_migrations({{"1_a.sql", "SELECT 1;\n-- relctl: no-transaction\n"}}, "m")[0]
                  .no_transaction);
}

TEST_CASE("make_migrations refuses misnamed .sql files and duplicate versions",
          "[pg][migrations]") {
  CHECK_THROWS_AS(make_migrations({{"seed.sql", ""}}, "m"), relctl::ConfigError);
  CHECK_THROWS_WITH(make_migrations({{"1_a.sql", ""}, {"001_b.sql", ""}}, "m"),
                    Catch::Contains("1_a.sql") && Catch::Contains("001_b.sql"));
}

TEST_CASE("goose, dbmate and postgres-migrations markers mean no-transaction", "[pg][migrations]") {
  auto file = [](const std::string& sql) { return make_migrations({{"1_a.sql", sql}}, "m")[0]; };
  const auto goose =
      file("-- +goose Up\n-- +goose NO TRANSACTION\nCREATE INDEX CONCURRENTLY i ON t (a);\n");
  CHECK(goose.no_transaction);
  CHECK(goose.marker == "-- +goose NO TRANSACTION");
  CHECK(file("-- migrate:up transaction:false\nVACUUM t;\n").no_transaction);
  CHECK(file("-- postgres-migrations disable-transaction\nVACUUM t;\n").no_transaction);
  CHECK(file("-- relctl: no-transaction\nVACUUM t;\n").marker == "-- relctl: no-transaction");
  CHECK_FALSE(file("-- migrate:up\nCREATE TABLE t (a int);\n").no_transaction);
  CHECK_FALSE(file("SELECT '-- +goose NO TRANSACTION';\n").no_transaction);
}

TEST_CASE("a goose or dbmate down section is not run", "[pg][migrations]") {
  const auto goose = make_migrations(
      {{"1_a.sql", "-- +goose Up\nCREATE TABLE t (a int);\n\n-- +goose Down\nDROP TABLE t;\n"}},
      "m")[0];
  CHECK(goose.runnable() == "-- +goose Up\nCREATE TABLE t (a int);\n\n");
  CHECK(goose.checksum == migration_checksum(goose.sql));  // the checksum covers the whole file
  const auto dbmate = make_migrations(
      {{"1_a.sql", "-- migrate:up\nCREATE TABLE t (a int);\n-- migrate:down\nDROP TABLE t;\n"}},
      "m")[0];
  CHECK(dbmate.runnable() == "-- migrate:up\nCREATE TABLE t (a int);\n");
  const auto plain = make_migrations({{"1_a.sql", "SELECT 1;\n"}}, "m")[0];
  CHECK(plain.runnable() == plain.sql);
}

TEST_CASE("a .down.sql file is refused, naming it", "[pg][migrations]") {
  CHECK_THROWS_WITH(
      make_migrations({{"1_a.up.sql", "SELECT 1;"}, {"1_a.down.sql", "SELECT 2;"}}, "migrations"),
      Catch::Contains("1_a.down.sql is a down migration"));
}
