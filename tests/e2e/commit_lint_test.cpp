// Commit linting: the commits.conventional gate of code-release, relctl
// check commits [RANGE] for CI, relctl lint-message FILE|- for hooks.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/git_project.hpp"

using namespace relctl::test;

TEST_CASE("check commits lists each non-conventional commit with its id and the rule it breaks",
          "[e2e][git][lint]") {
  GitProject p("commit_scopes = [\"search\", \"api\"]\n");
  const auto clean = p.relctl({"check", "commits"});
  INFO(output(clean));
  CHECK(clean.exit_code == 0);
  CHECK_THAT(clean.out, Catch::Contains("2 commits in code-v1.2.0..HEAD follow"));

  p.commit("Update stuff");
  p.commit("feature: a new thing");
  p.commit("fix(web): wrong scope");
  p.git("push -q origin main");
  const std::string bad_id = p.git("rev-parse HEAD~2").substr(0, 12);
  const std::string before = p.full_state();

  const auto r = p.relctl({"check", "commits"});
  INFO(output(r));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Catch::Contains(bad_id + " Update stuff\n    it does not start with a type"));
  CHECK_THAT(r.out, Catch::Contains("the type 'feature' is not allowed"));
  CHECK_THAT(r.out, Catch::Contains("the scope 'web' is not allowed (allowed: search, api"));
  CHECK_THAT(r.out, Catch::Contains("3 of 5 commits in code-v1.2.0..HEAD are not conventional"));

  // An explicit range, and --json for CI.
  const auto old = p.relctl({"check", "commits", "code-v1.2.0..HEAD~3"});
  INFO(output(old));
  CHECK(old.exit_code == 0);
  const auto json = p.relctl({"check", "commits", "HEAD~1..HEAD", "--json"});
  INFO(output(json));
  CHECK(json.exit_code == 1);
  const auto doc = nlohmann::json::parse(json.out);
  CHECK(doc["status"] == "failed");
  CHECK(doc["exit_code"] == 1);
  CHECK(doc["checked"] == 1);
  CHECK(doc["commits"][0]["header"] == "fix(web): wrong scope");
  const auto one = p.relctl({"check", "commits", "HEAD~1..HEAD"});
  INFO(output(one));
  CHECK_THAT(one.out,
             Catch::Contains("1 of 1 commit in HEAD~1..HEAD is not conventional (exit 1)"));
  const auto typo = p.relctl({"check", "commits", "nope..HEAD"});
  CHECK(typo.exit_code == 2);
  CHECK_THAT(typo.err, Catch::Contains("'nope'"));

  // The gate in code-release warns by default and fails when configured so.
  const auto dry = p.relctl({"code-release", "--dry-run"});
  INFO(output(dry));
  CHECK(dry.exit_code == 0);
  CHECK_THAT(dry.out,
             Catch::Contains("warned  commits.conventional") &&
                 Catch::Contains("3 of 5 commits in code-v1.2.0..HEAD are not conventional"));
  CHECK(p.full_state() == before);
}

TEST_CASE("lint_commits = error makes commits.conventional fail the release", "[e2e][git][lint]") {
  GitProject p("lint_commits = \"error\"\n");
  p.commit("wip");
  p.git("push -q origin main");
  const std::string before = p.full_state();
  const auto r = p.relctl({"code-release", "--dry-run"});
  INFO(output(r));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Catch::Contains("failed  commits.conventional"));
  CHECK_THAT(r.out, Catch::Contains("1 of 3 commits in code-v1.2.0..HEAD is not conventional"));
  CHECK(p.full_state() == before);
}

TEST_CASE("commits.conventional lists the first 100 bad commits in its details, check all",
          "[e2e][git][lint]") {
  GitProject p;
  for (int i = 1; i <= 103; ++i)
    p.git("commit -q --allow-empty -m 'wip " + std::to_string(i) + "'");
  p.git("push -q origin main");
  const auto dry = p.relctl({"code-release", "--dry-run", "--json"});
  INFO(output(dry));
  CHECK(dry.exit_code == 0);
  nlohmann::json gate;
  const auto doc = nlohmann::json::parse(dry.out);
  for (const auto& g : doc["gates"]) {
    if (g["id"] == "commits.conventional") gate = g;
  }
  REQUIRE(gate.is_object());
  CHECK(gate["status"] == "warned");
  CHECK_THAT(gate["message"].get<std::string>(), Catch::Contains("103 of 105 commits"));
  CHECK_THAT(gate["message"].get<std::string>(), Catch::Contains("and 93 more"));
  CHECK(gate["details"]["checked"] == 105);
  CHECK(gate["details"]["commits"].size() == 100);
  CHECK(gate["details"]["not_listed"] == 3);
  CHECK(gate["details"]["commits"][0]["header"] == "wip 103");
  // The debug log keeps details up to 4 KiB and points to the ledger for more.
  const auto log = p.relctl({"history", doc["run_id"].get<std::string>(), "--log"});
  INFO(output(log));
  CHECK_THAT(log.out, Catch::Contains("bytes, in the ledger row and --json; the first 4096"));

  const auto all = p.relctl({"check", "commits", "--json"});
  CHECK(all.exit_code == 1);
  CHECK(nlohmann::json::parse(all.out)["commits"].size() == 103);
}

TEST_CASE("lint-message checks a commit-msg file or stdin", "[e2e][lint]") {
  GitProject p("commit_types = [\"deps\"]\n", /*seed=*/false);
  write_file(p.work() / "MSG", "deps: bump libgit2\n\n# Please enter the commit message\n");
  const auto ok = p.relctl({"lint-message", "MSG"});
  INFO(output(ok));
  CHECK(ok.exit_code == 0);

  RunOptions title;
  title.stdin_text = "Fix the thing";
  const auto bad = p.relctl({"lint-message", "-"}, title);
  INFO(output(bad));
  CHECK(bad.exit_code == 1);
  CHECK_THAT(bad.err, Catch::Contains("does not start with a type"));

  write_file(p.work() / "MSG", "fix: x\nbody without a blank line\n");
  const auto body = p.relctl({"lint-message", "MSG"});
  CHECK(body.exit_code == 1);
  CHECK_THAT(body.err, Catch::Contains("blank line"));

  const auto missing = p.relctl({"lint-message", "NOPE"});
  CHECK(missing.exit_code == 2);
}
