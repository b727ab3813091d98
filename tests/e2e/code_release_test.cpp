// relctl code-release end to end: the built binary against real temporary
// repositories with a bare origin.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/git_project.hpp"

using namespace relctl::test;

namespace {

void check_failed_with(const ProcessResult& r, const std::string& gate, const std::string& text) {
  INFO(output(r));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Catch::Contains("failed  " + gate));
  CHECK_THAT(r.out, Catch::Contains(text));
}

}  // namespace

TEST_CASE("code-release in direct mode makes one commit and one annotated tag on origin",
          "[e2e][git]") {
  GitProject p;
  const std::string origin_count = p.git("rev-list --count main", p.origin());

  const auto r = p.relctl({"code-release", "--json"});
  INFO(output(r));
  REQUIRE(r.exit_code == 0);
  const auto doc = nlohmann::json::parse(r.out);
  CHECK(doc["status"] == "passed");
  CHECK(doc["release"]["tags"] == nlohmann::json::array({"code-v1.3.0"}));
  CHECK(doc["release"]["version"] == "1.3.0");
  CHECK(doc["release"]["branch"] == "main");
  const std::string commit = doc["release"]["commit"];

  // Exactly one new commit on origin's main, tagged with an annotated tag.
  CHECK(std::stoi(p.git("rev-list --count main", p.origin())) == std::stoi(origin_count) + 1);
  CHECK(p.git("rev-parse main", p.origin()) == commit + "\n");
  CHECK(p.git("cat-file -t code-v1.3.0", p.origin()) == "tag\n");
  CHECK(p.git("rev-parse code-v1.3.0^{commit}", p.origin()) == commit + "\n");
  CHECK(p.git("show --name-only --format= main", p.origin()) == "CHANGELOG.md\npyproject.toml\n");

  const std::string message = p.git("log -1 --format=%B main", p.origin());
  CHECK_THAT(message, Catch::StartsWith("chore(release): 1.3.0\n\n"));
  CHECK_THAT(message, Catch::Contains("Relctl-Run: " + doc["run_id"].get<std::string>()));
  CHECK_THAT(message, Catch::Contains("Relctl-Version: 1.3.0"));

  const std::string tag = p.git("tag -l --format='%(contents)' code-v1.3.0", p.origin());
  CHECK_THAT(tag, Catch::Contains("## 1.3.0 - "));
  CHECK_THAT(tag, Catch::Contains("### Features\n\n- **search:** add search ("));
  CHECK_THAT(tag, Catch::Contains("### Fixes\n\n- crash on empty input ("));
  CHECK_THAT(tag, Catch::Contains("Relctl-Version: 1.3.0"));

  const std::string changelog = read_file(p.work() / "CHANGELOG.md");
  CHECK_THAT(changelog, Catch::StartsWith("# Changelog\n\n## 1.3.0 - "));
  CHECK_THAT(changelog, Catch::Contains("## 1.2.0 - 2026-01-01"));
  CHECK_THAT(read_file(p.work() / "pyproject.toml"), Catch::Contains("version = \"1.3.0\""));
  CHECK(p.git("status --porcelain").empty());

  // Nothing new: a second release has nothing to release, which is no
  // failure (a CI job on every push stays green), and changes nothing.
  const std::string state = p.full_state();
  const auto again = p.relctl({"code-release"});
  INFO(output(again));
  CHECK(again.exit_code == 0);
  CHECK_THAT(again.out,
             Catch::Contains("passed  version.next") &&
                 Catch::Contains("nothing to release since code-v1.3.0: no commits since it; ") &&
                 Catch::Contains("(exit 0)"));
  CHECK(p.full_state() == state);
  const auto dry = p.relctl({"code-release", "--dry-run", "--json"});
  CHECK(dry.exit_code == 0);
  CHECK(nlohmann::json::parse(dry.out)["status"] == "nothing-to-release");
  // --require-changes: a job that must release fails instead.
  const auto strict = p.relctl({"code-release", "--require-changes"});
  check_failed_with(strict, "version.next", "nothing to release since code-v1.3.0");
  CHECK_THAT(strict.out, Catch::Contains("hint: --require-changes makes this a failure"));
  CHECK(p.full_state() == state);
  // The ledger records each run as it ended.
  const auto ledger = nlohmann::json::parse(p.relctl({"history", "--json", "--limit", "3"}).out);
  CHECK(ledger["runs"][0]["status"] == "failed");
  CHECK(ledger["runs"][0]["exit_code"] == 1);
  CHECK(ledger["runs"][1]["status"] == "nothing-to-release");
  CHECK(ledger["runs"][2]["status"] == "nothing-to-release");
  CHECK(ledger["runs"][2]["exit_code"] == 0);
  CHECK(ledger["runs"][2]["dry_run"] == false);
}

TEST_CASE("code-release --dry-run changes nothing and plans with concrete values", "[e2e][git]") {
  GitProject p;
  const std::string before = p.full_state();
  const std::string head = p.git("rev-parse --short=7 HEAD");

  const auto r = p.relctl({"code-release", "--dry-run"});
  INFO(output(r));
  CHECK(r.exit_code == 0);
  CHECK(p.full_state() == before);
  CHECK_THAT(r.out, Catch::Contains("1.3.0 (minor; 2 commits since code-v1.2.0)"));
  CHECK_THAT(r.out, Catch::Contains("would prepend the 1.3.0 section (2 entries) to CHANGELOG.md"));
  CHECK_THAT(r.out, Catch::Contains("would set 1.3.0 in pyproject.toml (was 1.2.0)"));
  CHECK_THAT(r.out, Catch::Contains("would commit CHANGELOG.md, pyproject.toml on main on top of " +
                                    head.substr(0, 7)));
  CHECK_THAT(r.out, Catch::Contains("would create annotated tag code-v1.3.0"));
  CHECK_THAT(r.out, Catch::Contains("would push main, code-v1.3.0 to origin in one push"));
  CHECK_THAT(r.out, Catch::Contains("nothing was changed"));
}

TEST_CASE("a dry run with three failing checks reports all three", "[e2e][git]") {
  GitProject p;
  // Someone else released 1.3.0 meanwhile; this clone has an untracked file too.
  const auto other = p.other_clone();
  p.git(
      "commit -q --allow-empty -m 'fix: theirs' && git tag -a code-v1.3.0 -m x && "
      "git push -q origin main code-v1.3.0",
      other);
  write_file(p.work() / "notes.txt", "scratch");
  const std::string before = p.full_state();

  const auto r = p.relctl({"code-release", "--dry-run", "--json"});
  INFO(output(r));
  CHECK(r.exit_code == 1);
  CHECK(p.full_state() == before);
  const auto doc = nlohmann::json::parse(r.out);
  std::vector<std::string> failed;
  for (const auto& g : doc["gates"]) {
    if (g["status"] == "failed") failed.push_back(g["id"]);
  }
  CHECK(failed == std::vector<std::string>{"git.clean", "git.up-to-date", "git.tag-free"});
}

TEST_CASE("each preflight failure has its own message and exits 1", "[e2e][git]") {
  GitProject p;

  SECTION("dirty file") {
    write_file(p.work() / "pyproject.toml", "[project]\nversion = \"1.2.0\"\n# edited\n");
    check_failed_with(p.relctl({"code-release"}), "git.clean",
                      "1 uncommitted change in " + p.work().string() + ": modified pyproject.toml");
  }
  SECTION("untracked file") {
    write_file(p.work() / "notes.txt", "scratch");
    check_failed_with(p.relctl({"code-release"}), "git.clean", "untracked notes.txt");
  }
  SECTION("wrong branch") {
    p.git("switch -q -c feature/x");
    check_failed_with(p.relctl({"code-release"}), "git.branch",
                      "branch feature/x may not release (allowed: main)");
  }
  SECTION("behind upstream") {
    p.git("commit -q --allow-empty -m 'fix: theirs' && git push -q origin main", p.other_clone());
    check_failed_with(p.relctl({"code-release"}), "git.up-to-date",
                      "main is 1 commit behind origin/main");
  }
  SECTION("ahead of upstream") {
    p.commit("fix: local only");
    check_failed_with(p.relctl({"code-release"}), "git.up-to-date",
                      "main is 1 commit ahead of origin/main (unpushed work)");
  }
  SECTION("tag exists locally") {
    p.git("tag code-v1.3.0 HEAD~1");
    check_failed_with(p.relctl({"code-release", "--version", "1.3.0"}), "version.next",
                      "version 1.3.0 already exists: tag code-v1.3.0 is here");
  }
  SECTION("tag exists only on the remote") {
    p.git("tag -a code-v1.3.0 -m x && git push -q origin code-v1.3.0", p.other_clone());
    check_failed_with(p.relctl({"code-release"}), "git.tag-free",
                      "tag code-v1.3.0 already exists on origin");
  }
  SECTION("detached HEAD") {
    p.git("checkout -q --detach HEAD");
    check_failed_with(p.relctl({"code-release"}), "git.repo", "HEAD is detached at");
  }
  SECTION("shallow clone") {
    sh("git clone -q --depth 1 file://" + p.origin().string() + " shallow", p.root());
    write_file(p.root() / "shallow" / ".git" / "info" / "exclude", ".relctl/\n");
    const auto r = p.relctl({"code-release"}, RunOptions{p.root() / "shallow", {}, {}, {}, {}});
    check_failed_with(r, "git.repo", "shallow clone at");
  }
  SECTION("not a repository") {
    const auto dir = p.root() / "plain";
    write_file(dir / "relctl.toml", "[project]\nname = \"plain\"\n");
    const auto r = p.relctl({"code-release"}, RunOptions{dir, {}, {}, {}, {}});
    check_failed_with(r, "git.repo", "not a git repository: " + dir.string());
  }
}

TEST_CASE("a push rejected by origin's pre-receive hook leaves the clone exactly as before",
          "[e2e][git]") {
  GitProject p;
  p.serve_origin_with_daemon();
  p.git("fetch -q origin");
  write_file(p.origin() / "hooks" / "pre-receive",
             "#!/bin/sh\necho 'releases are frozen until Monday' >&2\nexit 1\n");
  std::filesystem::permissions(p.origin() / "hooks" / "pre-receive",
                               std::filesystem::perms::owner_all);
  const std::string before = p.refs_state();
  const std::string files_before = p.full_state().substr(p.full_state().find("--- files"));

  const auto r = p.relctl({"code-release"});
  INFO(output(r));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Catch::Contains("failed  git.push"));
  CHECK_THAT(r.out, Catch::Contains("pre-receive hook declined"));
  CHECK_THAT(r.out, Catch::Contains("releases are frozen until Monday"));
  CHECK_THAT(r.out, Catch::Contains("undone  git.tag"));
  CHECK_THAT(r.out, Catch::Contains("undone  git.commit"));
  CHECK_THAT(r.out, Catch::Contains("undone  changelog.write"));
  CHECK(p.refs_state() == before);
  CHECK(p.full_state().substr(p.full_state().find("--- files")) == files_before);
  CHECK(p.git("for-each-ref", p.origin()).find("code-v1.3.0") == std::string::npos);
}

TEST_CASE("Ctrl-C during a command gate stops it, undoes, and exits 130", "[e2e][git]") {
  GitProject p(R"(
[[gates.command]]
id = "build"
run = ["sh", "-c", "touch ../started; sleep 30"]
phase = "build"
timeout = "2m"
)");
  const std::string before = p.full_state();
  RunOptions o;
  o.interrupt_when_exists = p.root() / "started";
  const auto t0 = std::chrono::steady_clock::now();
  const auto r = p.relctl({"code-release"}, o);
  const auto seconds =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - t0);
  INFO(output(r));
  CHECK(r.exit_code == 130);
  CHECK(seconds.count() < 20);  // the sleep was killed, not waited for
  CHECK_THAT(r.out, Catch::Contains("undone  changelog.write"));
  CHECK_THAT(r.out, Catch::Contains("undone  version.files"));
  CHECK(p.full_state() == before);
}

TEST_CASE("a failing tests command stops the release before anything is written", "[e2e][git]") {
  GitProject p(R"(
[[gates.command]]
id = "tests"
run = ["sh", "-c", "echo \"testing $RELCTL_VERSION ($RELCTL_TAG, dry run $RELCTL_DRY_RUN)\"; exit 3"]
dry_run = true
)");
  const std::string before = p.full_state();
  const auto r = p.relctl({"code-release"});
  INFO(output(r));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Catch::Contains("failed  command.tests"));
  CHECK_THAT(r.out, Catch::Contains("exited with 3"));
  CHECK_THAT(r.out, Catch::Contains("testing 1.3.0 (code-v1.3.0, dry run 0)"));
  CHECK(p.full_state() == before);
}

TEST_CASE("pr mode pushes release/vX.Y.Z without a tag, --finalize tags the merge", "[e2e][git]") {
  GitProject p("");
  // Switch the project to pr mode (the fixture's [code_release] has direct's default).
  std::string toml = read_file(p.work() / "relctl.toml");
  toml.replace(toml.find("[code_release]"), 14, "[code_release]\nmode = \"pr\"");
  write_file(p.work() / "relctl.toml", toml);
  p.git("add relctl.toml && git commit -q -m 'chore: pr mode' && git push -q origin main");

  const auto r = p.relctl({"code-release"});
  INFO(output(r));
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("--finalize"));
  CHECK(p.git("branch --show-current") == "release/v1.3.0\n");
  CHECK_FALSE(p.git("ls-remote --heads origin release/v1.3.0").empty());
  CHECK(p.git("ls-remote --tags origin code-v1.3.0").empty());
  CHECK(p.git("tag -l code-v1.3.0").empty());

  // The review is merged on origin by someone else.
  const auto other = p.other_clone();
  p.git(
      "fetch -q origin && git merge -q --no-ff origin/release/v1.3.0 -m 'Merge pull request #1' "
      "&& git push -q origin main",
      other);
  p.git("switch -q main && git pull -q --ff-only origin main");

  const auto fin = p.relctl({"code-release", "--finalize", "--json"});
  INFO(output(fin));
  REQUIRE(fin.exit_code == 0);
  const auto doc = nlohmann::json::parse(fin.out);
  CHECK(doc["release"]["tags"] == nlohmann::json::array({"code-v1.3.0"}));
  const std::string merged = p.git("rev-parse main", p.origin());
  CHECK(p.git("rev-parse code-v1.3.0^{commit}", p.origin()) == merged);
  CHECK(p.git("cat-file -t code-v1.3.0", p.origin()) == "tag\n");
  CHECK_THAT(p.git("tag -l --format='%(contents)' code-v1.3.0", p.origin()),
             Catch::Contains("## 1.3.0 - ") && Catch::Contains("Relctl-Version: 1.3.0"));
  CHECK(p.git("rev-parse main", p.origin()) == merged);  // --finalize pushes the tag only
}

TEST_CASE("flag --hotfix releases a patch on hotfix/vX.Y.Z cut from the tag", "[e2e][git]") {
  GitProject p;
  REQUIRE(p.relctl({"code-release"}).exit_code == 0);  // 1.3.0 on main
  const auto r = p.relctl({"code-release", "--hotfix", "code-v1.2.0", "--json"});
  INFO(output(r));
  REQUIRE(r.exit_code == 0);
  const auto doc = nlohmann::json::parse(r.out);
  CHECK(doc["release"]["tags"] == nlohmann::json::array({"code-v1.2.1"}));
  CHECK(doc["release"]["branch"] == "hotfix/v1.2.1");
  CHECK(p.git("rev-parse code-v1.2.1^{commit}~1", p.origin()) ==
        p.git("rev-parse code-v1.2.0^{commit}", p.origin()));
  CHECK_FALSE(p.git("ls-remote --heads origin hotfix/v1.2.1").empty());
}

TEST_CASE("require_data_release runs the data gates and refuses --no-data", "[e2e][git]") {
  GitProject p(R"(
[data_release]
snapshot = "data/snap.sqlite"
manifest = "data/manifest.json"
)");
  std::string toml = read_file(p.work() / "relctl.toml");
  toml.replace(toml.find("[code_release]"), 14, "[code_release]\nrequire_data_release = true");
  write_file(p.work() / "relctl.toml", toml);
  p.git("commit -qam \"chore: require data releases\"");

  // The dry run carries the data release: its gates run and fail on the missing snapshot.
  const auto dry = p.relctl({"code-release", "--dry-run"});
  INFO(output(dry));
  CHECK(dry.exit_code == 1);
  CHECK_THAT(dry.out, Catch::Contains("sqlite.integrity"));
  CHECK_THAT(dry.out, Catch::Contains("data/snap.sqlite does not exist"));

  const auto no_data = p.relctl({"code-release", "--dry-run", "--no-data"});
  INFO(output(no_data));
  CHECK(no_data.exit_code == 2);
  CHECK_THAT(no_data.err, Catch::Contains("--no-data is refused"));
}

TEST_CASE("relctl check runs git checks alone", "[e2e][git]") {
  GitProject p;
  const auto r = p.relctl(
      {"check", "git.repo", "git.clean", "git.up-to-date", "git.tag-free", "version.next"});
  INFO(output(r));
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("code-v1.3.0 is free here and on origin"));
}

TEST_CASE("a command that outlives its timeout is killed and fails its gate", "[e2e][git]") {
  GitProject p(R"(
[[gates.command]]
id = "slow"
run = ["sleep", "30"]
timeout = "1s"
dry_run = true
)");
  const auto t0 = std::chrono::steady_clock::now();
  const auto r = p.relctl({"code-release", "--dry-run"});
  INFO(output(r));
  CHECK(r.exit_code == 1);
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(15));
  CHECK_THAT(r.out, Catch::Contains("`sleep 30` timed out after 1.0s and was killed"));
}

TEST_CASE("flag --no-push releases locally and pushes nothing", "[e2e][git]") {
  GitProject p;
  const std::string origin_before = p.git("for-each-ref", p.origin());
  const auto r = p.relctl({"code-release", "--no-push"});
  INFO(output(r));
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("git push origin main code-v1.3.0"));
  CHECK(p.git("cat-file -t code-v1.3.0") == "tag\n");
  CHECK(p.git("for-each-ref", p.origin()) == origin_before);
}

TEST_CASE("a secret in the environment is masked in output, JSON and the ledger", "[e2e][git]") {
  GitProject p(R"(
[[gates.command]]
id = "leaky"
run = ["sh", "-c", "echo \"token=$API_TOKEN\"; exit 1"]
dry_run = true
env = ["API_TOKEN"]
)");
  RunOptions o;
  o.env["API_TOKEN"] = "Tr0ub4dor&3!";
  const auto r = p.relctl({"code-release", "--dry-run"}, o);
  INFO(output(r));
  CHECK(r.exit_code == 1);
  CHECK_THAT(output(r), Catch::Contains("token=****"));
  const auto json = p.relctl({"code-release", "--dry-run", "--json"}, o);
  const auto history = p.relctl({"history", "--json"}, o);
  for (const auto& secret : test_password_forms()) {
    CHECK_THAT(output(r), !Catch::Contains(secret));
    CHECK_THAT(output(json), !Catch::Contains(secret));
    CHECK_THAT(history.out, !Catch::Contains(secret));
    CHECK(read_file(p.work() / ".relctl/ledger.db").find(secret) == std::string::npos);
  }
}
