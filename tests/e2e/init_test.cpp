// relctl init, run as a user would: in a fresh git repository with a SQLite
// snapshot and a migrations folder.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "relctl/config/loader.hpp"
#include "support/support.hpp"

using namespace relctl::test;
using Catch::Matchers::Contains;

namespace {
const std::string sqlite_header("SQLite format 3\0", 16);

RunOptions in(const std::filesystem::path& dir) {
  RunOptions o;
  o.cwd = dir;
  return o;
}
}  // namespace

TEST_CASE("relctl init writes relctl.toml from what it finds, and never overwrites it",
          "[config][e2e]") {
  TempDir dir;
  sh("git init -q -b main", dir.path());
  write_file(dir / "gamebot_lite/data/gamebot.sqlite", sqlite_header);
  write_file(dir / "supabase/migrations/20240101000000_init.sql", "create table t (id int);\n");

  const auto first = run_relctl({"init"}, in(dir.path()));
  INFO(first.out << first.err);
  REQUIRE(first.exit_code == 0);
  CHECK_THAT(first.out, Contains("wrote " + (dir / "relctl.toml").string()));
  CHECK_THAT(first.out, Contains("gamebot_lite/data/gamebot.sqlite"));
  CHECK_THAT(first.out, Contains("supabase/migrations"));
  CHECK_THAT(first.out, Contains("next:"));
  // The first dry run needs a clean work tree: init says to commit the file.
  CHECK_THAT(first.out, Contains("commit relctl.toml (git add relctl.toml"));
  CHECK_THAT(first.out, !Contains("SPEC") && !Contains("docs/"));

  const std::string written = read_file(dir / "relctl.toml");
  CHECK_THAT(written, Contains("snapshot = \"gamebot_lite/data/gamebot.sqlite\""));
  CHECK_THAT(written, Contains("manifest = \"gamebot_lite/data/manifest.json\""));
  CHECK_THAT(written, Contains("dir = \"supabase/migrations\""));
  CHECK_THAT(written, Contains("main_branch = \"main\""));
  CHECK_THAT(written, Contains("remote = \"origin\""));
  const auto config = relctl::config::parse(written, "relctl.toml");
  CHECK(config.project.name == dir.path().filename().string());
  REQUIRE(config.data_release);
  CHECK(config.migrations.dir == "supabase/migrations");

  const auto second = run_relctl({"init"}, in(dir.path()));
  CHECK(second.exit_code == 2);
  CHECK_THAT(second.err, Contains("relctl: error: " + (dir / "relctl.toml").string() +
                                  " already exists; relctl init never overwrites it"));
  CHECK_THAT(second.err, Contains("relctl: hint: "));
  CHECK(read_file(dir / "relctl.toml") == written);
}

TEST_CASE("relctl init guesses master and the only remote", "[config][e2e]") {
  TempDir dir;
  sh("git init -q -b master && git commit -q --allow-empty -m init && "
     "git checkout -q -b feature/x && git remote add upstream https://example.com/app.git",
     dir.path());
  const auto r = run_relctl({"init"}, in(dir.path()));
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  const std::string written = read_file(dir / "relctl.toml");
  CHECK_THAT(written, Contains("main_branch = \"master\""));
  CHECK_THAT(written, Contains("release_branches = [\"master\"]"));
  CHECK_THAT(written, Contains("remote = \"upstream\""));
  CHECK_THAT(written, Contains("# [data_release]"));  // no snapshot: left commented out
  CHECK_THAT(r.out, Contains("a branch named master exists"));
}

TEST_CASE("relctl init prefers origin and honours -C", "[config][e2e]") {
  TempDir dir;
  sh("mkdir app && cd app && git init -q -b trunk && "
     "git remote add backup https://example.com/b.git && "
     "git remote add origin https://example.com/o.git",
     dir.path());
  const auto r = run_relctl({"-C", (dir / "app").string(), "init"}, in(dir.path()));
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_FALSE(std::filesystem::exists(dir / "relctl.toml"));
  const std::string written = read_file(dir / "app/relctl.toml");
  CHECK_THAT(written, Contains("main_branch = \"trunk\""));
  CHECK_THAT(written, Contains("remote = \"origin\""));
}

TEST_CASE("relctl init --json prints one document", "[config][e2e]") {
  TempDir dir;
  write_file(dir / "db/app.sqlite3", "");
  const auto r = run_relctl({"--json", "init"}, in(dir.path()));
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  const auto doc = nlohmann::json::parse(r.out);
  CHECK(doc["command"] == "init");
  CHECK(doc["file"] == (dir / "relctl.toml").string());
  CHECK(doc["guesses"]["snapshot"] == "db/app.sqlite3");
  CHECK(doc["guesses"]["main_branch"] == "main");
  CHECK(doc["guesses"]["why"]["main_branch"] == "default: not inside a git repository");
}

TEST_CASE("relctl init continues an existing release history's tag template", "[config][e2e]") {
  TempDir dir;
  sh("git init -q -b main && git commit -q --allow-empty -m init && git tag v1.8.0 && "
     "git commit -q --allow-empty -m more && git tag -a v1.9.0 -m 1.9.0 && git tag nightly",
     dir.path());
  const auto r = run_relctl({"init"}, in(dir.path()));
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("code tags    v{version} (2 existing tags follow it, newest v1.9.0)"));
  const std::string written = read_file(dir / "relctl.toml");
  CHECK_THAT(written, Contains("\n[code_release]\ntag = \"v{version}\""));
  const auto config = relctl::config::parse(written, "relctl.toml");
  REQUIRE(config.code_release);
  CHECK(config.code_release->tag == "v{version}");
}
