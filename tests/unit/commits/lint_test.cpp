// The commit rules: Conventional Commits 1.0.0 plus the project's types and scopes.

#include <catch2/catch.hpp>

#include "gates/commits/lint.hpp"
#include "relctl/gates/commits.hpp"

using namespace relctl;
using gates::commits::strip_comments;

namespace {

std::vector<std::string> lint(const std::string& message, const config::Config* cfg = nullptr) {
  return gates::lint_message(cfg, message);
}

}  // namespace

TEST_CASE("lint: Conventional Commits plus the configured types and scopes", "[unit][lint]") {
  CHECK(lint("feat(api)!: drop v1\n\nBREAKING CHANGE: v1 is gone\n").empty());
  CHECK(lint("Fix: case does not matter").empty());
  CHECK(lint("Merge branch 'x' into main").empty());
  CHECK(lint("Revert \"feat: x\"\n\nThis reverts commit 0123456789abcdef.\n").empty());
  CHECK(lint("chore(release): 1.3.0\n\nRelctl-Version: 1.3.0\n").empty());

  CHECK_THAT(lint("update readme").at(0), Catch::Contains("does not start with a type"));
  CHECK_THAT(lint("fix:no space").at(0), Catch::Contains("followed by a space"));
  CHECK_THAT(lint("fix(): x").at(0), Catch::Contains("scope in '()' is empty"));
  CHECK_THAT(lint("feature: x").at(0), Catch::Contains("the type 'feature' is not allowed"));
  CHECK_THAT(lint("fix: x\nno blank line").at(0), Catch::Contains("one blank line"));
  CHECK_THAT(lint("feat: x\n\nBREAKING CHANGES: plural").at(0), Catch::Contains("plural"));

  // Types from the changelog and commit_types; scopes only when listed.
  config::Config cfg;
  cfg.code_release = config::CodeRelease{};
  cfg.code_release->commit_types = {"Deps"};
  cfg.code_release->commit_scopes = {"api"};
  CHECK(lint("deps: bump", &cfg).empty());
  CHECK(lint("data: refresh", &cfg).empty());  // changelog_hide names it
  CHECK(lint("fix(api): x", &cfg).empty());
  CHECK_THAT(lint("fix(web): x", &cfg).at(0), Catch::Contains("scope 'web' is not allowed"));

  // What git hands a commit-msg hook: comments and the scissors' tail go.
  CHECK(strip_comments("\nfix: x\n# Please enter\n\nbody\n# ------------------------ >8 "
                       "------------------------\ndiff --git\n") == "fix: x\n\nbody");
  CHECK(lint("fix: x\n# a comment right under the header\n").empty());
}
