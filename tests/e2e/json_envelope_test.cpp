// Every command's --json document, whatever the outcome (success, gate
// failure, nothing to release, interrupted, usage and configuration errors),
// is one object valid against docs/relctl.schema.json whose exit_code is the
// process's. To cover a new command, add its invocations to a list below.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "e2e/migrate_project.hpp"
#include "support/data_repo.hpp"
#include "support/git_project.hpp"
#include "support/json_schema.hpp"

using namespace relctl::test;
using nlohmann::json;

namespace {

// One command line of the test: its arguments (--json is added), the exit
// code and status it must end with, and what to prepare before it runs.
struct Invocation {
  std::vector<std::string> args;
  int exit_code;
  std::string status;
  std::function<void()> before = {};
  RunOptions options = {};
};

// Runs `call` with --json and checks its one document; returns it.
json check_document(const Invocation& call,
                    const std::function<ProcessResult(const std::vector<std::string>&,
                                                      const RunOptions&)>& relctl) {
  std::vector<std::string> args = call.args;
  args.push_back("--json");
  std::string line = "relctl";
  for (const auto& a : args) line += " " + a;
  if (call.before) call.before();
  const auto r = relctl(args, call.options);
  INFO(line << "\n" << output(r));
  json doc = json::parse(r.out, nullptr, false);  // exactly one document, nothing else
  REQUIRE_FALSE(doc.is_discarded());
  std::string why;
  for (const auto& e : schema_errors(relctl_schema(), doc)) why += e + "\n";
  CHECK(why.empty());
  CHECK(r.exit_code == call.exit_code);
  CHECK(doc["exit_code"] == r.exit_code);
  CHECK(doc["status"] == call.status);
  CHECK(doc["schema"] == 1);
  return doc;
}

}  // namespace

TEST_CASE("every command's --json output is one envelope valid against the JSON Schema",
          "[e2e][git][json]") {
  GitProject p(R"(
[[gates.command]]
id = "build"
run = ["sh", "-c", "if [ -e ../hold ]; then touch ../started; sleep 30; fi"]
phase = "build"
)");
  const fs::path bad = p.root() / "bad.toml";
  write_file(bad, "[project]\nname = \"demo\"\n[code_release]\nnot_a_key = 1\n");
  const fs::path empty = p.root() / "empty", unconfigured = p.root() / "unconfigured";
  fs::create_directories(empty);
  fs::create_directories(unconfigured);
  RunOptions interrupt;
  interrupt.interrupt_when_exists = p.root() / "started";
  std::string run_id;  // of the release, for `history RUN`
  std::string tag;     // the release's tag, from `version`, for `changelog TAG`
  const fs::path msg_ok = p.root() / "ok.msg", msg_bad = p.root() / "bad.msg";
  write_file(msg_ok, "fix(cli): read the flag\n");
  write_file(msg_bad, "Fixed stuff\n");

  const std::vector<Invocation> calls = {
      // Pipelines: a dry run, an interrupted run, a release, nothing left to
      // release (exit 0, or 1 with --require-changes), a failing gate.
      {{"code-release", "--dry-run"}, 0, "passed"},
      {{"version", "--next"}, 0, "passed"},
      {{"changelog", "--unreleased"}, 0, "passed"},
      {{"check", "commits"}, 0, "passed"},
      {{"lint-message", msg_ok.string()}, 0, "passed"},
      {{"lint-message", msg_bad.string()}, 1, "failed"},
      {{"code-release"}, 130, "interrupted", [&] { write_file(p.root() / "hold", ""); }, interrupt},
      {{"code-release"}, 0, "passed", [&] { fs::remove(p.root() / "hold"); }},
      {{"code-release"}, 0, "nothing-to-release"},
      {{"version"}, 0, "passed"},
      {{"changelog", "{tag}"}, 0, "passed"},
      {{"code-release", "--dry-run", "--require-changes"}, 1, "failed"},
      {{"check", "git.clean"}, 1, "failed", [&] { write_file(p.work() / "stray.txt", "x"); }},
      {{"check", "git.clean"}, 0, "passed", [&] { fs::remove(p.work() / "stray.txt"); }},
      // The other commands.
      {{"gates", "list"}, 0, "passed"},
      {{"gates", "show", "git.clean"}, 0, "passed"},
      {{"doctor"}, 0, "passed"},
      {{"history"}, 0, "passed"},
      {{"history", "{run}"}, 0, "passed"},
      {{"history", "{run}", "--log"}, 0, "passed"},
      {{"status"}, 0, "passed"},
      {{"recover", "--dry-run"}, 0, "passed"},
      {{"recover"}, 0, "passed"},
      {{"-C", empty.string(), "init"}, 0, "passed"},
      {{"-C", empty.string(), "init"}, 2, "error"},  // relctl.toml exists
      {{"help", "promote"}, 0, "passed"},
      {{"completion", "bash"}, 0, "passed"},
      {{"man"}, 0, "passed"},
      {{"--version"}, 0, "passed"},
      {{"--help"}, 0, "passed"},
      // Usage errors: before parsing, in a command's arguments, after parsing.
      {{"promte"}, 2, "error"},
      {{"code-release", "--bogus"}, 2, "error"},
      {{"gates", "show", "no.such-gate"}, 2, "error"},
      {{"history", "no-such-run"}, 2, "error"},
      {{"help", "promte"}, 2, "error"},
      {{"completion", "tcsh"}, 2, "error"},
      {{"version", "--bogus"}, 2, "error"},
      {{"changelog", "--bogus"}, 2, "error"},
      {{"lint-message", "--bogus"}, 2, "error"},
      // Configuration errors: a bad relctl.toml, a section or environment missing.
      {{"code-release", "--config", bad.string()}, 2, "error"},
      {{"data-release"}, 2, "error"},
      {{"migrate", "--env", "prod"}, 2, "error"},
      {{"promote", "code-v1.3.0", "--to", "prod"}, 2, "error"},
      {{"rollback", "--env", "prod"}, 2, "error"},
      {{"publish", "code-v1.3.0"}, 2, "error"},
      {{"-C", unconfigured.string(), "code-release"}, 2, "error"},
      // A commit that is not conventional, last: check commits fails on it.
      {{"check", "commits", "HEAD~1..HEAD"},
       1,
       "failed",
       [&] { p.git("commit -q --allow-empty -m 'Fixed stuff'"); }},
  };
  for (const auto& call : calls) {
    Invocation c = call;
    for (auto& a : c.args) {
      if (a == "{run}") a = run_id;
      if (a == "{tag}") a = tag;
    }
    const json doc =
        check_document(c, [&](const auto& args, const auto& o) { return p.relctl(args, o); });
    if (doc.value("status", "") == "passed" && !doc.value("dry_run", true)) {
      run_id = doc.value("run_id", "");
    }
    if (doc["command"] == json("version") && doc.contains("next") && !doc["next"].get<bool>()) {
      tag = doc.value("tag", "");
    }
  }
}

TEST_CASE("the --json documents of commands against a database are valid too", "[e2e][pg][json]") {
  auto admin = pg_or_skip();
  if (!admin) return;
  MigrateProject p(*admin);
  p.migration("001_jobs.sql", "CREATE TABLE jobs (id int PRIMARY KEY);\n");
  const std::vector<Invocation> calls = {
      {{"migrate", "--env", "dev", "--dry-run"}, 0, "passed"},
      {{"migrate", "--env", "dev"}, 0, "passed"},
      {{"status"}, 0, "passed"},
      {{"history", "--env", "dev"}, 0, "passed"},
      {{"doctor"}, 1, "failed"},  // the project folder is no git repository
      {{"migrate", "--env", "nowhere"}, 2, "error"},
  };
  for (const auto& call : calls) {
    check_document(call, [&](const auto& args, const auto& o) { return p.relctl(args, o); });
  }
}

TEST_CASE("the --json documents of data-release are valid too", "[e2e][data][json]") {
  data::DataRepo repo;
  const std::vector<Invocation> calls = {
      {{"data-release", "--dry-run", "--date", "20261122"}, 0, "passed"},
      {{"data-release", "--date", "20261122"}, 0, "passed"},
      {{"data-release", "--date", "20261123"}, 0, "nothing-to-release"},
      {{"data-release", "--date", "20261124", "--require-changes"}, 1, "failed"},
      {{"data-release", "--dry-run", "--date", "20261124"},
       1,
       "failed",
       [&] { data::exec_sql(repo.snapshot(), "UPDATE seasons SET premiered = '2200-01-01';"); }},
      {{"data-release", "--bogus"}, 2, "error"},
  };
  for (const auto& call : calls) {
    check_document(call,
                   [&](const auto& args, const auto& o) { return repo.relctl_with(args, o); });
  }
}
