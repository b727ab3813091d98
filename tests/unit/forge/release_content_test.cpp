// What a forge release says: notes from the tag, the prerelease flag, and
// assets checked against SHA256SUMS.

#include <catch2/catch.hpp>

#include "gates/forge/release_content.hpp"
#include "relctl/config/loader.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/sha256.hpp"
#include "support/support.hpp"

using namespace relctl;
using gates::forge_release::TagKind;

namespace {

config::Config project() {
  return config::parse(R"([code_release]
tag = "code-v{version}"
[data_release]
snapshot = "data/s.sqlite"
manifest = "data/manifest.json"
tag = "data-{date}"
)",
                       "relctl.toml");
}

}  // namespace

TEST_CASE("forge release: tags are told apart by their templates", "[forge]") {
  const auto cfg = project();
  CHECK(gates::forge_release::kind_of_tag(cfg, "code-v1.3.0") == TagKind::code);
  CHECK(gates::forge_release::kind_of_tag(cfg, "data-20261122") == TagKind::data);
  CHECK(gates::forge_release::kind_of_tag(cfg, "v1") == TagKind::other);
  CHECK(gates::forge_release::is_prerelease(cfg, "code-v1.4.0-beta.2"));
  CHECK_FALSE(gates::forge_release::is_prerelease(cfg, "code-v1.4.0"));
  CHECK_FALSE(gates::forge_release::is_prerelease(cfg, "data-20261122"));
}

TEST_CASE("forge release: a code release's notes are its tag's changelog section", "[forge]") {
  const std::string message =
      "Release 1.3.0\n\n## 1.3.0 - 2026-11-22\n\n### Features\n\n- add search (abc1234)\n\n"
      "Relctl-Run: 01J\nRelctl-Version: 1.3.0\n";
  CHECK(gates::forge_release::code_notes(message) ==
        "## 1.3.0 - 2026-11-22\n\n### Features\n\n- add search (abc1234)\n");
  CHECK(gates::forge_release::without_trailers("hand-made tag\n\nRelctl-Run: x\n") ==
        "hand-made tag\n");
}

TEST_CASE("forge release: a data release's notes list its tables and facts", "[forge]") {
  gates::data::Manifest m;
  m.snapshot_path = "data/s.sqlite";
  m.snapshot_bytes = 4096;
  m.snapshot_sha256 = std::string(64, 'a');
  m.schema_sha256 = std::string(64, 'b');
  m.ingestion_run_id = "run-7";
  m.tables["castaways"] = {810, {{"id", "INTEGER"}, {"name", "TEXT"}}};
  m.tables["seasons"] = {45, {{"id", "INTEGER"}}};
  const std::string notes = gates::forge_release::data_notes("data-20261122", m);
  CHECK_THAT(notes, Catch::StartsWith("Data release data-20261122: 2 tables, 855 rows.\n"));
  CHECK_THAT(notes, Catch::Contains("| castaways | 810 | 2 |\n| seasons | 45 | 1 |"));
  CHECK_THAT(notes, Catch::Contains("- Ingestion run: `run-7`"));
  CHECK_THAT(notes, Catch::Contains("sha256 `" + std::string(64, 'a') + "`"));
}

TEST_CASE("forge release: assets are SHA256SUMS and the files it lists, checked", "[forge]") {
  test::TempDir dir;
  test::write_file(dir / "dist/app-1.3.0.tar.gz", "tarball");
  test::write_file(dir / "dist/notes.txt", "notes");
  const std::string sums = core::sha256_hex("tarball") + "  dist/app-1.3.0.tar.gz\n" +
                           core::sha256_hex("notes") + "  dist/notes.txt\n";
  test::write_file(dir / "SHA256SUMS", sums);
  const auto assets =
      gates::forge_release::assets_from_sums(dir.path(), dir / "SHA256SUMS", sums, "code-v1.3.0");
  REQUIRE(assets.size() == 3);
  CHECK(assets[0].name == "SHA256SUMS");
  CHECK(assets[0].content_type == "text/plain");
  CHECK(assets[1].name == "app-1.3.0.tar.gz");
  CHECK(assets[1].content_type == "application/gzip");
  CHECK(assets[1].size == 7);
  CHECK(assets[2].name == "notes.txt");

  test::write_file(dir / "dist/app-1.3.0.tar.gz", "another build");
  try {
    gates::forge_release::assets_from_sums(dir.path(), dir / "SHA256SUMS", sums, "code-v1.3.0");
    FAIL("a file that differs from its sum is never uploaded");
  } catch (const GateError& e) {
    CHECK_THAT(e.what(), Catch::Contains("dist/app-1.3.0.tar.gz differs"));
  }
}
