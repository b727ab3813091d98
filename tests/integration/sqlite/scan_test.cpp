// SnapshotScan: one read of the snapshot spread over two cores gives the
// same answers as the single steps, and Ctrl-C stops it.

#include <csignal>

#include <catch2/catch.hpp>

#include "relctl/core/error.hpp"
#include "relctl/core/interrupt.hpp"
#include "relctl/core/sha256.hpp"
#include "relctl/sqlite/scan.hpp"
#include "support/data_repo.hpp"

using namespace relctl;
using namespace relctl::test;
using namespace relctl::test::data;

namespace {

struct RecordingProgress : core::Progress {
  std::vector<std::string> shown;
  int cleared = 0;
  void show(std::string_view text) override { shown.emplace_back(text); }
  void clear() override { ++cleared; }
};

}  // namespace

TEST_CASE("the scan reports integrity, foreign keys, tables, schema and hash", "[data][scan]") {
  TempDir tmp;
  const auto file = tmp / "snap.sqlite";
  make_snapshot(file, "INSERT INTO votes (castaway_id, voted_for) VALUES ('US9999', 'US0001');");
  sqlite::SnapshotScan scan(file, /*quick=*/false, nullptr);

  CHECK(scan.integrity().empty());
  CHECK(scan.foreign_keys().violations == 1);
  const auto& tables = scan.tables();
  REQUIRE(tables.size() == 3);
  CHECK(tables[0].name == "castaways");
  CHECK(tables[0].rows == 120);
  CHECK(tables[2].rows == 121);
  CHECK(tables[0].columns.size() == 4);
  CHECK(scan.sha256() == sha256sum(file));
  CHECK(scan.bytes() == fs::file_size(file));
  auto snap = sqlite::Snapshot::open(file);
  CHECK(scan.schema_sha256() == core::sha256_hex(snap->schema_text()));
  CHECK(scan.open_error().empty());
}

TEST_CASE("a snapshot that cannot be opened fails the first caller and every later one",
          "[data][scan]") {
  TempDir tmp;
  sqlite::SnapshotScan scan(tmp / "missing.sqlite", false, nullptr);
  CHECK_THROWS_WITH(scan.integrity(), Catch::Contains("does not exist"));
  CHECK_THAT(scan.open_error(), Catch::Contains("does not exist"));
  CHECK_THROWS_WITH(scan.sha256(), Catch::Contains("does not exist"));
}

TEST_CASE("Ctrl-C stops the scan with Interrupted", "[data][scan]") {
  TempDir tmp;
  const auto file = tmp / "snap.sqlite";
  make_snapshot(file, "", 5000);
  auto progress = std::make_shared<RecordingProgress>();
  sqlite::SnapshotScan scan(file, false, progress);
  core::install_interrupt_handlers();
  std::raise(SIGINT);
  CHECK_THROWS_AS(scan.integrity(), Interrupted);
  core::reset_interrupt();
}
