// The relctl.toml `relctl init` writes, and what it guesses from the folder.

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "relctl/config/loader.hpp"
#include "relctl/config/starter.hpp"
#include "support/support.hpp"

namespace cfg = relctl::config;
namespace fs = std::filesystem;
using relctl::test::TempDir;
using relctl::test::write_file;

namespace {
const std::string sqlite_header("SQLite format 3\0", 16);
}

TEST_CASE("the starter parses with nothing guessed", "[config]") {
  cfg::StarterGuess g;
  g.name = "gamebot";
  const auto text = cfg::starter_toml(g);
  const auto c = cfg::parse(text, "relctl.toml");
  CHECK(c.project.name == "gamebot");
  CHECK(c.project.main_branch == "main");
  CHECK(c.project.remote == "origin");
  CHECK_FALSE(c.data_release);
  CHECK(c.migrations.dir == "migrations");
  CHECK_THAT(text, Catch::Matchers::Contains("# [data_release]"));
  CHECK_THAT(text, Catch::Matchers::Contains("# [migrations]"));
}

TEST_CASE("the starter parses with everything guessed", "[config]") {
  cfg::StarterGuess g;
  g.name = "my \"quoted\" \\ project";
  g.main_branch = "master";
  g.remote = "upstream";
  g.snapshot = "gamebot_lite/data/gamebot.sqlite";
  g.migrations_dir = "supabase/migrations";
  const auto c = cfg::parse(cfg::starter_toml(g), "relctl.toml");
  CHECK(c.project.name == g.name);
  CHECK(c.project.main_branch == "master");
  CHECK(c.project.release_branches == std::vector<std::string>{"master"});
  CHECK(c.project.remote == "upstream");
  REQUIRE(c.data_release);
  CHECK(c.data_release->snapshot == "gamebot_lite/data/gamebot.sqlite");
  CHECK(c.data_release->manifest == "gamebot_lite/data/manifest.json");
  CHECK(c.data_release->checks.empty());
  CHECK(c.migrations.dir == "supabase/migrations");
}

TEST_CASE("every commented-out example in the starter is valid", "[config]") {
  for (const bool found : {false, true}) {
    cfg::StarterGuess g;
    g.name = "gamebot";
    if (found) {
      g.snapshot = "data/app.sqlite";
      g.migrations_dir = "db/migrations";
    }
    INFO("guessed: " << found);
    const auto c = cfg::parse(cfg::starter_toml(g, /*examples_active=*/true), "relctl.toml");
    REQUIRE(c.data_release);
    CHECK(c.data_release->checks.size() == 2);
    CHECK(c.data_release->ingestion_run_id.value == "INGESTION_RUN_ID");
    REQUIRE(c.code_release);
    CHECK(c.code_release->version_files.size() == 1);
    CHECK(c.commands.size() == 1);
    CHECK(c.databases.size() == 2);
    CHECK(c.environments.size() == 2);
    CHECK(c.find_environment("prod")->is_protected);
    CHECK(c.schema_guard);
    CHECK(c.functions.size() == 1);
    CHECK(c.db_checks.size() == 1);
    CHECK(c.project.token_env == "GITHUB_TOKEN");
    REQUIRE(c.forge);
    CHECK(c.forge->deployments);
  }
}

TEST_CASE("guess_layout finds the shallowest SQLite file and migrations folder", "[config]") {
  TempDir dir;
  write_file(dir / "gamebot_lite/data/gamebot.sqlite", "");
  write_file(dir / "deep/a/b/c/other.sqlite3", "");
  write_file(dir / "supabase/migrations/001_init.sql", "");
  write_file(dir / "x/y/migrations/001.sql", "");
  cfg::StarterGuess g;
  cfg::guess_layout(dir.path(), g);
  CHECK(g.snapshot == "gamebot_lite/data/gamebot.sqlite");
  CHECK(g.other_snapshots == std::vector<std::string>{"deep/a/b/c/other.sqlite3"});
  CHECK(g.migrations_dir == "supabase/migrations");
  CHECK(g.why.count("snapshot"));
  CHECK(g.why.count("migrations_dir"));
}

TEST_CASE("guess_layout skips hidden, build and node_modules folders", "[config]") {
  TempDir dir;
  write_file(dir / ".git/x.sqlite", "");
  write_file(dir / ".relctl/ledger.db", sqlite_header);
  write_file(dir / "build/app.sqlite", "");
  write_file(dir / "build-release/app.sqlite", "");
  write_file(dir / "node_modules/pkg/migrations/1.sql", "");
  cfg::StarterGuess g;
  cfg::guess_layout(dir.path(), g);
  CHECK(g.snapshot.empty());
  CHECK(g.migrations_dir.empty());
}

TEST_CASE("guess_layout takes *.db files only when they are SQLite", "[config]") {
  TempDir dir;
  write_file(dir / "a/notes.db", "not a database");
  write_file(dir / "b/real.db", sqlite_header + "rest of the page");
  cfg::StarterGuess g;
  cfg::guess_layout(dir.path(), g);
  CHECK(g.snapshot == "b/real.db");
  CHECK(g.other_snapshots.empty());
}

TEST_CASE("guess_layout looks at most five folders deep", "[config]") {
  TempDir dir;
  write_file(dir / "1/2/3/4/5/five.sqlite", "");
  write_file(dir / "1/2/3/4/5/6/six.sqlite", "");
  cfg::StarterGuess g;
  cfg::guess_layout(dir.path(), g);
  CHECK(g.snapshot == "1/2/3/4/5/five.sqlite");
  CHECK(g.other_snapshots.empty());
}
