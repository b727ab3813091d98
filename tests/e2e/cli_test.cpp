// The relctl binary as a user meets it: usage errors, --version, --json,
// the ledger and history, GitHub output.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "relctl/version.hpp"
#include "support/support.hpp"

using namespace relctl::test;
using nlohmann::json;

namespace {

// A git repository with one commit and a minimal relctl.toml.
struct Project {
  TempDir dir;
  Project() {
    write_file(dir / "relctl.toml", "[project]\nname = \"demo\"\n");
    write_file(dir / "README.md", "demo\n");
    sh("git init -q -b main . && git add -A && git commit -qm 'feat: first'", dir.path());
  }
  ProcessResult relctl(const std::vector<std::string>& args, RunOptions o = {}) {
    o.cwd = dir.path();
    return run_relctl(args, o);
  }
};

}  // namespace

TEST_CASE("usage errors exit 2 with a message and a hint", "[e2e][cli]") {
  Project p;
  SECTION("unknown flag") {
    auto r = p.relctl({"gates", "--frobnicate"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("relctl: error: ") == 0);
    CHECK(r.err.find("--frobnicate") != std::string::npos);
    CHECK(r.err.find("relctl: hint: `relctl help gates` lists its flags") != std::string::npos);
  }
  SECTION("no command") {
    auto r = p.relctl({});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("relctl: error: ") == 0);
  }
  SECTION("unknown command") {
    auto r = p.relctl({"frobnicate"});
    CHECK(r.exit_code == 2);
  }
  SECTION("--skip without --reason") {
    auto r = p.relctl({"check", "git.repo", "--skip", "git.repo"});
    CHECK(r.exit_code == 2);
    CHECK(r.err ==
          "relctl: error: --skip git.repo needs a reason\n"
          "relctl: hint: add --reason \"why it is safe to skip\"; the reason is "
          "recorded\n");
  }
  SECTION("check of an unknown gate") {
    auto r = p.relctl({"check", "git.nope"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("no gate named 'git.nope'") != std::string::npos);
  }
  SECTION("-C into a folder that does not exist") {
    auto r = p.relctl({"-C", "/nonexistent/dir", "gates"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("-C /nonexistent/dir") != std::string::npos);
  }
  SECTION("promote to an environment that is not configured") {
    auto r = p.relctl({"promote", "code-v1.0.0", "--to", "nowhere"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("no [environments.nowhere]") != std::string::npos);
  }
}

TEST_CASE("flag --version and --help exit 0 without touching the project", "[e2e][cli]") {
  TempDir empty;
  auto v = run_relctl({"--version"}, {.cwd = empty.path()});
  CHECK(v.exit_code == 0);
  CHECK(v.out.rfind("relctl " + std::string(relctl::version_string) + " (", 0) == 0);
  auto h = run_relctl({"--help"}, {.cwd = empty.path()});
  CHECK(h.exit_code == 0);
  CHECK(h.out.find("data-release") != std::string::npos);
  // Nothing was created: no ledger, no config.
  CHECK(std::filesystem::is_empty(empty.path()));
}

TEST_CASE("flag --json prints exactly one SPEC §7 document on stdout", "[e2e][cli]") {
  Project p;
  auto r = p.relctl({"check", "git.repo", "--json"});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  const json doc = json::parse(r.out);  // throws if stdout holds anything else
  for (const char* key : {"relctl", "schema", "command", "dry_run", "run_id", "status", "exit_code",
                          "release", "gates"}) {
    CHECK(doc.contains(key));
  }
  CHECK(doc["relctl"] == std::string(relctl::version_string));
  CHECK(doc["schema"] == 1);
  CHECK(doc["command"] == "check");
  CHECK(doc["status"] == "passed");
  CHECK(doc["run_id"].get<std::string>().size() == 26);
  REQUIRE(doc["gates"].size() == 1);
  const auto& g = doc["gates"][0];
  CHECK(g["id"] == "git.repo");
  CHECK(g["kind"] == "check");
  CHECK(g["severity"] == "hard");
  CHECK(g["status"] == "passed");
  CHECK(g.contains("message"));
  CHECK(g.contains("duration_ms"));
  CHECK(g["details"].is_object());
  for (const char* key : {"tags", "branch", "commit"}) CHECK(doc["release"].contains(key));
}

TEST_CASE("history --json lists the runs just made, newest first", "[e2e][cli]") {
  Project p;
  auto first = p.relctl({"check", "git.repo", "--json"});
  auto second = p.relctl({"check", "git.repo", "--dry-run", "--json"});
  REQUIRE(first.exit_code == 0);
  REQUIRE(second.exit_code == 0);
  auto h = p.relctl({"history", "--json"});
  INFO(h.out << h.err);
  REQUIRE(h.exit_code == 0);
  const json runs = json::parse(h.out)["runs"];
  REQUIRE(runs.size() == 2);
  CHECK(runs[0]["run_id"] == json::parse(second.out)["run_id"]);
  CHECK(runs[0]["dry_run"] == true);
  CHECK(runs[1]["run_id"] == json::parse(first.out)["run_id"]);
  CHECK(runs[1]["status"] == "passed");
  CHECK(runs[1]["command"] == "check");
  CHECK(runs[1]["gates"][0]["id"] == "git.repo");
  CHECK(runs[1]["git_commit"].get<std::string>().size() == 40);
  CHECK_FALSE(runs[1]["finished_at"].get<std::string>().empty());

  auto limited = p.relctl({"history", "--json", "--limit", "1"});
  CHECK(json::parse(limited.out)["runs"].size() == 1);

  // The ledger folder ignores itself: the work tree is still clean.
  CHECK(sh("git status --porcelain", p.dir.path()).empty());
  auto table = p.relctl({"history"});
  CHECK(table.out.find("RUN") == 0);
}

TEST_CASE("a failing gate's run is recorded with its exit code", "[e2e][cli]") {
  Project p;
  write_file(p.dir / "dirty.txt", "x");
  auto r = p.relctl({"check", "git.clean"});
  CHECK(r.exit_code == 1);
  auto h = p.relctl({"history", "--json"});
  const json runs = json::parse(h.out)["runs"];
  REQUIRE(runs.size() == 1);
  CHECK(runs[0]["status"] == "failed");
  CHECK(runs[0]["exit_code"] == 1);
}

TEST_CASE("under GitHub Actions failures are annotated and summarised", "[e2e][cli]") {
  Project p;
  write_file(p.dir / "dirty.txt", "x");
  const auto summary = p.dir / "summary.md";
  auto r =
      p.relctl({"check", "git.clean", "--json"},
               {.env = {{"GITHUB_ACTIONS", "true"}, {"GITHUB_STEP_SUMMARY", summary.string()}}});
  CHECK(r.exit_code == 1);
  CHECK_NOTHROW(json::parse(r.out));  // stdout stays one document
  CHECK(r.err.find("::error title=relctl git.clean::") != std::string::npos);
  const std::string md = read_file(summary);
  CHECK(md.find("### relctl check: failed (exit 1)") != std::string::npos);
  CHECK(md.find("| failed | `git.clean` |") != std::string::npos);
}

TEST_CASE("colour only on a terminal: plain text when piped", "[e2e][cli]") {
  Project p;
  auto r = p.relctl({"check", "git.repo"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("\x1b[") == std::string::npos);
  CHECK(r.out.find("passed  git.repo") != std::string::npos);
}

TEST_CASE("colour on a terminal, none with NO_COLOR or --no-color", "[e2e][cli]") {
  Project p;
  // script(1) gives relctl a pseudo-terminal as stdout.
  const std::string cmd = std::string(RELCTL_BINARY) + " check git.repo";
  auto tty = run_process({"script", "-qec", cmd, "/dev/null"},
                         {.cwd = p.dir.path(), .unset_env = {"NO_COLOR"}});
  CHECK(tty.out.find("\x1b[32mpassed") != std::string::npos);
  auto no_color = run_process({"script", "-qec", cmd, "/dev/null"},
                              {.cwd = p.dir.path(), .env = {{"NO_COLOR", "1"}}});
  CHECK(no_color.out.find("\x1b[") == std::string::npos);
  auto flag = run_process({"script", "-qec", cmd + " --no-color", "/dev/null"},
                          {.cwd = p.dir.path(), .unset_env = {"NO_COLOR"}});
  CHECK(flag.out.find("\x1b[") == std::string::npos);
  CHECK(flag.out.find("passed  git.repo") != std::string::npos);
}
