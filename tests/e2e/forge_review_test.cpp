// Pull requests, --finalize's merge check and preview comments end to end,
// against a local GitHub.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/forge_project.hpp"

using namespace relctl::test;
using Catch::Matchers::Contains;
using nlohmann::json;

TEST_CASE("pr mode opens the pull request, --finalize waits for its merge and checks",
          "[e2e][forge]") {
  ForgeProject f(ForgeServer::Kind::github, "mode = \"pr\"\n",
                 "labels = [\"release\"]\nreviewers = [\"alice\"]\nrequire_checks = true\n");
  const auto r = f.relctl({"code-release"});
  INFO(output(r));
  REQUIRE(r.exit_code == 0);
  const auto pulls = f.server.matching("POST /repos/acme/widgets/pulls");
  REQUIRE(pulls.size() == 1);
  const json body = pulls[0].json();
  CHECK(body["title"] == "Release code-v1.3.0");
  CHECK(body["head"] == "release/v1.3.0");
  CHECK(body["base"] == "main");
  CHECK_THAT(body["body"].get<std::string>(), Contains("### Features"));
  CHECK_THAT(body["body"].get<std::string>(), Contains("relctl code-release --finalize"));
  CHECK(f.server.matching("POST /repos/acme/widgets/issues/1/labels").size() == 1);
  CHECK(f.server.matching("POST /repos/acme/widgets/pulls/1/requested_reviewers").size() == 1);
  CHECK_THAT(r.out, Contains("Pull request: " + f.server.api_url() + "/acme/widgets/pull/1"));
  CHECK(f.server.matching("POST /repos/acme/widgets/releases").empty());

  // The reviewers merge it (here: by hand, outside the forge).
  f.project.git(
      "checkout -q main && git merge -q --no-ff release/v1.3.0 -m 'Merge release' && "
      "git push -q origin main");
  const std::string merge = f.project.git("rev-parse HEAD").substr(0, 40);

  // The forge still says open: nothing is tagged.
  auto fin = f.relctl({"code-release", "--finalize"});
  INFO(output(fin));
  CHECK(fin.exit_code == 1);
  CHECK_THAT(fin.out, Contains("failed  forge.merged"));
  CHECK_THAT(fin.out, Contains("no merged GitHub request from release/v1.3.0 into main"));
  CHECK(f.project.git("tag -l code-v1.3.0").empty());

  // Merged, but a check failed.
  f.server.with_state([&](json& s) {
    auto& p = s["pulls"][0];
    p["state"] = "closed";
    p["merged_at"] = "2026-11-22T10:00:00Z";
    p["merge_commit_sha"] = merge;
    s["check_runs"]["0123456789abcdef"] =
        json::array({{{"name", "tests"}, {"status", "completed"}, {"conclusion", "failure"}},
                     {{"name", "lint"}, {"status", "completed"}, {"conclusion", "success"}}});
  });
  fin = f.relctl({"code-release", "--finalize"});
  INFO(output(fin));
  CHECK(fin.exit_code == 1);
  CHECK_THAT(fin.out, Contains("the checks of #1 did not all pass: failed: tests (failure)"));
  CHECK(f.project.git("tag -l code-v1.3.0").empty());

  // Green: tagged, pushed, released.
  f.server.with_state(
      [](json& s) { s["check_runs"]["0123456789abcdef"][0]["conclusion"] = "success"; });
  fin = f.relctl({"code-release", "--finalize"});
  INFO(output(fin));
  CHECK(fin.exit_code == 0);
  CHECK_THAT(fin.out, Contains("#1 merged as " + merge.substr(0, 7)));
  CHECK(f.project.git("cat-file -t code-v1.3.0", f.project.origin()) == "tag\n");
  const auto created = f.server.matching("POST /repos/acme/widgets/releases");
  REQUIRE(created.size() == 1);
  CHECK_THAT(created[0].json()["body"].get<std::string>(), Contains("### Features"));
  CHECK(f.server.matching("POST /repos/acme/widgets/releases/").size() == 2);
}

TEST_CASE("preview: --comment posts one sticky preview on the pull request and updates it",
          "[e2e][forge]") {
  ForgeProject f(ForgeServer::Kind::github, "", "comment_previews = true\n");
  f.server.set_page_size(2);
  f.server.with_state([](json& s) {
    auto& list = s["comments"]["3"] = json::array();
    for (int i = 1; i <= 3; ++i) {
      list.push_back({{"id", i}, {"body", "looks good"}, {"user", {{"login", "reviewer"}}}});
    }
  });
  const fs::path event = f.project.root() / "event.json";
  write_file(event, R"({"action":"synchronize","pull_request":{"number":3}})");
  RunOptions o;
  o.env["GITHUB_EVENT_PATH"] = event.string();

  const std::string before = f.project.full_state();
  auto r = f.relctl({"code-release", "--dry-run", "--comment"}, o);
  INFO(output(r));
  CHECK(r.exit_code == 0);
  CHECK(f.project.full_state() == before);
  auto writes = f.server.writes();
  REQUIRE(writes.size() == 1);
  CHECK(writes[0].line() == "POST /repos/acme/widgets/issues/3/comments");
  const std::string comment = writes[0].json()["body"];
  CHECK_THAT(comment, Catch::StartsWith("<!-- relctl:preview code-release -->\n"));
  CHECK_THAT(comment, Contains("Version: **1.3.0**"));
  CHECK_THAT(comment, Contains("### Features"));
  CHECK_THAT(comment, Contains("| planned | `git.tag` |"));
  CHECK_THAT(comment, !Contains(ForgeServer::token));
  CHECK_THAT(r.out, Contains("Posted the preview on #3"));

  // The next run finds it (on the second page) and replaces it.
  r = f.relctl({"code-release", "--dry-run", "--comment"}, o);
  INFO(output(r));
  CHECK(r.exit_code == 0);
  writes = f.server.writes();
  REQUIRE(writes.size() == 2);
  CHECK_THAT(writes[1].line(), Catch::StartsWith("PATCH /repos/acme/widgets/issues/comments/"));
  CHECK(f.server.state()["comments"]["3"].size() == 4);

  // Under CI, comment_previews = true comments without the flag.
  RunOptions ci;
  ci.env = {{"GITHUB_ACTIONS", "true"}, {"GITHUB_REF", "refs/pull/3/merge"}};
  r = f.relctl({"code-release", "--dry-run"}, ci);
  INFO(output(r));
  CHECK(r.exit_code == 0);
  CHECK(f.server.writes().size() == 3);
  CHECK(f.server.state()["comments"]["3"].size() == 4);

  // --comment is for dry runs, and needs a pull request.
  r = f.relctl({"code-release", "--comment"}, o);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("add --dry-run"));
  r = f.relctl({"code-release", "--dry-run", "--comment"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("belongs to no pull request"));
  CHECK(f.server.writes().size() == 3);
}
