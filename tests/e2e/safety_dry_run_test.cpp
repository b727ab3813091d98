// The dry run refuses what the real run could not do: tag and branch
// templates that are no git ref names, version files outside the work tree or
// inside .git, dates that do not exist, prerelease ids that are not SemVer.

#include <catch2/catch.hpp>

#include "support/data_repo.hpp"
#include "support/git_project.hpp"

using namespace relctl::test;

namespace {

// relctl.toml outside the work tree (so that the tree stays clean) with `code_release` lines.
fs::path outside_config(const GitProject& p, const std::string& code_release) {
  const fs::path file = p.root() / "alt.toml";
  write_file(file, "[project]\nname = \"demo\"\n\n[code_release]\n" + code_release);
  return file;
}

const std::string version_file =
    "version_files = [{ path = \"pyproject.toml\", pattern = 'version = \"{version}\"' }]\n";

}  // namespace

TEST_CASE("templates that are not git ref names are refused at load, naming the setting",
          "[e2e][git][safety]") {
  GitProject p;
  const std::string before = p.full_state();
  for (const std::string tmpl : {"code v{version}", "x..{version}", "{version}.lock"}) {
    const auto cfg = outside_config(p, "tag = \"" + tmpl + "\"\n" + version_file);
    for (const bool dry : {true, false}) {
      const auto r = p.relctl(
          dry ? std::vector<std::string>{"code-release", "--dry-run", "--config", cfg.string()}
              : std::vector<std::string>{"code-release", "--config", cfg.string()});
      INFO(tmpl << (dry ? " (dry run)" : "") << "\n" << output(r));
      CHECK(r.exit_code == 2);
      CHECK_THAT(output(r), Catch::Contains("[code_release] tag = \"" + tmpl + "\"") &&
                                Catch::Contains("not a valid git tag name"));
    }
  }
  const auto branch =
      outside_config(p, "mode = \"pr\"\nbranch = \"release/{version}.lock\"\n" + version_file);
  const auto r = p.relctl({"code-release", "--dry-run", "--config", branch.string()});
  INFO(output(r));
  CHECK(r.exit_code == 2);
  CHECK_THAT(output(r), Catch::Contains("[code_release] branch") &&
                            Catch::Contains("not a valid git branch name"));
  // --pre 'a b' is no SemVer identifier: refused by the dry run as by the real run.
  const auto pre_dry = p.relctl({"code-release", "--pre", "a b", "--dry-run"});
  const auto pre_real = p.relctl({"code-release", "--pre", "a b"});
  INFO(output(pre_dry));
  CHECK(pre_dry.exit_code != 0);
  CHECK(pre_dry.exit_code == pre_real.exit_code);
  CHECK(p.full_state() == before);
}

TEST_CASE("version files outside the work tree, inside .git or not regular fail the dry run",
          "[e2e][git][safety]") {
  GitProject p;
  write_file(p.root() / "outside.toml", "version = \"1.2.0\"\n");
  fs::create_directory(p.work() / "folder.toml");
  const std::string before = p.full_state();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"../outside.toml", "is outside the work tree"},
      {".git/config", "is inside .git"},
      {"folder.toml", "is not a regular file"},
  };
  for (const auto& [path, text] : cases) {
    const auto cfg = outside_config(
        p, "version_files = [{ path = \"" + path + "\", pattern = 'version = \"{version}\"' }]\n");
    const auto r = p.relctl({"code-release", "--dry-run", "--config", cfg.string()});
    INFO(path << "\n" << output(r));
    CHECK(r.exit_code == 1);
    CHECK_THAT(output(r), Catch::Contains(path + " (version_files) " + text));
  }
  CHECK(p.full_state() == before);
}

TEST_CASE("data-release --date of a day that does not exist is refused, dry run or not",
          "[e2e][data][safety]") {
  data::DataRepo repo;
  for (const bool dry : {true, false}) {
    const auto r = repo.relctl(
        dry ? std::vector<std::string>{"data-release", "--dry-run", "--date", "20260230"}
            : std::vector<std::string>{"data-release", "--date", "20260230"});
    INFO(output(r));
    CHECK(r.exit_code == 2);
    CHECK_THAT(output(r), Catch::Contains("--date 20260230 is not a day of the calendar"));
  }
  const auto leap = repo.relctl({"data-release", "--dry-run", "--date", "20280229"});
  INFO(output(leap));
  CHECK(leap.exit_code == 0);
}

TEST_CASE("data-release --dry-run beside a stray -wal creates no file next to the snapshot",
          "[e2e][data][safety]") {
  data::DataRepo repo;
  const fs::path wal = repo.snapshot().string() + "-wal";
  write_file(wal, "left by a crashed writer");
  repo.git("echo '*.sqlite-*' >> .git/info/exclude");  // the tree stays clean
  const auto r = repo.relctl({"data-release", "--dry-run", "--date", "20261122"});
  INFO(output(r));
  CHECK(r.exit_code == 0);
  CHECK_FALSE(fs::exists(repo.snapshot().string() + "-shm"));
  CHECK_FALSE(fs::exists(repo.snapshot().string() + "-journal"));
  CHECK(read_file(wal) == "left by a crashed writer");
}
