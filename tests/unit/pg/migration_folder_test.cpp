// The migrations folder: entries named like migrations that are not regular
// files are refused (exit 2), naming each, instead of being skipped.

#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "relctl/core/error.hpp"
#include "relctl/gates/pg.hpp"
#include "support/support.hpp"

using namespace relctl;
using namespace relctl::test;

TEST_CASE("a directory, FIFO or dangling symlink named like a migration is refused",
          "[pg][migrations]") {
  TempDir dir;
  fs::create_directories(dir / "migrations");
  write_file(dir / "migrations" / "001_a.sql", "SELECT 1;\n");
  write_file(dir / "target.sql", "SELECT 2;\n");
  // A symlink to a regular file is a migration like any other.
  fs::create_symlink(dir / "target.sql", dir / "migrations" / "002_linked.sql");
  CHECK(gates::read_migrations(dir.path(), "", "migrations").size() == 2);

  SECTION("a directory") {
    fs::create_directories(dir / "migrations" / "003_dir.sql");
    CHECK_THROWS_WITH(gates::read_migrations(dir.path(), "", "migrations"),
                      Catch::Contains("003_dir.sql (a directory)"));
  }
  SECTION("a FIFO (reading it would hang)") {
    REQUIRE(mkfifo((dir / "migrations" / "003_fifo.sql").c_str(), 0600) == 0);
    CHECK_THROWS_WITH(gates::read_migrations(dir.path(), "", "migrations"),
                      Catch::Contains("003_fifo.sql (a FIFO)"));
  }
  SECTION("a dangling symlink, with the exit code of a configuration error") {
    fs::create_symlink(dir / "gone.sql", dir / "migrations" / "003_gone.sql");
    try {
      gates::read_migrations(dir.path(), "", "migrations");
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.code() == ExitCode::usage);
      CHECK_THAT(e.what(), Catch::Contains("003_gone.sql (a dangling symlink)") &&
                               Catch::Contains("not a regular file"));
    }
  }
  SECTION("a character device") {
    fs::create_symlink("/dev/null", dir / "migrations" / "003_null.sql");
    CHECK_THROWS_WITH(gates::read_migrations(dir.path(), "", "migrations"),
                      Catch::Contains("003_null.sql (a character device)"));
  }
}
