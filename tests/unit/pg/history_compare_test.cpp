// pg.history's verdict as a pure comparison of files and history rows.

#include <catch2/catch.hpp>

#include "relctl/pg/migrations.hpp"

using namespace relctl::pg;

namespace {

std::vector<MigrationFile> files_of(std::vector<std::pair<std::string, std::string>> entries) {
  return make_migrations(entries, "migrations");
}

AppliedMigration applied(const MigrationFile& f, int rank, bool success = true) {
  AppliedMigration a;
  a.rank = rank;
  a.version = f.version;
  a.description = f.description;
  a.script = f.script;
  a.checksum = f.checksum;
  a.success = success;
  a.run_id = "RUN" + std::to_string(rank);
  return a;
}

bool mentions(const HistoryComparison& c, const std::string& text) {
  for (const auto& p : c.problems) {
    if (p.find(text) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("history: nothing applied means everything is pending", "[pg][history]") {
  const auto files = files_of({{"1_a.sql", "SELECT 1"}, {"2_b.sql", "SELECT 2"}});
  const auto c = compare_history(files, {});
  CHECK(c.ok());
  CHECK(c.applied == 0);
  REQUIRE(c.pending.size() == 2);
  CHECK(c.pending[0]->script == "1_a.sql");
}

TEST_CASE("history: applied files with the same checksum are fine", "[pg][history]") {
  const auto files = files_of({{"1_a.sql", "SELECT 1"}, {"2_b.sql", "SELECT 2"}, {"3_c.sql", "x"}});
  const auto c = compare_history(files, {applied(files[0], 1), applied(files[1], 2)});
  CHECK(c.ok());
  CHECK(c.applied == 2);
  REQUIRE(c.pending.size() == 1);
  CHECK(c.pending[0]->script == "3_c.sql");
}

TEST_CASE("history: an edited applied file is named", "[pg][history]") {
  const auto before = files_of({{"1_a.sql", "SELECT 1"}});
  const auto after = files_of({{"1_a.sql", "SELECT 2"}});
  const auto c = compare_history(after, {applied(before[0], 1)});
  CHECK_FALSE(c.ok());
  CHECK(mentions(c, "1_a.sql was edited"));
}

TEST_CASE("history: a CRLF copy of an applied file is not an edit", "[pg][history]") {
  const auto before = files_of({{"1_a.sql", "SELECT 1;\nSELECT 2;\n"}});
  const auto after = files_of({{"1_a.sql", "\xEF\xBB\xBFSELECT 1;\r\nSELECT 2;\r\n"}});
  CHECK(compare_history(after, {applied(before[0], 1)}).ok());
}

TEST_CASE("history: an applied file that is gone is named", "[pg][history]") {
  const auto all = files_of({{"1_a.sql", "a"}, {"2_b.sql", "b"}});
  const auto now = files_of({{"2_b.sql", "b"}});
  const auto c = compare_history(now, {applied(all[0], 1), applied(all[1], 2)});
  CHECK(mentions(c, "1_a.sql was applied"));
  CHECK(mentions(c, "gone"));
}

TEST_CASE("history: a pending file older than the newest applied is out of order",
          "[pg][history]") {
  const auto files = files_of({{"1_a.sql", "a"}, {"2_late.sql", "b"}, {"3_c.sql", "c"}});
  const auto c = compare_history(files, {applied(files[0], 1), applied(files[2], 2)});
  CHECK(mentions(c, "2_late.sql is pending but older than the newest applied migration 3_c.sql"));
}

TEST_CASE("history: a failed no-transaction migration blocks until repaired", "[pg][history]") {
  const auto files = files_of({{"1_a.sql", "a"}});
  const auto c = compare_history(files, {applied(files[0], 1, /*success=*/false)});
  CHECK(mentions(c, "1_a.sql failed partway"));
  REQUIRE(c.pending.size() == 1);  // not applied, and still pending
}

TEST_CASE("history: rollbacks expect applied versions newer than every file", "[pg][history]") {
  const auto newer = files_of({{"1_a.sql", "a"}, {"2_b.sql", "b"}});
  const auto older_release = files_of({{"1_a.sql", "a"}});
  const std::vector<AppliedMigration> rows = {applied(newer[0], 1), applied(newer[1], 2)};
  CHECK_FALSE(compare_history(older_release, rows).ok());
  CHECK(compare_history(older_release, rows, /*newer_applied_expected=*/true).ok());
}

TEST_CASE("history: a no-transaction file that started and never finished is a problem",
          "[pg][history]") {
  const auto files = files_of({{"1_a.sql", "SELECT 1"}, {"2_b.sql", "VACUUM"}});
  auto started = applied(files[1], 2, false);
  started.status = "started";
  const auto c = compare_history(files, {applied(files[0], 1), started});
  CHECK_FALSE(c.ok());
  CHECK(mentions(c, "2_b.sql started in run RUN2"));
  CHECK(mentions(c, "never finished"));
  CHECK(c.pending.size() == 1);
}
