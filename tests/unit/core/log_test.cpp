// The run's debug log: one file per run under .relctl/logs, every line
// masked, the oldest logs removed beyond the newest ones kept.

#include <catch2/catch.hpp>

#include "relctl/core/log.hpp"
#include "relctl/core/redactor.hpp"
#include "support/support.hpp"

using namespace relctl;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

TEST_CASE("run log: lines are masked and land in .relctl/logs/<run>.log", "[core][log]") {
  test::TempDir dir;
  core::Redactor redactor;
  redactor.add_secret("Tr0ub4dor&3!");
  const auto folder = core::logs_folder(dir.path());
  REQUIRE(core::start_run_log(folder, "01RUNA", redactor, /*mirror=*/false).empty());
  CHECK(core::run_log_active());
  core::log_step("gate pg.connect starts");
  core::log_debug("pg app: SELECT 1 -- {} and postgresql://u:{}@h/db", "Tr0ub4dor&3!", "pw");
  core::stop_run_log();
  CHECK_FALSE(core::run_log_active());
  core::log_debug("after the run: {}", "not written");

  const std::string text = test::read_file(core::log_file(folder, "01RUNA"));
  CHECK_THAT(text, Contains("gate pg.connect starts") && Contains("pg app: SELECT 1"));
  CHECK_THAT(text, !Contains("Tr0ub4dor") && !Contains(":pw@") && !Contains("not written"));
  // .relctl/ ignores itself: the log never makes a work tree dirty.
  CHECK(test::read_file(dir / ".relctl/.gitignore") == "*\n");
}

TEST_CASE("run log: a run keeps the newest logs and removes the oldest", "[core][log]") {
  test::TempDir dir;
  core::Redactor redactor;
  const auto folder = core::logs_folder(dir.path());
  fs::create_directories(folder);
  for (std::size_t i = 0; i < core::kept_logs + 20; ++i) {
    test::write_file(folder / fmt::format("01OLD{:04}.log", i), "old\n");
  }
  test::write_file(folder / "notes.txt", "not a log\n");
  REQUIRE(core::start_run_log(folder, "01RUNB", redactor, false).empty());
  core::stop_run_log();
  std::size_t logs = 0;
  for (const auto& entry : fs::directory_iterator(folder))
    logs += entry.path().extension() == ".log";
  CHECK(logs == core::kept_logs);
  CHECK_FALSE(fs::exists(folder / "01OLD0000.log"));
  CHECK(fs::exists(folder / fmt::format("01OLD{:04}.log", core::kept_logs + 19)));
  CHECK(fs::exists(core::log_file(folder, "01RUNB")));
  CHECK(fs::exists(folder / "notes.txt"));
}

TEST_CASE("run log: a folder that cannot be written is a warning, not a failure", "[core][log]") {
  test::TempDir dir;
  core::Redactor redactor;
  test::write_file(dir / "file", "in the way\n");
  const std::string warning = core::start_run_log(dir / "file" / "logs", "01RUNC", redactor, false);
  CHECK_THAT(warning, Contains("cannot write the debug log"));
  CHECK_FALSE(core::run_log_active());
  core::log_debug("nothing happens: {}", 1);
}
