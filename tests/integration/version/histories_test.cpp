// version.next on real histories in the shapes that broke it: releases on
// other lines, maintenance branches, breaking changes as projects write
// them, revert chains, hand-started prereleases, adoption, monorepos.

#include <catch2/catch.hpp>

#include "integration/version/planning.hpp"
#include "relctl/core/error.hpp"

using namespace relctl;
using namespace relctl::test;
using Catch::Matchers::Contains;

TEST_CASE("histories: a prerelease on another branch does not block main",
          "[version][histories][git]") {
  Planning p;
  // 2.0.0-beta.1 is tagged on a beta branch that main does not contain.
  p.project.git("switch -q -c beta");
  p.project.commit("feat!: new storage");
  p.project.git("tag -a code-v2.0.0-beta.1 -m beta");
  p.project.git("switch -q main");
  CHECK(p.plan_with() == "1.3.0 (minor; 2 commits since code-v1.2.0)");
  CHECK_THAT(p.warnings(), Contains("2.0.0-beta.1 exists on another line (not reachable from "
                                    "main); it does not hold back 1.3.0"));
  p.plan.explicit_version = "1.2.5";
  CHECK_THAT(p.plan_with(), Contains("1.2.5 (--version;"));
}

TEST_CASE("histories: a maintenance branch patches an older line after a newer release",
          "[version][histories][git]") {
  Planning p("maintenance_branches = [\"*.x\"]\n");
  p.project.git("tag -a code-v1.3.0 -m 1.3.0");  // main released 1.3.0 on top of the feat
  p.project.git("switch -q -c 1.2.x code-v1.2.0");
  p.project.commit("fix: backported fix");
  CHECK(p.plan_with() == "1.2.1 (patch, maintenance line 1.2.x; 1 commit since code-v1.2.0)");
  CHECK(p.plan.branch == "1.2.x");
  CHECK(p.plan.new_branch.empty());  // released from the branch itself, not cut from a tag
  CHECK_THAT(p.warnings(), Contains("1.3.0 exists on another line"));

  // A feature would leave 1.2.x: refused, saying how to go on.
  p.project.commit("feat: not for a patch line");
  try {
    p.plan_with();
    FAIL("a feat on 1.2.x was released");
  } catch (const GateError& e) {
    CHECK_THAT(e.what(), Contains("1.3.0 is outside maintenance branch 1.2.x (>=1.2.0 <1.3.0)"));
  }
  p.plan.bump = "patch";
  CHECK_THAT(p.plan_with(), Contains("1.2.1 (explicit patch, maintenance line 1.2.x;"));
}

TEST_CASE("histories: a maintenance major line takes a minor", "[version][histories][git]") {
  Planning p("maintenance_branches = [\"release/*.x\"]\n");
  p.project.git("switch -q -c release/1.x");
  p.project.git("switch -q main");
  p.project.commit("feat!: 2.0 only");
  p.project.git("tag -a code-v2.0.0 -m 2.0.0");
  p.project.git("switch -q release/1.x");
  CHECK_THAT(p.plan_with(), Contains("1.3.0 (minor, maintenance line 1.x;"));
}

TEST_CASE("histories: a squash merge with a bulleted BREAKING CHANGE is a major release",
          "[version][histories][git]") {
  Planning p;
  p.project.commit(
      "fix: handle timeouts (#812)\n\n* fix: retry on 503\n\n"
      "* BREAKING CHANGE: Node 14 is no longer supported",
      "src/timeouts.txt");
  CHECK_THAT(p.plan_with(), Contains("2.0.0 (major;"));
  CHECK_THAT(p.plan.packages[0].changelog_section,
             Contains("### Breaking changes\n\n- handle timeouts (#812)"));
  CHECK_THAT(p.warnings(), Contains("a bulleted or indented `BREAKING CHANGE:` was read as a "
                                    "footer"));
}

TEST_CASE("histories: a revert of a revert ships the feature", "[version][histories][git]") {
  Planning p;
  p.project.git("reset -q --hard code-v1.2.0");
  p.project.commit("feat(ui): dark mode");
  p.project.git("revert --no-edit HEAD >/dev/null");
  p.project.git("revert --no-edit HEAD >/dev/null");
  CHECK(p.plan_with() == "1.3.0 (minor; 1 commit since code-v1.2.0)");
  CHECK_THAT(p.plan.packages[0].changelog_section, Contains("### Features\n\n- **ui:** dark mode"));
  CHECK_THAT(p.plan.packages[0].changelog_section, !Contains("Revert"));
}

TEST_CASE("histories: a revert naming a pre-rebase id still cancels a breaking change",
          "[version][histories][git]") {
  Planning p;
  p.project.git("reset -q --hard code-v1.2.0");
  p.project.commit("chore!: drop the old config");
  p.project.commit(
      "Revert \"chore!: drop the old config\"\n\nThis reverts commit "
      "0123456789abcdef0123456789abcdef01234567.",
      "src/config.txt");
  p.project.commit("fix: typo");
  CHECK(p.plan_with() == "1.2.1 (patch; 1 commit since code-v1.2.0)");
  CHECK_THAT(p.plan.packages[0].changelog_section, !Contains("Breaking"));
}

TEST_CASE("histories: a hand-started prerelease line is continued with --pre",
          "[version][histories][git]") {
  Planning p;
  p.project.git("tag -a code-v2.0.0-alpha.1 -m alpha");  // by hand, on top of two small commits
  p.project.commit("fix: alpha feedback");
  p.plan.pre = "alpha";
  REQUIRE_THAT(p.plan_with(), Contains("2.0.0-alpha.2 ("));
  CHECK(p.plan.packages[0].previous_tag == "code-v2.0.0-alpha.1");

  p.plan.pre.clear();
  CHECK_THAT(p.plan_with(), Contains("2.0.0 (minor; 3 commits since code-v1.2.0)"));
}

TEST_CASE("histories: prerelease numbers may start at 0", "[version][histories][git]") {
  Planning p("prerelease_start = 0\n");
  p.plan.pre = "rc";
  CHECK_THAT(p.plan_with(), Contains("1.3.0-rc.0 ("));
}

TEST_CASE("histories: an explicit bump is named as explicit", "[version][histories][git]") {
  Planning p;
  p.plan.bump = "major";
  CHECK(p.plan_with() == "2.0.0 (explicit major; 2 commits since code-v1.2.0)");
}

TEST_CASE("histories: tags of another template are named, not ignored in silence",
          "[version][histories][git]") {
  Planning p("", /*seed=*/false);
  p.project.git("tag -a v1.8.0 -m old");
  p.project.commit("feat: more");
  p.project.git("tag -a v1.9.0 -m old");
  p.project.commit("fix: later");
  p.plan_with();
  CHECK_THAT(p.warnings(),
             Contains("no tag matches code_release.tag = \"code-v{version}\", but 2 tags look "
                      "like releases (newest v1.9.0): set tag = \"v{version}\" in [code_release]"));
  // With that template the history is continued.
  write_file(p.project.work() / "relctl.toml",
             read_file(p.project.work() / "relctl.toml") + "tag = \"v{version}\"\n");
  CHECK(p.plan_with() == "1.9.1 (patch; 1 commit since v1.9.0)");
  CHECK(p.warnings().empty());
}

TEST_CASE("histories: in a monorepo each package gets the commits touching its paths",
          "[version][histories][git]") {
  Planning p(R"(
[[packages]]
name = "api"
path = "packages/api"
version_files = [{ path = "packages/api/VERSION", pattern = "{version}" }]

[[packages]]
name = "web"
path = ["packages/web", "shared/web-*.css"]
tag = "{name}@{version}"
)",
             /*seed=*/false);
  write_file(p.project.work() / "packages/api/VERSION", "1.0.0\n");
  p.project.git("add -A && git commit -q -m 'chore: packages'");
  p.project.git("tag -a api-v1.0.0 -m api && git tag -a web@0.4.0 -m web");
  p.project.commit("feat(api): search", "packages/api/search.py", "x\n");
  p.project.commit("fix(web): layout", "shared/web-main.css", "y\n");
  p.project.commit("docs: root readme", "README.md", "z\n");
  CHECK(p.plan_with() ==
        "api 1.1.0 (minor; 1 commit since api-v1.0.0), web 0.4.1 (patch; 1 "
        "commit since web@0.4.0)");
  REQUIRE(p.plan.packages.size() == 2);
  CHECK(p.plan.version.empty());
  CHECK(p.plan.packages[0].tag == "api-v1.1.0");
  CHECK(p.plan.packages[0].changelog == "packages/api/CHANGELOG.md");
  CHECK_THAT(p.plan.packages[0].changelog_section, Contains("search") && !Contains("layout"));
  CHECK(p.plan.packages[1].tag == "web@0.4.1");
  CHECK(p.ctx.release.tags == std::vector<std::string>{"api-v1.1.0", "web@0.4.1"});

  // Only the packages with changes, or the one asked for.
  p.project.git("tag -a api-v1.1.0 -m api");
  CHECK(p.plan_with() == "web 0.4.1 (patch; 1 commit since web@0.4.0)");
  p.plan.package = "api";
  CHECK_THROWS_WITH(p.plan_with(), Contains("nothing to release"));
  p.plan.package = "nope";
  CHECK_THROWS_WITH(p.plan_with(), Contains("no such package") && Contains("api, web"));
}
