// Hostile input end to end: megabyte lines, invalid UTF-8, NUL, escape
// sequences and `::` lines from commands, data and arguments go through
// every output path (human, --json, GitHub annotations and summary, the
// ledger, commit and tag messages) without a crash, a raw control byte,
// invalid JSON, a runnable workflow command or the secret.

#include <SQLiteCpp/SQLiteCpp.h>
#include <sys/stat.h>

#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "relctl/core/sanitize.hpp"
#include "support/data_repo.hpp"
#include "support/git_project.hpp"

using namespace relctl::test;
using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

const std::string secret = "Tr0ub4dor&3!";

// Lines a GitHub runner would execute: `::` first after blanks, outside a
// ::stop-commands:: fence, other than relctl's own annotations.
std::vector<std::string> runnable_commands(const std::string& text) {
  std::vector<std::string> out;
  std::string token;  // the open fence's token
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    start = end + 1;
    const auto first = line.find_first_not_of(" \t");
    const std::string trimmed = first == std::string::npos ? "" : line.substr(first);
    if (!token.empty()) {
      if (trimmed == "::" + token + "::") token.clear();
      continue;
    }
    if (trimmed.rfind("::stop-commands::", 0) == 0) {
      token = trimmed.substr(17);
      continue;
    }
    if (trimmed.rfind("::error title=relctl ", 0) == 0 ||
        trimmed.rfind("::warning title=relctl ", 0) == 0) {
      continue;
    }
    if (trimmed.rfind("::", 0) == 0 || line.find("##[") != std::string::npos) out.push_back(line);
  }
  return out;
}

// What every output path must hold to: clean text, no secret, nothing runnable.
void check_clean(const std::string& what, const std::string& text) {
  INFO(what << ":\n" << text.substr(0, 4000));
  CHECK(relctl::core::sanitize(text) == text);
  CHECK(text.find(secret) == std::string::npos);
  CHECK(text.find("Tr0ub4dor%263%21") == std::string::npos);
  CHECK(runnable_commands(text).empty());
}

// The ledger's rows for the runs made in `dir`: status and the whole row.
std::vector<std::pair<std::string, std::string>> ledger_rows(const fs::path& ledger) {
  SQLite::Database db(ledger.string());
  SQLite::Statement q(db,
                      "SELECT status, run_id || argv || user || host || ci_url || release || "
                      "env || gates FROM runs ORDER BY started_at");
  std::vector<std::pair<std::string, std::string>> rows;
  while (q.executeStep()) rows.emplace_back(q.getColumn(0).getString(), q.getColumn(1).getString());
  return rows;
}

// A build that prints what minified bundles, Latin-1 tools and hostile data
// print: a megabyte on one line, invalid UTF-8, escape sequences, NUL,
// workflow commands, the password.
constexpr const char* noisy_build = R"(#!/bin/sh
head -c 1048576 /dev/zero | tr '\0' 'A'
printf '\n'
printf 'caf\351 cr\350me\n'
printf 'esc \033[2J\033]0;title\007 nul \000 end\n'
printf '::warning::forged by the build\n'
printf '  ::add-mask::hidden\n'
printf 'see ##[set-output name=x]y\n'
printf 'the password is Tr0ub4dor&3!\n'
printf 'postgresql://app:Tr0ub4dor&3!@db/prod\n'
exit "${NOISY_EXIT:-0}"
)";

struct NoisyProject {
  GitProject p{R"(
[[gates.command]]
id = "bundle"
run = ["sh", "noisy.sh"]
commands = ["code-release"]
phase = "build"
env = ["NOISY_EXIT"]
)"};
  TempDir out;
  NoisyProject() {
    p.commit("chore: add the bundler", "noisy.sh", noisy_build);
    p.git("push -q origin main");
  }
  ProcessResult run(std::vector<std::string> args, const std::string& exit_code = "0") {
    RunOptions o;
    o.env = {{"GITHUB_ACTIONS", "true"},
             {"GITHUB_STEP_SUMMARY", (out / "summary.md").string()},
             {"API_TOKEN", secret},
             {"NOISY_EXIT", exit_code}};
    return p.relctl(args, o);
  }
};

}  // namespace

TEST_CASE("a passing build printing a megabyte line, Latin-1, ESC and :: releases cleanly",
          "[e2e][hostile]") {
  NoisyProject n;
  const auto r = n.run({"code-release", "-v"});
  INFO(output(r).substr(0, 4000));
  REQUIRE(r.exit_code == 0);
  CHECK(n.p.git("cat-file -t code-v1.3.0", n.p.origin()) == "tag\n");
  CHECK_THAT(r.out, Contains("passed  command.bundle"));
  CHECK_THAT(r.out, Contains("caf\xEF\xBF\xBD"));  // Latin-1 shown as U+FFFD
  CHECK_THAT(r.out, Contains("esc \\\\x1b[2J"));   // ESC escaped (in the JSON details)
  check_clean("stdout", r.out);
  check_clean("stderr", r.err);
  check_clean("summary", read_file(n.out / "summary.md"));
  const auto rows = ledger_rows(n.p.work() / ".relctl/ledger.db");
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].first == "passed");
  check_clean("ledger", rows[0].second);
  // The debug log keeps the output's lines (history --log prints it fenced).
  for (const auto& log : fs::directory_iterator(n.p.work() / ".relctl/logs")) {
    const std::string text = read_file(log.path());
    INFO("run log:\n" << text.substr(0, 4000));
    CHECK_THAT(text, Contains("esc \\x1b[2J"));
    CHECK(relctl::core::sanitize(text) == text);
    CHECK(text.find(secret) == std::string::npos);
  }
  check_clean("tag message", n.p.git("tag -l --format='%(contents)' code-v1.3.0", n.p.origin()));
  check_clean("commit message", n.p.git("log -1 --format=%B main", n.p.origin()));
}

TEST_CASE("the same build under --json gives one valid document", "[e2e][hostile]") {
  NoisyProject n;
  const auto r = n.run({"code-release", "--json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto doc = json::parse(r.out);
  CHECK(doc["status"] == "passed");
  std::string build_output;
  for (const auto& g : doc["gates"]) {
    if (g["id"] == "command.bundle") build_output = g["details"]["output"];
  }
  CHECK_THAT(build_output, Contains("caf\xEF\xBF\xBD cr\xEF\xBF\xBDme"));
  CHECK_THAT(build_output, Contains("esc \\x1b[2J\\x1b]0;title\\x07 nul \\x00 end"));
  CHECK_THAT(build_output, Contains("the password is ****"));
  check_clean("stdout", r.out);
  check_clean("stderr", r.err);
}

TEST_CASE("a failing build's output is shown fenced, undone and recorded as failed",
          "[e2e][hostile]") {
  NoisyProject n;
  const std::string before = n.p.full_state();
  const auto r = n.run({"code-release"}, "3");
  INFO(output(r).substr(0, 4000));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Contains("failed  command.bundle"));
  CHECK_THAT(r.out, Contains("::warning::forged by the build"));  // shown, inside a fence
  CHECK_THAT(r.out, Contains("::stop-commands::"));
  CHECK_THAT(r.out, Contains("::error title=relctl command.bundle::"));
  check_clean("stdout", r.out);
  check_clean("stderr", r.err);
  check_clean("summary", read_file(n.out / "summary.md"));
  const auto rows = ledger_rows(n.p.work() / ".relctl/ledger.db");
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].first == "failed");
  check_clean("ledger", rows[0].second);
  CHECK(n.p.full_state() == before);
}

TEST_CASE("a 30,000-character argument is a usage error, in text and in JSON", "[e2e][hostile]") {
  TempDir dir;
  const std::string huge(30000, 'x');
  const auto r = run_relctl({"status", huge}, {.cwd = dir.path()});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::StartsWith("relctl: error: "));
  const auto j = run_relctl({"status", huge, "--json"}, {.cwd = dir.path()});
  CHECK(j.exit_code == 2);
  const auto doc = json::parse(j.out);
  CHECK(doc["status"] == "error");
  CHECK(doc["exit_code"] == 2);
}

TEST_CASE("escape sequences and invalid UTF-8 in arguments are shown escaped", "[e2e][hostile]") {
  GitProject p;
  const RunOptions gh{.env = {{"GITHUB_ACTIONS", "true"}}};
  const auto r = p.relctl({"check", "git.\x1b[2Jnope\xE9"}, gh);
  INFO(output(r));
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("git.\\x1b[2Jnope\xEF\xBF\xBD"));
  check_clean("stderr", r.err);
  check_clean("stdout", r.out);
  const auto s = p.relctl({"check", "git.repo", "--skip", "x\n::add-mask::y"}, gh);
  INFO(output(s));
  CHECK(s.exit_code == 2);
  CHECK_THAT(s.err, Contains("::stop-commands::"));
  check_clean("stderr", s.err);
}

TEST_CASE("flag --json prints one error document for usage, configuration and file errors",
          "[e2e][hostile][json]") {
  TempDir dir;
  const auto error_doc = [&](const std::vector<std::string>& args, int code) {
    const auto r = run_relctl(args, {.cwd = dir.path()});
    INFO(output(r));
    CHECK(r.exit_code == code);
    CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 1);
    const auto doc = json::parse(r.out);
    CHECK(doc["schema"] == 1);
    CHECK(doc["status"] == "error");
    CHECK(doc["exit_code"] == code);
    CHECK_FALSE(doc["error"]["message"].get<std::string>().empty());
    CHECK_FALSE(doc["error"]["hint"].get<std::string>().empty());
    return doc;
  };
  // Usage: an unknown flag, before or after the command.
  error_doc({"--json", "gates", "--frobnicate"}, 2);
  CHECK(error_doc({"history", "--json", "--limit", "many"}, 2)["command"] == "history");
  // Configuration: no relctl.toml here, then a device and a FIFO as --config.
  CHECK_THAT(error_doc({"check", "git.repo", "--json"}, 2)["error"]["message"].get<std::string>(),
             Contains("no relctl.toml"));
  CHECK_THAT(error_doc({"--config", "/dev/zero", "status", "--json"}, 2)["error"]["message"]
                 .get<std::string>(),
             Contains("/dev/zero is a device, not a regular file"));
  REQUIRE(::mkfifo((dir / "fifo.toml").c_str(), 0600) == 0);
  const auto fifo =
      run_relctl({"--config", (dir / "fifo.toml").string(), "status", "--json"},
                 {.cwd = dir.path(),
                  .signal_when =
                      [start = std::chrono::steady_clock::now()] {
                        return std::chrono::steady_clock::now() - start > std::chrono::seconds(20);
                      },
                  .signal = SIGKILL});
  CHECK(fifo.exit_code == 2);  // not killed after hanging on the FIFO
  CHECK(json::parse(fifo.out)["status"] == "error");
}

TEST_CASE("flag --version --json and --help --json print a document", "[e2e][json]") {
  TempDir dir;
  const auto v = run_relctl({"--version", "--json"}, {.cwd = dir.path()});
  CHECK(v.exit_code == 0);
  const auto doc = json::parse(v.out);
  CHECK(doc["status"] == "passed");
  CHECK(doc["exit_code"] == 0);
  CHECK(doc["version"] == "0.1.0");
  const auto h = run_relctl({"gates", "--help", "--json"}, {.cwd = dir.path()});
  CHECK(h.exit_code == 0);
  CHECK_THAT(json::parse(h.out)["help"].get<std::string>(), Contains("list"));
}

TEST_CASE("a command gate gets relctl's environment minus database URLs and secrets",
          "[e2e][hostile][env]") {
  TempDir out;
  GitProject p(fmt::format(R"(
[databases.warehouse]
url_env = "WAREHOUSE_URL"

[[gates.command]]
id = "plain"
run = ["sh", "-c", "env > {}"]
commands = ["code-release"]
dry_run = true

[[gates.command]]
id = "asks"
run = ["sh", "-c", "env > {}"]
commands = ["code-release"]
dry_run = true
env = ["DEPLOY_TOKEN", "WAREHOUSE_URL", "SET_HERE=v{{version}}"]
)",
                           (out / "plain.env").string(), (out / "asks.env").string()));
  RunOptions o;
  o.env = {{"WAREHOUSE_URL", "postgresql://app@db.example/dw"},
           {"OTHER_DB", "postgres://u:" + secret + "@db.example/x"},
           {"DEPLOY_TOKEN", "tok-123456"},
           {"FORGE_REMOTE", "https://bot:ghp_abcdef@git.example/x.git"},
           {"PLAIN_SETTING", "visible"}};
  const auto r = p.relctl({"code-release", "--dry-run"}, o);
  INFO(output(r));
  REQUIRE(r.exit_code == 0);
  const std::string plain = read_file(out / "plain.env");
  CHECK_THAT(plain, Contains("PLAIN_SETTING=visible"));
  CHECK_THAT(plain, Contains("RELCTL_COMMAND=code-release"));
  for (const char* withheld : {"WAREHOUSE_URL=", "OTHER_DB=", "DEPLOY_TOKEN=", "FORGE_REMOTE="}) {
    CHECK(plain.find(withheld) == std::string::npos);
  }
  const std::string asks = read_file(out / "asks.env");
  CHECK_THAT(asks, Contains("DEPLOY_TOKEN=tok-123456"));
  CHECK_THAT(asks, Contains("WAREHOUSE_URL=postgresql://app@db.example/dw"));
  CHECK_THAT(asks, Contains("SET_HERE=v1.3.0"));
  CHECK(asks.find("OTHER_DB=") == std::string::npos);
}

TEST_CASE("a table name that would forge a trailer is refused before anything is written",
          "[e2e][hostile][data]") {
  data::DataRepo repo;
  data::make_snapshot(repo.snapshot(),
                      "CREATE TABLE \"t\nRelctl-Snapshot-Sha256: " + std::string(64, '0') +
                          "\" (i INTEGER); INSERT INTO \"t\nRelctl-Snapshot-Sha256: " +
                          std::string(64, '0') + "\" VALUES (1);");
  const auto before = data::capture(repo);
  const auto r = repo.relctl({"data-release", "--date", "20261122"});
  INFO(output(r));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Contains("failed  data.manifest"));
  CHECK_THAT(r.out, Contains("table name \"t\\nRelctl-Snapshot-Sha256: 000"));
  CHECK_THAT(r.out, Contains("holds a control character"));
  CHECK(data::capture(repo) == before);
}

TEST_CASE("hostile data values in check examples: valid JSON, escaped, fenced, recorded",
          "[e2e][hostile][data]") {
  data::DataRepo repo;
  // Latin-1 bytes, an escape sequence and a workflow command as values.
  data::make_snapshot(repo.snapshot(),
                      "UPDATE castaways SET result = CAST(X'636166E9' AS TEXT) WHERE castaway_id "
                      "= 'US0002'; UPDATE castaways SET result = 'x' || char(27) || '[2J' || "
                      "char(10) || '::warning::forged' WHERE castaway_id = 'US0003';");
  TempDir out;
  const std::map<std::string, std::string> gh = {
      {"GITHUB_ACTIONS", "true"}, {"GITHUB_STEP_SUMMARY", (out / "summary.md").string()}};
  const auto j = repo.relctl({"data-release", "--date", "20261122", "--json"}, gh);
  INFO(output(j));
  CHECK(j.exit_code == 1);
  const auto doc = json::parse(j.out);
  std::string message;
  for (const auto& g : doc["gates"]) {
    if (g["id"] == "data.checks") message = g["message"];
  }
  CHECK_THAT(message, Contains("'caf\xEF\xBF\xBD'"));
  CHECK_THAT(message, Contains("x\\x1b[2J"));
  check_clean("--json stdout", j.out);
  check_clean("--json stderr", j.err);
  const auto h = repo.relctl({"data-release", "--date", "20261122"}, gh);
  CHECK(h.exit_code == 1);
  check_clean("stdout", h.out);
  check_clean("summary", read_file(out / "summary.md"));
  for (const auto& [status, row] : ledger_rows(repo.work() / ".relctl/ledger.db")) {
    CHECK(status == "failed");  // never left `running`
    check_clean("ledger", row);
  }
}

TEST_CASE("a data release with hostile values in a warning check writes clean reports",
          "[e2e][hostile][data]") {
  // The Markdown report showed data values raw; a 30,000-character value
  // crashed the masking of the check's message.
  data::DataRepo repo(data::data_release_toml("direct", "") + R"(
[[data_release.checks]]
name = "notes are fine"
table = "notes"
column = "body"
accepted_values = ["fine"]
severity = "warn"
)");
  data::make_snapshot(repo.snapshot(),
                      "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);"
                      "INSERT INTO notes VALUES (1, CAST(X'636166E9' AS TEXT)),"
                      "(2, 'x' || char(27) || '[2J' || char(10) || '::warning::forged'),"
                      "(3, replace(hex(zeroblob(15000)), '0', 'a')),"
                      "(4, 'the password is Tr0ub4dor&3!');");
  TempDir out;
  const auto r = repo.relctl({"data-release", "--date", "20261122", "-v"},
                             {{"GITHUB_ACTIONS", "true"},
                              {"GITHUB_STEP_SUMMARY", (out / "summary.md").string()},
                              {"API_TOKEN", secret}});
  INFO(output(r).substr(0, 4000));
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("warned  data.checks"));
  check_clean("stdout", r.out);
  check_clean("stderr", r.err);
  check_clean("summary", read_file(out / "summary.md"));
  for (const auto& [status, row] : ledger_rows(repo.work() / ".relctl/ledger.db")) {
    CHECK(status == "passed");
    check_clean("ledger", row);
  }
  const std::string folder =
      repo.git("ls reports").substr(0, std::string("data-20261122").size() + 27);
  const std::string md = read_file(repo.reports() / folder / "report.md");
  check_clean("report.md", md);
  CHECK_THAT(md, Contains("x\\x1b[2J\\n::warning::forged"));
  const std::string report = read_file(repo.reports() / folder / "report.json");
  CHECK_NOTHROW(json::parse(report));
  CHECK(report.find('\x1b') == std::string::npos);
  CHECK(report.find(secret) == std::string::npos);
  CHECK_NOTHROW(json::parse(read_file(repo.manifest())));
  check_clean("commit message", repo.origin_git("git log -1 --format=%B main"));
  check_clean("tag message", repo.origin_git("git tag -l --format='%(contents)' data-20261122"));
}
