// A run killed half-way (kill -9 between its first change and the push):
// the next run refuses, naming it and saying `abandoned`; the ledger says
// `abandoned`; `relctl recover` puts everything back, or completes the
// local side when the remote already has the release.

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/data_repo.hpp"
#include "support/git_project.hpp"
#include "support/json_schema.hpp"

using namespace relctl::test;
using Catch::Contains;

namespace {

// Refs, HEAD, the index's bytes and every work tree file: all a recovery
// puts back (objects the killed run wrote stay, unreachable, for git gc).
std::string local_state(const GitProject& p) {
  std::string s = p.full_state();
  const auto from = s.find("\n--- objects\n");
  const auto to = s.find("\n--- files\n");
  return s.erase(from, to - from);
}

// Runs `args` and kills it with `signal` once it reaches `gate`.
ProcessResult killed_before(const GitProject& p, const std::vector<std::string>& args,
                            const std::string& gate, int signal = SIGKILL) {
  const fs::path marker = p.root() / "paused";
  fs::remove(marker);
  RunOptions o;
  o.env = {{"RELCTL_TEST", "1"},
           {"RELCTL_TEST_PAUSE_BEFORE", gate},
           {"RELCTL_TEST_PAUSE_FILE", marker.string()}};
  o.signal_when = [marker] { return fs::exists(marker); };
  o.signal = signal;
  return p.relctl(args, o);
}

// The one journal a killed run left: its run id.
std::string abandoned_run(const fs::path& work) {
  std::vector<std::string> ids;
  for (const auto& e : fs::directory_iterator(work / ".relctl" / "journal")) {
    if (e.path().extension() == ".jsonl") ids.push_back(e.path().stem().string());
  }
  REQUIRE(ids.size() == 1);
  return ids[0];
}

std::string status_in_history(const GitProject& p, const std::string& run) {
  const auto h = p.relctl({"history", "--json"});
  const auto doc = nlohmann::json::parse(h.out);
  for (const auto& r : doc["runs"]) {
    if (r["run_id"] == run) return r["status"];
  }
  return "(not in the ledger)";
}

}  // namespace

TEST_CASE("kill -9 before the push: the next run refuses, recover puts everything back",
          "[e2e][git][safety][recover]") {
  GitProject p;
  const std::string before = local_state(p);
  const std::string origin_before = p.refs_state(p.origin());

  const auto killed = killed_before(p, {"code-release"}, "git.push");
  REQUIRE(killed.exit_code == 128 + SIGKILL);
  CHECK_FALSE(p.git("tag -l code-v1.3.0").empty());  // tagged, not pushed
  const std::string run = abandoned_run(p.work());

  const auto next = p.relctl({"code-release"});
  INFO(output(next));
  CHECK(next.exit_code == 1);
  CHECK_THAT(next.err, Contains("run " + run));
  CHECK_THAT(next.err, Contains("abandoned"));
  CHECK_THAT(next.err, Contains("tag code-v1.3.0 created at"));
  CHECK_THAT(next.err, Contains("branch main moved from"));
  CHECK_THAT(next.err, Contains("CHANGELOG.md modified"));
  CHECK_THAT(next.err, Contains("pyproject.toml modified"));
  CHECK_THAT(next.err, Contains("relctl recover"));
  CHECK(status_in_history(p, run) == "abandoned");

  // A dry run only warns; recover --dry-run changes nothing.
  const auto preview = p.relctl({"code-release", "--dry-run"});
  CHECK_THAT(preview.err, Contains("run " + run));
  const std::string killed_state = local_state(p);
  const auto plan = p.relctl({"recover", "--dry-run"});
  INFO(output(plan));
  CHECK(plan.exit_code == 0);
  CHECK_THAT(plan.out, Contains("would undo"));
  CHECK_THAT(plan.out, Contains("delete tag code-v1.3.0"));
  CHECK(local_state(p) == killed_state);

  const auto recovered = p.relctl({"recover"});
  INFO(output(recovered));
  CHECK(recovered.exit_code == 0);
  CHECK(local_state(p) == before);
  CHECK(p.refs_state(p.origin()) == origin_before);
  CHECK(status_in_history(p, run) == "recovered");
  CHECK_FALSE(fs::exists(p.work() / ".relctl" / "journal" / (run + ".jsonl")));

  const auto again = p.relctl({"recover"});
  CHECK(again.exit_code == 0);
  CHECK_THAT(again.out, Contains("nothing to recover"));

  const auto release = p.relctl({"code-release"});
  INFO(output(release));
  CHECK(release.exit_code == 0);
  CHECK_FALSE(p.git("ls-remote --tags origin code-v1.3.0").empty());
}

TEST_CASE("kill -9 in the build phase: recover puts the changelog and version files back",
          "[e2e][git][safety][recover]") {
  GitProject p(R"(
[[gates.command]]
id = "build"
run = ["true"]
phase = "build"
)");
  const std::string before = local_state(p);
  const auto killed = killed_before(p, {"code-release"}, "command.build");
  REQUIRE(killed.exit_code == 128 + SIGKILL);
  CHECK(read_file(p.work() / "pyproject.toml").find("1.3.0") != std::string::npos);
  const std::string run = abandoned_run(p.work());

  const auto recovered = p.relctl({"recover", "--json"});
  INFO(output(recovered));
  CHECK(recovered.exit_code == 0);
  const auto doc = nlohmann::json::parse(recovered.out);
  CHECK(schema_errors(relctl_schema(), doc).empty());
  REQUIRE(doc["runs"].size() == 1);
  CHECK(doc["runs"][0]["run_id"] == run);
  CHECK(doc["runs"][0]["outcome"] == "undone");
  CHECK(local_state(p) == before);
}

TEST_CASE("kill -9 after the remote got the release: recover keeps it and exits 0",
          "[e2e][git][safety][recover]") {
  GitProject p;
  const auto killed = killed_before(p, {"code-release"}, "git.push");
  REQUIRE(killed.exit_code == 128 + SIGKILL);
  const std::string run = abandoned_run(p.work());
  const std::string tagged = p.git("rev-parse code-v1.3.0");
  // The push went through before the process died.
  p.git("push -q origin main code-v1.3.0");

  const auto recovered = p.relctl({"recover"});
  INFO(output(recovered));
  CHECK(recovered.exit_code == 0);
  CHECK_THAT(recovered.out, Contains("completed"));
  CHECK(p.git("rev-parse code-v1.3.0") == tagged);
  CHECK(p.git("rev-parse main") == p.git("rev-parse origin/main"));
  CHECK(p.git("status --porcelain").empty());
  CHECK(status_in_history(p, run) == "passed");
  CHECK(p.relctl({"code-release", "--dry-run"}).exit_code == 0);
}

TEST_CASE("kill -9 of a data release in review: recover deletes its branch and returns to main",
          "[e2e][data][safety][recover]") {
  data::DataRepo repo(data::data_release_toml("pr"));
  const auto before = data::capture(repo);
  const fs::path marker = repo.work() / ".." / "paused";
  RunOptions o;
  o.env = {{"RELCTL_TEST", "1"},
           {"RELCTL_TEST_PAUSE_BEFORE", "git.push"},
           {"RELCTL_TEST_PAUSE_FILE", marker.string()}};
  o.signal_when = [marker] { return fs::exists(marker); };
  o.signal = SIGKILL;
  const auto killed = repo.relctl_with({"data-release", "--date", "20261122"}, o);
  REQUIRE(killed.exit_code == 128 + SIGKILL);
  CHECK(repo.git("git branch --show-current") == "data-release/20261122\n");

  const auto next = repo.relctl({"data-release", "--date", "20261122"});
  INFO(output(next));
  CHECK(next.exit_code == 1);
  CHECK_THAT(next.err, Contains("abandoned"));
  CHECK_THAT(next.err, Contains("branch data-release/20261122 created at"));
  CHECK_THAT(next.err, Contains("HEAD on data-release/20261122"));

  const auto recovered = repo.relctl({"recover"});
  INFO(output(recovered));
  CHECK(recovered.exit_code == 0);
  const auto after = data::capture(repo);
  CHECK(after.refs == before.refs);
  CHECK(after.head == before.head);
  CHECK(after.index == before.index);
  CHECK(after.files == before.files);
  CHECK(after.origin_refs == before.origin_refs);
  CHECK(repo.relctl({"data-release", "--date", "20261122"}).exit_code == 0);
}
