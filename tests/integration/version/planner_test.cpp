// The code-release planner on real repositories: a release from HEAD, a
// hotfix from a tag, and finalizing a release merged after review.

#include <catch2/catch.hpp>

#include "integration/version/planning.hpp"
#include "relctl/core/error.hpp"

using namespace relctl;
using namespace relctl::test;
using Catch::Matchers::Contains;

TEST_CASE("planner from HEAD: the bump from the commits since the last release",
          "[version][planner][git]") {
  Planning p;
  const std::string summary = p.plan_with({});
  CHECK(summary == "1.3.0 (minor; 2 commits since code-v1.2.0)");
  CHECK(p.plan.version == "1.3.0");
  REQUIRE(p.plan.packages.size() == 1);
  CHECK(p.plan.packages[0].previous_tag == "code-v1.2.0");
  CHECK(p.plan.branch == "main");
  CHECK(p.plan.new_branch.empty());
  CHECK_THAT(p.plan.packages[0].changelog_section,
             Contains("## 1.3.0 - 2026-11-22") && Contains("add search") && Contains("crash"));
  REQUIRE(p.plan.tags.size() == 1);
  CHECK(p.plan.tags[0].name == "code-v1.3.0");
  CHECK(p.ctx.release.tags == std::vector<std::string>{"code-v1.3.0"});
}

TEST_CASE("planner from HEAD in pr mode: a release branch from HEAD, tagged later",
          "[version][planner][git]") {
  Planning p("mode = \"pr\"\n");
  p.plan_with({});
  CHECK(p.plan.branch == "release/v1.3.0");
  CHECK(p.plan.new_branch == "release/v1.3.0");
  CHECK(p.plan.new_branch_from == p.head());
  CHECK(p.ctx.release.tags.empty());
}

TEST_CASE("planner for a hotfix: the next free patch on a branch cut from the tag",
          "[version][planner][git]") {
  Planning p;
  const std::string tag_commit = p.project.git("rev-list -n1 code-v1.2.0").substr(0, 40);
  p.plan.hotfix_from = "code-v1.2.0";
  release::CodeFlags hotfix;
  hotfix.hotfix = true;
  const std::string summary = p.plan_with(hotfix);
  CHECK(summary == "1.2.1 (hotfix; 0 commits since code-v1.2.0)");
  CHECK(p.plan.branch == "hotfix/v1.2.1");
  CHECK(p.plan.new_branch == "hotfix/v1.2.1");
  CHECK(p.plan.new_branch_from == tag_commit);
  CHECK(p.ctx.release.tags == std::vector<std::string>{"code-v1.2.1"});

  // A hotfix branch that exists but is not checked out is refused.
  Planning again;
  again.project.git("branch hotfix/v1.2.1 code-v1.2.0");
  again.plan.hotfix_from = "code-v1.2.0";
  CHECK_THROWS_WITH(again.plan_with(hotfix), Contains("exists but is not checked out"));
  Planning unknown;
  unknown.plan.hotfix_from = "code-v9.9.9";
  CHECK_THROWS_WITH(unknown.plan_with(hotfix), Contains("no such release tag"));
}

TEST_CASE("planner for --finalize: the merged commit must carry the version",
          "[version][planner][git]") {
  Planning p("mode = \"pr\"\n");
  p.project.commit("chore(release): 1.3.0", "CHANGELOG.md",
                   "# Changelog\n\n## 1.3.0 - 2026-11-22\n\n- search\n\n"
                   "## 1.2.0 - 2026-01-01\n\n- first\n");
  release::CodeFlags finalize;
  finalize.finalize = true;
  // The changelog has the section, but pyproject.toml still says 1.2.0.
  CHECK_THROWS_WITH(p.plan_with(finalize), Contains("does not carry 1.3.0"));

  p.project.commit("chore(release): bump", "pyproject.toml",
                   "[project]\nname = \"demo\"\nversion = \"1.3.0\"\n");
  const std::string summary = p.plan_with(finalize);
  CHECK_THAT(summary, Contains("finalize 1.3.0: ") &&
                          Contains("carries its changelog section and version files"));
  CHECK(p.plan.version == "1.3.0");
  CHECK(p.plan.branch == "main");
  CHECK(p.plan.new_branch.empty());
  CHECK(p.ctx.release.tags == std::vector<std::string>{"code-v1.3.0"});
}
