// relctl code-release end to end on histories and files as real projects
// have them: changelogs in other formats (and git-ignored), prerelease
// identifiers, maintenance branches, a configuration kept outside the
// repository, sparse checkouts, monorepos.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/git_project.hpp"

using namespace relctl::test;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

// Commits `content` as CHANGELOG.md and pushes it.
void changelog_of(const GitProject& p, const std::string& content) {
  p.commit("docs: changelog format", "CHANGELOG.md", content);
  p.git("push -q origin main");
}

}  // namespace

TEST_CASE("code-release refuses a --pre identifier that is not SemVer 2.0", "[e2e][git]") {
  GitProject p;
  const std::string before = p.full_state();
  for (const std::string bad : {"be ta", "01", "Beta_1"}) {
    const auto r = p.relctl({"code-release", "--dry-run", "--pre", bad});
    INFO(output(r));
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Contains("--pre \"" + bad + "\" is not a prerelease identifier"));
  }
  CHECK(p.full_state() == before);
  const auto ok = p.relctl({"code-release", "--dry-run", "--pre", "beta"});
  CHECK_THAT(ok.out, Contains("1.3.0-beta.1 (minor;"));
}

TEST_CASE("a Keep a Changelog file keeps [Unreleased] on top, its entries move into the release",
          "[e2e][git]") {
  GitProject p;
  changelog_of(p,
               "# Changelog\n\n## [Unreleased]\n\n### Added\n\n- written by hand\n\n"
               "## [1.2.0] - 2026-01-01\n\n### Added\n\n- first\n");
  const auto r = p.relctl({"code-release"});
  INFO(output(r));
  REQUIRE(r.exit_code == 0);
  const std::string changelog = read_file(p.work() / "CHANGELOG.md");
  CHECK_THAT(changelog, StartsWith("# Changelog\n\n## [Unreleased]\n\n## [1.3.0] - "));
  CHECK_THAT(changelog, Contains("### Added\n\n- written by hand\n\n### Features\n\n- **search:** "
                                 "add search ("));
  CHECK(changelog.find("## [1.3.0]") < changelog.find("## [1.2.0] - 2026-01-01"));
  // The tag carries the same section.
  CHECK_THAT(p.git("tag -l --format='%(contents)' code-v1.3.0"), Contains("- written by hand"));
}

TEST_CASE("a conventional-changelog file gets the new section above its newest release",
          "[e2e][git]") {
  GitProject p;
  changelog_of(p,
               "# Change Log\n\nAll notable changes to this project will be documented here.\n\n"
               "# [1.2.0](https://example.com/compare/v1.1.0...v1.2.0) (2026-01-01)\n\n"
               "### Features\n\n* first\n");
  const auto r = p.relctl({"code-release"});
  INFO(output(r));
  REQUIRE(r.exit_code == 0);
  const std::string changelog = read_file(p.work() / "CHANGELOG.md");
  CHECK_THAT(changelog, StartsWith("# Change Log\n\nAll notable changes to this project will be "
                                   "documented here.\n\n# 1.3.0 ("));
  CHECK_THAT(changelog, Contains("### Features\n\n* **search:** add search ("));
  CHECK(changelog.find("# 1.3.0") < changelog.find("# [1.2.0]"));
}

TEST_CASE("a git-ignored changelog: the dry run and the real run agree", "[e2e][git]") {
  GitProject p("changelog = \"notes/CHANGES.md\"\n");
  p.commit("chore: ignore notes", ".gitignore", "notes/\n");
  p.git("push -q origin main");
  const auto dry = p.relctl({"code-release", "--dry-run"});
  INFO(output(dry));
  CHECK(dry.exit_code == 0);
  CHECK_THAT(dry.out, Contains("to notes/CHANGES.md (new file) (ignored by .gitignore: committed "
                               "all the same)"));
  const auto real = p.relctl({"code-release"});
  INFO(output(real));
  CHECK(real.exit_code == 0);
  CHECK(p.git("show --name-only --format= code-v1.3.0^{commit}") ==
        "notes/CHANGES.md\npyproject.toml\n");
}

TEST_CASE("a maintenance branch releases a patch after a newer release exists", "[e2e][git]") {
  GitProject p("maintenance_branches = [\"*.x\"]\n");
  REQUIRE(p.relctl({"code-release"}).exit_code == 0);  // 1.3.0 from main
  p.git("switch -q -c 1.2.x code-v1.2.0");
  p.commit("fix: backport the crash fix");
  p.git("push -q -u origin 1.2.x");

  const auto r = p.relctl({"code-release", "--json"});
  INFO(output(r));
  REQUIRE(r.exit_code == 0);
  const auto doc = nlohmann::json::parse(r.out);
  CHECK(doc["release"]["version"] == "1.2.1");
  CHECK(doc["release"]["branch"] == "1.2.x");
  CHECK(p.git("rev-parse code-v1.2.1^{commit}", p.origin()) ==
        p.git("rev-parse 1.2.x", p.origin()));
  for (const auto& g : doc["gates"]) {
    if (g["id"] == "version.next") {
      CHECK(g["status"] == "warned");
      CHECK_THAT(g["message"].get<std::string>(),
                 Contains("1.2.1 (patch, maintenance line 1.2.x; 1 commit since code-v1.2.0)") &&
                     Contains("1.3.0 exists on another line"));
    }
  }
  // Not a maintenance branch, not a release branch: refused.
  p.git("switch -q -c feature/x");
  const auto refused = p.relctl({"code-release", "--dry-run"});
  CHECK(refused.exit_code == 1);
  CHECK_THAT(refused.out, Contains("branch feature/x may not release (allowed: main, *.x)"));
}

TEST_CASE("a --config outside the repository works with -C and from the current folder",
          "[e2e][git]") {
  GitProject p;
  write_file(p.root() / "ops/relctl.toml", read_file(p.work() / "relctl.toml"));
  p.git("rm -q relctl.toml && git commit -q -m 'chore: config moves out' && git push -q");
  for (const auto& [cwd, args] : std::vector<std::pair<fs::path, std::vector<std::string>>>{
           {p.root(), {"-C", "work", "--config", "../ops/relctl.toml"}},
           {p.work(), {"--config", (p.root() / "ops/relctl.toml").string()}}}) {
    RunOptions o;
    o.cwd = cwd;
    auto argv = args;
    argv.insert(argv.end(), {"code-release", "--dry-run"});
    const auto r = p.relctl(argv, o);
    INFO(output(r));
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("1.3.0 (minor; 3 commits since code-v1.2.0)"));
    CHECK_THAT(r.out, Contains("would set 1.3.0 in pyproject.toml (was 1.2.0)"));
  }
  CHECK_FALSE(fs::exists(p.root() / "ops/.relctl"));  // the ledger lives in the repository
}

TEST_CASE("a sparse checkout is clean when it is", "[e2e][git]") {
  GitProject p;
  p.commit("docs: guide", "docs/guide.md", "guide\n");
  p.git("push -q origin main");
  p.git("sparse-checkout set --cone src");
  REQUIRE_FALSE(fs::exists(p.work() / "docs/guide.md"));
  const auto clean = p.relctl({"check", "git.clean"});
  INFO(output(clean));
  CHECK(clean.exit_code == 0);
  CHECK_THAT(clean.out, Contains("work tree clean"));
  write_file(p.work() / "src/new.txt", "x\n");
  const auto dirty = p.relctl({"check", "git.clean"});
  CHECK(dirty.exit_code == 1);
  CHECK_THAT(dirty.out, Contains("untracked src/new.txt") && !Contains("docs/guide.md"));
}

TEST_CASE("a monorepo release: one tag per changed package, one commit, one push", "[e2e][git]") {
  GitProject p(R"(
[[packages]]
name = "api"
path = "packages/api"
version_files = [{ path = "packages/api/VERSION", pattern = "{version}" }]

[[packages]]
name = "web"
path = "packages/web"
tag = "{name}@{version}"
)");
  write_file(p.work() / "packages/api/VERSION", "1.0.0\n");
  write_file(p.work() / "packages/web/index.js", "//\n");
  p.git("add -A && git commit -q -m 'chore: packages'");
  p.git("tag -a api-v1.0.0 -m api && git tag -a web@2.0.0 -m web");
  p.commit("feat(api): search", "packages/api/search.py", "x\n");
  p.commit("fix(web): layout", "packages/web/layout.css", "y\n");
  p.git("push -q origin main --tags");
  const std::string origin_count = p.git("rev-list --count main", p.origin());

  const auto dry = p.relctl({"code-release", "--dry-run"});
  INFO(output(dry));
  CHECK(dry.exit_code == 0);
  CHECK_THAT(dry.out, Contains("api 1.1.0 (minor; 1 commit since api-v1.0.0), web 2.0.1 (patch; "
                               "1 commit since web@2.0.0)"));

  const auto r = p.relctl({"code-release", "--json"});
  INFO(output(r));
  REQUIRE(r.exit_code == 0);
  const auto doc = nlohmann::json::parse(r.out);
  CHECK(doc["release"]["tags"] == nlohmann::json::array({"api-v1.1.0", "web@2.0.1"}));
  CHECK(std::stoi(p.git("rev-list --count main", p.origin())) == std::stoi(origin_count) + 1);
  CHECK(p.git("rev-parse api-v1.1.0^{commit}", p.origin()) ==
        p.git("rev-parse web@2.0.1^{commit}", p.origin()));
  CHECK(p.git("show --name-only --format= main", p.origin()) ==
        "packages/api/CHANGELOG.md\npackages/api/VERSION\npackages/web/CHANGELOG.md\n");
  CHECK(read_file(p.work() / "packages/api/VERSION") == "1.1.0\n");
  CHECK_THAT(read_file(p.work() / "packages/web/CHANGELOG.md"),
             Contains("## 2.0.1 - ") && Contains("layout") && !Contains("search"));
  CHECK_THAT(p.git("log -1 --format=%s main"), Contains("api 1.1.0, web 2.0.1"));

  // Next time only the package with new commits is released, or the one asked for.
  p.commit("fix(api): typo", "packages/api/search.py", "z\n");
  p.git("push -q");
  CHECK_THAT(p.relctl({"code-release", "--dry-run"}).out,
             Contains("api 1.1.1 (patch; 1 commit since api-v1.1.0)") && !Contains("web 2."));
  const auto web = p.relctl({"code-release", "--dry-run", "--package", "web"});
  CHECK(web.exit_code == 0);
  CHECK_THAT(web.out, Contains("nothing to release since web@2.0.1: no commits since it"));
  const auto unknown = p.relctl({"code-release", "--dry-run", "--package", "nope"});
  CHECK_THAT(output(unknown), Contains("no such package in relctl.toml (packages: api, web)"));
}
