// relctl promote, rollback, status and history --env end to end: the built
// binary, a real repository with annotated release tags, and staging and
// prod databases on the real throwaway cluster.

#include <fmt/format.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <thread>

#include "support/forge_server.hpp"
#include "support/json_schema.hpp"
#include "support/pg_database.hpp"
#include "support/signing_keys.hpp"

using namespace relctl::test;
using Catch::Matchers::Contains;

namespace {

const std::string phrase = "CONFIRM PRODUCTION DEPLOYMENT";

const char* m1 = R"sql(CREATE SCHEMA app;
CREATE TABLE app.schema_version (version text NOT NULL);
INSERT INTO app.schema_version VALUES ('1.0.0');
CREATE TABLE app.items (id integer PRIMARY KEY, name text NOT NULL);
INSERT INTO app.items VALUES (1, 'first');
)sql";

const char* m2 = R"sql(ALTER TABLE app.items ADD COLUMN note text;
UPDATE app.schema_version SET version = '1.1.0';
)sql";

// A project with staging and prod: a repository with a bare origin,
// migrations, a schema version file, smoke SQL and a deploy command that
// logs what it deployed; its first release is code-v`first`.
struct Project {
  std::optional<std::string> url = pg_or_skip();
  std::unique_ptr<ScratchDatabase> staging, prod;
  TempDir tmp;
  fs::path work = tmp / "work";
  fs::path deploy_log = tmp / "deploy.log";

  explicit Project(const std::string& extra_toml = "", const std::string& first = "1.0.0") {
    if (!url) return;
    staging = std::make_unique<ScratchDatabase>(*url);
    prod = std::make_unique<ScratchDatabase>(*url);
    sh("git init -q --bare -b main origin.git && git init -q -b main work", tmp.path());
    write_file(work / "relctl.toml",
               fmt::format(R"([project]
name = "shop"

[migrations]
dir = "migrations"
lock_timeout = "2s"

[schema_guard]
app_version = {{ file = "SCHEMA_VERSION" }}
db_version_sql = "SELECT version FROM app.schema_version"

[databases.staging]
url_env = "STAGING_URL"
expect_database = "{}"

[databases.prod]
url_env = "PROD_URL"
expect_database = "{}"

[environments.staging]
database = "staging"
smoke = "smoke.sql"

[environments.prod]
database = "prod"
smoke = "smoke.sql"
after = "staging"
soak = "1h"
protected = true
confirm_phrase = "{}"

[[gates.command]]
id = "deploy"
run = ["sh", "-c", "echo \"$RELCTL_ENV $RELCTL_TAG $RELCTL_VERSION $RELCTL_COMMIT\" >> {}"]
commands = ["promote"]
phase = "deploy"
{}
)",
                           staging->name(), prod->name(), phrase, deploy_log.string(), extra_toml));
    write_file(work / "smoke.sql", "SELECT count(*) FROM app.items;\n");
    git("git config user.name Test && git config user.email test@example.com && "
        "git remote add origin ../origin.git");
    release(first, {{"migrations/0001_init.sql", m1}}, "1.0.0");
  }

  std::string git(const std::string& command) const { return sh(command, work); }

  /// Commits `files` and SCHEMA_VERSION, tags code-v`version` (annotated, with
  /// relctl's trailer) and pushes.
  void release(const std::string& version, const std::map<std::string, std::string>& files,
               const std::string& schema_version) {
    for (const auto& [path, content] : files) write_file(work / path, content);
    write_file(work / "SCHEMA_VERSION", schema_version + "\n");
    git("git add -A && git commit -qm 'feat: " + version + "' && git tag -a code-v" + version +
        " -m 'Release " + version + "' -m 'Relctl-Version: " + version +
        "' && git push -q origin main --tags");
  }

  ProcessResult relctl(const std::vector<std::string>& args, RunOptions o = {}) const {
    o.cwd = work;
    o.env["HOME"] = tmp.path().string();
    o.env["GIT_CONFIG_NOSYSTEM"] = "1";
    o.env["STAGING_URL"] = staging->url();
    o.env["PROD_URL"] = prod->url();
    o.env["USER"] = "tester";
    return run_relctl(args, o);
  }

  /// Pretends staging's current release went out `hours` ago.
  void age_staging(int hours) const {
    staging->sql("UPDATE relctl.deployments SET finished_at = finished_at - interval '" +
                 std::to_string(hours) + " hours'");
  }

  std::string current(ScratchDatabase& db, const std::string& env) const {
    return db.value(
        "SELECT tag || ' ' || kind FROM relctl.deployments WHERE env = $1 AND status = "
        "'succeeded' ORDER BY id DESC LIMIT 1",
        {env});
  }
};

void check_passed(const ProcessResult& r) {
  INFO(output(r));
  REQUIRE(r.exit_code == 0);
}

}  // namespace

TEST_CASE("promote: staging, then prod after the soak, with the phrase, status and history",
          "[e2e][pg][promote]") {
  Project p;
  if (!p.url) return;
  const std::string commit = p.git("git rev-parse HEAD");

  // Never on staging: prod refuses on env.order.
  auto r = p.relctl({"promote", "code-v1.0.0", "--to", "prod", "--confirm", phrase});
  INFO(output(r));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Contains("failed  env.order") && Contains("staging has no release yet"));
  check_envelope(
      p.relctl({"promote", "code-v1.0.0", "--to", "prod", "--confirm", phrase, "--json"}), 1,
      "failed");

  check_passed(p.relctl({"promote", "code-v1.0.0", "--to", "staging"}));
  CHECK(p.current(*p.staging, "staging") == "code-v1.0.0 promote");
  CHECK(p.staging->value("SELECT version FROM app.schema_version") == "1.0.0");
  CHECK(read_file(p.deploy_log) == "staging code-v1.0.0 1.0.0 " + commit);

  // On staging, but not for an hour yet.
  r = p.relctl({"promote", "code-v1.0.0", "--to", "prod", "--confirm", phrase});
  INFO(output(r));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out,
             Contains("failed  env.soak") && Contains("needs 1h of soak") && Contains("left"));
  CHECK(p.prod->value("SELECT to_regclass('app.items')::text") == "");

  p.age_staging(2);
  r = p.relctl({"promote", "code-v1.0.0", "--to", "prod", "--confirm", phrase, "--json"});
  check_passed(r);
  check_envelope(r, 0, "passed");
  const auto doc = nlohmann::json::parse(r.out);
  std::vector<std::string> ids;
  for (const auto& g : doc["gates"]) ids.push_back(g["id"]);
  CHECK(ids == std::vector<std::string>{"deploy.current", "release.verify", "env.order", "env.soak",
                                        "env.confirm", "pg.connect", "pg.env-guard", "pg.lock",
                                        "deploy.recheck", "pg.history", "pg.migrate",
                                        "pg.schema-guard", "pg.functions", "pg.smoke", "pg.checks",
                                        "command.deploy", "deploy.record"});
  CHECK(p.current(*p.prod, "prod") == "code-v1.0.0 promote");
  CHECK(p.prod->value("SELECT count(*) FROM relctl.schema_history") == "1");

  // Again: a no-op that says so, in the usual JSON document, and recorded.
  r = p.relctl({"promote", "code-v1.0.0", "--to", "prod", "--confirm", phrase});
  check_passed(r);
  CHECK_THAT(r.out, Contains("already the current release of prod"));
  CHECK(p.prod->value("SELECT count(*) FROM relctl.deployments") == "1");
  r = p.relctl({"promote", "code-v1.0.0", "--to", "prod", "--json"});
  check_passed(r);
  const auto noop = nlohmann::json::parse(r.out);
  CHECK(noop["schema"] == 1);
  CHECK(noop["command"] == "promote");
  CHECK(noop["status"] == "passed");
  CHECK(noop["exit_code"] == 0);
  REQUIRE(noop["gates"].size() == 1);
  CHECK(noop["gates"][0]["id"] == "deploy.current");
  CHECK_THAT(noop["gates"][0]["message"].get<std::string>(), Contains("nothing to do"));
  const auto ledger = nlohmann::json::parse(p.relctl({"history", "--json"}).out)["runs"];
  CHECK(ledger[0]["run_id"] == noop["run_id"]);
  CHECK(ledger[0]["status"] == "passed");
  CHECK(p.prod->value("SELECT count(*) FROM relctl.deployments") == "1");

  // status: what runs where, and what waits.
  p.release("1.1.0", {{"migrations/0002_note.sql", m2}}, "1.1.0");
  check_passed(p.relctl({"promote", "code-v1.1.0", "--to", "staging"}));
  r = p.relctl({"status", "--json"});
  check_passed(r);
  const auto status = nlohmann::json::parse(r.out);
  CHECK(status["environments"][0]["name"] == "staging");
  CHECK(status["environments"][0]["current"]["tag"] == "code-v1.1.0");
  CHECK(status["environments"][1]["current"]["tag"] == "code-v1.0.0");
  CHECK(status["environments"][1]["current"]["actor"] == "tester");
  CHECK(status["environments"][1]["waiting"] == "code-v1.1.0");
  r = p.relctl({"status"});
  CHECK_THAT(r.out, Contains("code-v1.1.0 (on staging)"));

  r = p.relctl({"history", "--env", "staging", "--json"});
  check_passed(r);
  const auto hist = nlohmann::json::parse(r.out);
  CHECK(hist["deployments"].size() == 2);
  CHECK(hist["deployments"][0]["tag"] == "code-v1.1.0");
  CHECK(hist["runs"].size() >= 2);
}

TEST_CASE("promote: a protected environment needs its exact phrase, nothing is applied",
          "[e2e][pg][promote]") {
  Project p;
  if (!p.url) return;
  check_passed(p.relctl({"promote", "code-v1.0.0", "--to", "staging"}));
  p.age_staging(2);
  const auto before = p.prod->fingerprint();

  auto r = p.relctl({"promote", "code-v1.0.0", "--to", "prod"});  // no TTY in tests
  INFO(output(r));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Contains("failed  env.confirm"));
  CHECK(p.prod->fingerprint() == before);

  r = p.relctl({"promote", "code-v1.0.0", "--to", "prod", "--confirm", "confirm production"});
  INFO(output(r));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Contains("failed  env.confirm"));
  CHECK(p.prod->fingerprint() == before);

  r = p.relctl({"promote", "code-v1.0.0", "--to", "prod", "--skip", "env.confirm", "--reason",
                "in a hurry"});
  INFO(output(r));
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("--skip env.confirm is refused"));
  CHECK(p.prod->fingerprint() == before);
}

TEST_CASE("promote: a failing migration leaves database, history and deployments as they were",
          "[e2e][pg][promote]") {
  Project p;
  if (!p.url) return;
  check_passed(p.relctl({"promote", "code-v1.0.0", "--to", "staging"}));
  p.release("1.1.0",
            {{"migrations/0002_note.sql", m2},
             {"migrations/0003_broken.sql", "ALTER TABLE app.nope ADD COLUMN x int;\n"}},
            "1.1.0");
  const auto before = p.staging->fingerprint();
  const auto r = p.relctl({"promote", "code-v1.1.0", "--to", "staging"});
  INFO(output(r));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Contains("failed  pg.migrate") && Contains("0003_broken.sql"));
  CHECK(p.staging->fingerprint() == before);
  CHECK(p.current(*p.staging, "staging") == "code-v1.0.0 promote");
  const auto runs = nlohmann::json::parse(p.relctl({"history", "--json"}).out)["runs"];
  CHECK(runs[0]["command"] == "promote");
  CHECK(runs[0]["status"] == "failed");
  CHECK(runs[0]["release"] == "code-v1.1.0");
}

TEST_CASE("promote: a release changed after tagging fails release.verify", "[e2e][pg][promote]") {
  Project p(R"(
[data_release]
snapshot = "data/snap.sqlite"
manifest = "data/manifest.json"
)");
  if (!p.url) return;
  // A data release in the tree: snapshot, manifest and the tag's trailer agree.
  write_file(p.work / "data/snap.sqlite", "pretend snapshot bytes v1");
  const std::string sha = sh("sha256sum data/snap.sqlite | cut -c1-64", p.work);
  const std::string clean = sha.substr(0, 64);
  write_file(p.work / "data/manifest.json",
             "{\"snapshot\": {\"path\": \"data/snap.sqlite\", \"sha256\": \"" + clean + "\"}}\n");
  p.git(
      "git add -A && git commit -qm 'data: release' && git tag -a code-v1.2.0 -m 'Release' -m "
      "'Relctl-Version: 1.2.0\nRelctl-Snapshot-Sha256: " +
      clean + "'");
  check_passed(p.relctl({"promote", "code-v1.2.0", "--to", "staging", "--dry-run"}));

  // Someone swaps the snapshot (and even its manifest) and moves the tag.
  write_file(p.work / "data/snap.sqlite", "pretend snapshot bytes v2");
  p.git(
      "git commit -qam 'data: swap' && git tag -f -a code-v1.2.0 -m 'Release' -m "
      "'Relctl-Version: 1.2.0\nRelctl-Snapshot-Sha256: " +
      clean + "'");
  const auto before = p.staging->fingerprint();
  auto r = p.relctl({"promote", "code-v1.2.0", "--to", "staging"});
  INFO(output(r));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Contains("failed  release.verify") && Contains("records"));
  CHECK(p.staging->fingerprint() == before);

  // SHA256SUMS: a file it lists that changed after the checksums were written.
  write_file(p.work / "data/snap.sqlite", "pretend snapshot bytes v1");
  write_file(p.work / "bot.bin", "release build 1\n");
  sh("sha256sum bot.bin > SHA256SUMS", p.work);
  p.git(
      "git add -A && git commit -qm 'build' && git tag -a code-v1.3.0 -m 'Release' -m "
      "'Relctl-Version: 1.3.0'");
  check_passed(p.relctl({"promote", "code-v1.3.0", "--to", "staging", "--dry-run"}));
  write_file(p.work / "bot.bin", "release build 2\n");
  p.git(
      "git commit -qam 'rebuild' && git tag -f -a code-v1.3.0 -m 'Release' -m "
      "'Relctl-Version: 1.3.0'");
  r = p.relctl({"promote", "code-v1.3.0", "--to", "staging"});
  INFO(output(r));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Contains("bot.bin does not match its SHA256SUMS line"));

  // A lightweight tag is not a release.
  p.git("git tag code-v9.9.9");
  r = p.relctl({"promote", "code-v9.9.9", "--to", "staging"});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Contains("lightweight tag"));
}

TEST_CASE("promote: two promotions at once: one proceeds, the other exits 4 naming the holder",
          "[e2e][pg][promote]") {
  Project p(R"(
[[gates.command]]
id = "freeze"
run = ["sleep", "4"]
commands = ["promote"]
phase = "freeze"
)");
  if (!p.url) return;
  ProcessResult first;
  std::thread t([&] { first = p.relctl({"promote", "code-v1.0.0", "--to", "staging"}); });
  // The first run holds the lock while its freeze command sleeps.
  for (int i = 0; i < 100; ++i) {
    if (p.staging->value("SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = "
                         "l.database WHERE l.locktype = 'advisory' AND d.datname = "
                         "current_database()") != "0") {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  const auto second = p.relctl({"promote", "code-v1.0.0", "--to", "staging"});
  t.join();
  INFO(output(first));
  INFO(output(second));
  CHECK(first.exit_code == 0);
  CHECK(second.exit_code == 4);
  CHECK_THAT(output(second), Contains("is locked by") && Contains("relctl/"));
  CHECK(p.staging->value("SELECT count(*) FROM relctl.deployments") == "1");
}

TEST_CASE("rollback: back to the last good release, the bad one rejected",
          "[e2e][pg][promote][rollback]") {
  Project p(R"(
[[gates.command]]
id = "integration"
run = ["sh", "-c", "echo flaky infrastructure >&2; exit 1"]
commands = ["promote"]
phase = "smoke"
severity = "soft"
)");
  if (!p.url) return;
  check_passed(p.relctl({"promote", "code-v1.0.0", "--to", "staging"}));
  p.release("1.1.0", {{"migrations/0002_note.sql", m2}}, "1.1.0");
  auto r = p.relctl({"promote", "code-v1.1.0", "--to", "staging", "--json"});
  check_passed(r);
  // The soft gate warned, the promotion went on, the audit row says so.
  const auto doc = nlohmann::json::parse(r.out);
  bool warned = false;
  for (const auto& g : doc["gates"])
    warned = warned || (g["id"] == "command.integration" && g["status"] == "warned");
  CHECK(warned);
  CHECK_THAT(p.staging->value("SELECT warnings FROM relctl.deployments ORDER BY id DESC LIMIT 1"),
             Contains("command.integration"));

  // A dry run shows the plan and changes nothing.
  const auto before = p.staging->fingerprint();
  const auto refs = p.git("git show-ref && git status --porcelain");
  r = p.relctl({"rollback", "--env", "staging", "--dry-run"});
  INFO(output(r));
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("code-v1.1.0 (current") && Contains("-> code-v1.0.0"));
  CHECK_THAT(r.out, Contains("staging has 1 migration that code-v1.0.0 does not: 0002_note.sql"));
  CHECK_THAT(r.out, Contains("skipped env.order") && Contains("rollback: code-v1.0.0 was live"));
  CHECK_THAT(r.out, Contains("planned deploy.record") && Contains("mark code-v1.1.0 rejected"));
  CHECK(p.staging->fingerprint() == before);
  CHECK(p.git("git show-ref && git status --porcelain") == refs);
  check_envelope(p.relctl({"rollback", "--env", "staging", "--dry-run", "--json"}), 0, "passed");

  r = p.relctl({"rollback", "--env", "staging", "--reason", "checkout broke"});
  INFO(output(r));
  REQUIRE(r.exit_code == 0);
  CHECK(p.current(*p.staging, "staging") == "code-v1.0.0 rollback");
  // Migrations are never reverted: the column stays; 1.0.0 runs on 1.1.0's schema.
  CHECK(p.staging->value("SELECT version FROM app.schema_version") == "1.1.0");
  CHECK(p.staging->value("SELECT rejected_reason FROM relctl.deployments WHERE tag = "
                         "'code-v1.1.0' AND rejected") == "checkout broke");

  // The rejected release does not go out again by accident.
  r = p.relctl({"promote", "code-v1.1.0", "--to", "staging"});
  INFO(output(r));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Contains("failed  release.verify") && Contains("was rejected in staging"));
  // --to only returns to a release the environment ran before.
  p.release("1.2.0", {{"NOTES.md", "never promoted\n"}}, "1.1.0");
  r = p.relctl({"rollback", "--env", "staging", "--to", "code-v1.2.0"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("code-v1.2.0 was never live in staging"));
  check_envelope(p.relctl({"rollback", "--env", "staging", "--to", "code-v1.2.0", "--json"}), 2,
                 "error");

  const auto hist = nlohmann::json::parse(p.relctl({"history", "--env", "staging", "--json"}).out);
  REQUIRE(hist["deployments"].size() == 3);
  CHECK(hist["deployments"][0]["kind"] == "rollback");
  CHECK(hist["deployments"][1]["rejected"] == true);
}

TEST_CASE("rollback: docs/rollback.md's --allow-rejected example runs as written",
          "[e2e][pg][promote][rollback]") {
  // The page's story: code-v0.3.1 in staging and prod, then code-v0.4.0 in
  // both, rolled back in prod.
  Project p("", "0.3.1");
  if (!p.url) return;
  check_passed(p.relctl({"promote", "code-v0.3.1", "--to", "staging"}));
  p.age_staging(2);
  check_passed(p.relctl({"promote", "code-v0.3.1", "--to", "prod", "--confirm", phrase}));
  p.release("0.4.0", {{"migrations/0002_note.sql", m2}}, "1.1.0");
  check_passed(p.relctl({"promote", "code-v0.4.0", "--to", "staging"}));
  p.age_staging(2);
  check_passed(p.relctl({"promote", "code-v0.4.0", "--to", "prod", "--confirm", phrase}));
  check_passed(p.relctl({"rollback", "--env", "prod", "--reason",
                         "bot answers cut off mid-sentence", "--confirm", phrase}));
  auto r = p.relctl({"promote", "code-v0.4.0", "--to", "prod", "--confirm", phrase});
  INFO(output(r));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Contains("code-v0.4.0 was rejected in prod"));

  // The example, byte for byte as the page has it, run by bash.
  const std::string page = read_file(fs::path(RELCTL_SOURCE_DIR) / "docs/rollback.md");
  const std::string fence = "```sh\n";
  const auto block = page.find(fence + "relctl promote code-v0.4.0 --to prod");
  REQUIRE(block != std::string::npos);
  const auto at = block + fence.size();
  const std::string example = page.substr(at, page.find("\n```", at) - at);
  CHECK_THAT(example, Contains("--confirm \"" + phrase + "\""));
  CHECK_THAT(example, Contains("--allow-rejected \"the outage was the chat gateway"));
  r = run_process(
      {"bash", "-c", example},
      {.cwd = p.work,
       .env = {{"PATH", fs::path(RELCTL_BINARY).parent_path().string() + ":" + std::getenv("PATH")},
               {"HOME", p.tmp.path().string()},
               {"GIT_CONFIG_NOSYSTEM", "1"},
               {"USER", "tester"},
               {"STAGING_URL", p.staging->url()},
               {"PROD_URL", p.prod->url()}}});
  INFO(example << "\n" << output(r));
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out,
             Contains("promoted anyway") && Contains("the outage was the chat gateway, not 0.4.0"));
  CHECK(p.current(*p.prod, "prod") == "code-v0.4.0 promote");
}

TEST_CASE("rollback: an older release that cannot run on the newer schema stops the rollback",
          "[e2e][pg][promote][rollback]") {
  Project p;
  if (!p.url) return;
  check_passed(p.relctl({"promote", "code-v1.0.0", "--to", "staging"}));
  p.release("2.0.0",
            {{"migrations/0002_v2.sql",
              "ALTER TABLE app.items RENAME COLUMN name TO title;\n"
              "UPDATE app.schema_version SET version = '2.0.0';\n"}},
            "2.0.0");
  check_passed(p.relctl({"promote", "code-v2.0.0", "--to", "staging"}));
  const auto before = p.staging->fingerprint();
  const auto r = p.relctl({"rollback", "--env", "staging", "--hotfix"});
  INFO(output(r));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Contains("failed  pg.schema-guard") && Contains("new forward migration"));
  CHECK(p.staging->fingerprint() == before);
  CHECK(p.current(*p.staging, "staging") == "code-v2.0.0 promote");
  CHECK(p.git("git branch --list 'hotfix/*'").empty());
}

TEST_CASE("rollback --hotfix opens hotfix/vX.Y.(Z+1) from the good tag",
          "[e2e][pg][promote][rollback]") {
  Project p;
  if (!p.url) return;
  check_passed(p.relctl({"promote", "code-v1.0.0", "--to", "staging"}));
  p.release("1.1.0", {{"migrations/0002_note.sql", m2}}, "1.1.0");
  check_passed(p.relctl({"promote", "code-v1.1.0", "--to", "staging"}));
  const auto r = p.relctl({"rollback", "--env", "staging", "--hotfix"});
  check_passed(r);
  CHECK(p.git("git rev-parse --abbrev-ref HEAD") == "hotfix/v1.0.1\n");
  CHECK(p.git("git rev-parse hotfix/v1.0.1") == p.git("git rev-parse code-v1.0.0^{commit}"));
}

TEST_CASE("rollback --hotfix killed after its branch exists: recover removes the branch",
          "[e2e][pg][promote][rollback][recover]") {
  Project p;
  if (!p.url) return;
  check_passed(p.relctl({"promote", "code-v1.0.0", "--to", "staging"}));
  p.release("1.1.0", {{"migrations/0002_note.sql", m2}}, "1.1.0");
  check_passed(p.relctl({"promote", "code-v1.1.0", "--to", "staging"}));
  const std::string head = p.git("git rev-parse HEAD && git rev-parse --abbrev-ref HEAD");
  const fs::path marker = p.tmp / "paused";
  RunOptions o;
  o.env = {{"RELCTL_TEST", "1"},
           {"RELCTL_TEST_PAUSE_BEFORE", "env.order"},
           {"RELCTL_TEST_PAUSE_FILE", marker.string()}};
  // While it runs, it holds the repository lock as a release does: a
  // code-release in the same work tree waits for nothing and exits 4.
  ProcessResult during;
  o.signal_when = [&] {
    if (!fs::exists(marker)) return false;
    during = p.relctl({"code-release"});
    return true;
  };
  o.signal = SIGKILL;
  const auto killed = p.relctl({"rollback", "--env", "staging", "--hotfix"}, o);
  REQUIRE(killed.exit_code == 128 + SIGKILL);
  REQUIRE(p.git("git branch --list 'hotfix/*'") != "");
  INFO(output(during));
  CHECK(during.exit_code == 4);
  CHECK_THAT(during.err, Contains("holds the repository lock"));

  const auto next = p.relctl({"promote", "code-v1.1.0", "--to", "staging"});
  INFO(output(next));
  CHECK(next.exit_code == 1);
  CHECK_THAT(next.err, Contains("abandoned") && Contains("hotfix/v1.0.1"));

  const auto recovered = p.relctl({"recover"});
  INFO(output(recovered));
  CHECK(recovered.exit_code == 0);
  CHECK(p.git("git branch --list 'hotfix/*'").empty());
  CHECK(p.git("git rev-parse HEAD && git rev-parse --abbrev-ref HEAD") == head);
  const auto doc = nlohmann::json::parse(p.relctl({"history", "--json"}).out);
  std::string status;
  for (const auto& r : doc["runs"]) {
    if (r["command"] == "rollback") status = r["status"];
  }
  CHECK(status == "recovered");
  CHECK(p.current(*p.staging, "staging") == "code-v1.1.0 promote");
}

TEST_CASE("promote --dry-run changes nothing and names the pending migrations",
          "[e2e][pg][promote]") {
  Project p;
  if (!p.url) return;
  const auto before = p.staging->fingerprint();
  const auto refs = p.git("git show-ref && git status --porcelain");
  const auto r = p.relctl({"promote", "code-v1.0.0", "--to", "staging", "--dry-run"});
  INFO(output(r));
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("planned pg.migrate") && Contains("0001_init.sql"));
  CHECK_THAT(r.out, Contains("planned deploy.record"));
  CHECK(p.staging->fingerprint() == before);
  CHECK(p.git("git show-ref && git status --porcelain") == refs);
  CHECK_FALSE(fs::exists(p.deploy_log));
  for (const auto& secret : test_password_forms()) {
    CHECK_THAT(output(r), !Contains(secret));
  }
}

TEST_CASE("promote: the phrase typed at a terminal prompt", "[e2e][pg][promote]") {
  Project p;
  if (!p.url) return;
  check_passed(p.relctl({"promote", "code-v1.0.0", "--to", "staging"}));
  p.age_staging(2);
  const auto before = p.prod->fingerprint();
  // `script` gives relctl a terminal; what we write to script's stdin is typed there.
  auto at_terminal = [&](const std::string& typed) {
    RunOptions o;
    o.cwd = p.work;
    o.env = {{"HOME", p.tmp.path().string()},
             {"GIT_CONFIG_NOSYSTEM", "1"},
             {"STAGING_URL", p.staging->url()},
             {"PROD_URL", p.prod->url()}};
    o.stdin_text = typed + "\n";
    // append(), not `std::string + "..."`: gcc 12 -O2 inlines the latter
    // here into a false -Warray-bounds (an error with -Werror).
    std::string command(RELCTL_BINARY);
    command.append(" promote code-v1.0.0 --to prod --no-color");
    return run_process({"script", "-qec", command, "/dev/null"}, o);
  };
  auto r = at_terminal("confirm production deployment");
  INFO(output(r));
  CHECK_THAT(r.out, Contains("Type \"" + phrase + "\" to continue"));
  CHECK_THAT(r.out, Contains("failed  env.confirm") && Contains("does not match"));
  // The hint says what was wrong, not "type the phrase at a terminal" again.
  CHECK_THAT(r.out, Contains("hint: run it again and type \"" + phrase + "\" as shown"));
  CHECK_THAT(r.out, !Contains("or run it at a terminal"));
  CHECK(p.prod->fingerprint() == before);

  r = at_terminal(phrase);
  INFO(output(r));
  CHECK_THAT(r.out, Contains("confirmed at the terminal"));
  CHECK(p.current(*p.prod, "prod") == "code-v1.0.0 promote");
}

TEST_CASE("promote: a failure after the migrations ran is recorded as a failed deployment",
          "[e2e][pg][promote]") {
  Project p(R"(
[[gates.command]]
id = "contract-tests"
run = ["sh", "-c", "test \"$RELCTL_TAG\" != code-v1.1.0"]
commands = ["promote"]
phase = "smoke"
)");
  if (!p.url) return;
  check_passed(p.relctl({"promote", "code-v1.0.0", "--to", "staging"}));
  p.release("1.1.0", {{"migrations/0002_note.sql", m2}}, "1.1.0");
  const auto r = p.relctl({"promote", "code-v1.1.0", "--to", "staging"});
  INFO(output(r));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Contains("failed  command.contract-tests"));
  CHECK_THAT(r.err, Contains("recorded a failed deployment"));
  // The migration stays (migrations are never reverted); the audit says what happened.
  CHECK(p.staging->value("SELECT version FROM app.schema_version") == "1.1.0");
  CHECK(p.staging->value("SELECT status FROM relctl.deployments WHERE tag = 'code-v1.1.0'") ==
        "failed");
  CHECK(p.current(*p.staging, "staging") == "code-v1.0.0 promote");
}

TEST_CASE("promote: a deploy command printing Latin-1 passes and is recorded succeeded",
          "[e2e][pg][promote][hostile]") {
  // nlohmann::json threw on its output: the deploy ran, the gate failed.
  Project p(R"(
[[gates.command]]
id = "latin1"
run = ["printf", "d\\351ploy\\033[2J termin\\351\\n"]
commands = ["promote"]
phase = "deploy"
)");
  if (!p.url) return;
  const auto r = p.relctl({"promote", "code-v1.0.0", "--to", "staging", "-v"});
  check_passed(r);
  CHECK_THAT(r.out, Contains("passed  command.latin1"));
  CHECK_THAT(r.out, Contains("d\xEF\xBF\xBDploy\\\\x1b[2J"));
  CHECK(p.current(*p.staging, "staging") == "code-v1.0.0 promote");
  const auto j = p.relctl({"history", "--env", "staging", "--json"});
  CHECK(j.exit_code == 0);
  CHECK(nlohmann::json::parse(j.out)["runs"].at(0)["status"] == "passed");
}

TEST_CASE("promote --dry-run: a [[db_checks]] sql that tries to escape or write changes nothing",
          "[e2e][pg][promote][hostile]") {
  // Through the simple-query protocol this created the table in a dry run.
  Project p(R"toml(
[[db_checks]]
name = "escape"
sql = "SELECT 1 WHERE false) AS a; COMMIT; CREATE TABLE public.pwned (i int); SELECT (1"

[[db_checks]]
name = "writer"
sql = "SELECT public.bump()"
)toml");
  if (!p.url) return;
  for (auto* db : {p.staging.get(), p.prod.get()}) {
    db->sql("CREATE TABLE public.counter (n int)");
    db->sql(
        "CREATE FUNCTION public.bump() RETURNS int LANGUAGE sql AS "
        "'INSERT INTO public.counter VALUES (1) RETURNING n'");
  }
  check_passed(p.relctl({"promote", "code-v1.0.0", "--to", "staging", "--skip", "pg.checks",
                         "--reason", "the checks are what this test runs"}));
  p.age_staging(2);
  const auto staging_before = p.staging->fingerprint();
  const auto prod_before = p.prod->fingerprint();
  const auto r = p.relctl({"check", "pg.checks", "--env", "staging"});
  INFO(output(r));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Contains("escape: the query holds more than one statement"));
  CHECK_THAT(r.out, Contains("writer: the query tries to write, but relctl runs it read-only"));
  const auto d = p.relctl({"promote", "code-v1.0.0", "--to", "prod", "--dry-run"});
  INFO(output(d));
  CHECK(d.exit_code == 1);
  CHECK_THAT(d.out, Contains("failed  pg.checks"));
  for (auto* db : {p.staging.get(), p.prod.get()}) {
    CHECK(db->value("SELECT to_regclass('public.pwned')::text").empty());
    CHECK(db->value("SELECT count(*) FROM public.counter") == "0");
  }
  CHECK(p.staging->fingerprint() == staging_before);
  CHECK(p.prod->fingerprint() == prod_before);
}

TEST_CASE("promote: Relctl-* trailers come from the tag message's final trailer block only",
          "[e2e][pg][promote][hostile]") {
  // release.verify took the first "Relctl-Version:" line anywhere in the message.
  Project p;
  if (!p.url) return;
  p.release("1.0.1", {{"notes.txt", "a fix\n"}}, "1.0.0");
  p.git(
      "git tag -f -a code-v1.0.1 -m 'Release 1.0.1' -m 'Quoted from a changelog:\n"
      "Relctl-Version: 6.6.6' -m 'Relctl-Version: 1.0.1' && git push -q -f origin code-v1.0.1");
  check_passed(p.relctl({"promote", "code-v1.0.1", "--to", "staging"}));
  CHECK(p.staging->value("SELECT version FROM relctl.deployments WHERE tag = 'code-v1.0.1'") ==
        "1.0.1");
}

TEST_CASE("promote and rollback record forge deployments ([forge] deployments = true)",
          "[e2e][pg][promote][forge]") {
  ForgeServer server(ForgeServer::Kind::github, "acme/shop");
  Project p("\n[forge]\nkind = \"github\"\napi_url = \"" + server.api_url() +
            "\"\nrepository = \"acme/shop\"\ndeployments = true\n");
  if (!p.url) return;
  RunOptions o;
  o.env["GITHUB_TOKEN"] = ForgeServer::token;

  auto r = p.relctl({"promote", "code-v1.0.0", "--to", "staging", "--dry-run"}, o);
  check_passed(r);
  CHECK(server.writes().empty());
  CHECK_THAT(r.out, Contains("would record the GitHub deployment of code-v1.0.0 to staging"));
  CHECK_THAT(r.out, Contains("POST " + server.api_url() + "/repos/acme/shop/deployments {"));

  r = p.relctl({"promote", "code-v1.0.0", "--to", "staging"}, o);
  check_passed(r);
  CHECK_THAT(r.out, Contains("passed  forge.deployment"));
  auto writes = server.writes();
  REQUIRE(writes.size() == 2);
  CHECK(writes[0].line() == "POST /repos/acme/shop/deployments");
  CHECK(writes[0].json()["ref"] == "code-v1.0.0");
  CHECK(writes[0].json()["environment"] == "staging");
  CHECK(writes[0].json()["production_environment"] == false);
  CHECK_THAT(writes[1].line(), Contains("/statuses"));
  CHECK(writes[1].json()["state"] == "success");

  p.release("1.1.0", {{"migrations/0002_note.sql", m2}}, "1.1.0");
  check_passed(p.relctl({"promote", "code-v1.1.0", "--to", "staging"}, o));
  r = p.relctl({"rollback", "--env", "staging"}, o);
  check_passed(r);
  writes = server.writes();
  REQUIRE(writes.size() == 6);
  CHECK(writes[4].json()["ref"] == "code-v1.0.0");
  CHECK(writes[4].json()["description"] == "relctl rollback to code-v1.0.0");

  // The forge is down: the deployment stands, the gate warns.
  server.fail_next("POST /repos/acme/shop/deployments", 1,
                   {422, {}, R"({"message":"Validation Failed"})"});
  p.release("1.2.0", {{"NOTES", "1.2.0\n"}}, "1.1.0");
  r = p.relctl({"promote", "code-v1.2.0", "--to", "staging"}, o);
  check_passed(r);
  CHECK_THAT(r.out, Contains("warned  forge.deployment"));
  CHECK(p.current(*p.staging, "staging") == "code-v1.2.0 promote");
  CHECK_THAT(r.out + r.err, !Contains(ForgeServer::token));
}

TEST_CASE("promote: a promotion that waited for the lock sees the release became current",
          "[e2e][pg][promote][safety]") {
  Project p(R"(
[[gates.command]]
id = "freeze"
run = ["sh", "-c", "echo frozen >> ../freeze.log; sleep 2"]
commands = ["promote"]
phase = "freeze"
)");
  if (!p.url) return;
  // Long enough for the second run to wait out the first.
  std::string toml = read_file(p.work / "relctl.toml");
  const std::string short_wait = "lock_timeout = \"2s\"";
  toml.replace(toml.find(short_wait), short_wait.size(), "lock_timeout = \"60s\"");
  write_file(p.work / "relctl.toml", toml);
  ProcessResult first;
  std::thread t([&] { first = p.relctl({"promote", "code-v1.0.0", "--to", "staging"}); });
  // The second starts once the first holds the lock: its deploy.current still
  // sees no current release, then it waits for the lock.
  for (int i = 0; i < 400 && !fs::exists(p.tmp / "freeze.log"); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  const auto second = p.relctl({"promote", "code-v1.0.0", "--to", "staging"});
  t.join();
  INFO(output(first));
  INFO(output(second));
  CHECK(first.exit_code == 0);
  CHECK(second.exit_code == 0);
  CHECK_THAT(second.out, Contains("passed  deploy.current") &&
                             Contains("under the lock, read again: code-v1.0.0 is already the "
                                      "current release of staging"));
  CHECK(p.staging->value("SELECT count(*) FROM relctl.deployments") == "1");
  CHECK(read_file(p.tmp / "freeze.log") == "frozen\n");
  const std::string deployed = read_file(p.deploy_log);  // one line: deployed once
  CHECK(std::count(deployed.begin(), deployed.end(), '\n') == 1);
}

TEST_CASE("promote --dry-run of a fresh environment: checks on tables pending migrations create",
          "[e2e][pg][promote][safety]") {
  Project p(R"toml(
[[db_checks]]
name = "named items"
sql = "SELECT id FROM app.items WHERE name IS NULL"

[[db_checks]]
table = "app.items"
row_count = { min = 1 }
)toml");
  if (!p.url) return;
  const auto before = p.staging->fingerprint();
  const auto dry = p.relctl({"promote", "code-v1.0.0", "--to", "staging", "--dry-run"});
  INFO(output(dry));
  CHECK(dry.exit_code == 0);
  CHECK_THAT(dry.out, Contains("pg.checks") && Contains("skipped in the dry run (named items") &&
                          Contains("1 pending migration would run first"));
  CHECK(p.staging->fingerprint() == before);
  // The real run agrees: after pg.migrate the same checks pass.
  const auto real = p.relctl({"promote", "code-v1.0.0", "--to", "staging"});
  check_passed(real);
  CHECK_THAT(real.out, Contains("2 checks passed"));
}

TEST_CASE("promote --dry-run runs the smoke SQL on a scratch database: no sequence moves",
          "[e2e][pg][promote][safety]") {
  Project p;
  if (!p.url) return;
  check_passed(p.relctl({"promote", "code-v1.0.0", "--to", "staging"}));
  // 1.1.0 adds a sequence its smoke SQL draws from; migrate puts it in place.
  p.release("1.1.0",
            {{"migrations/0002_ticket.sql", "CREATE SEQUENCE app.ticket;\n"},
             {"smoke.sql", "SELECT nextval('app.ticket');\n"}},
            "1.0.0");
  check_passed(p.relctl({"migrate", "--env", "staging", "--from-tag", "code-v1.1.0"}));
  const auto before = p.staging->value("SELECT last_value || ' ' || is_called FROM app.ticket");
  const auto r = p.relctl({"promote", "code-v1.1.0", "--to", "staging", "--dry-run"});
  INFO(output(r));
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("1 statement of smoke.sql ran without error on a scratch database"));
  CHECK(p.staging->value("SELECT last_value || ' ' || is_called FROM app.ticket") == before);
}

TEST_CASE("promote --wait waits out the soak, refuses past its limit, stops on Ctrl-C",
          "[e2e][pg][promote]") {
  Project p;
  if (!p.url) return;
  check_passed(p.relctl({"promote", "code-v1.0.0", "--to", "staging"}));
  // Staging's release has `left` of its 1h soak to go.
  const auto soak_left = [&](const std::string& left) {
    p.staging->sql(
        "UPDATE relctl.deployments SET finished_at = now() - interval '1 hour' + "
        "interval '" +
        left + "'");
  };
  const std::vector<std::string> to_prod = {"promote",   "code-v1.0.0", "--to",  "prod",
                                            "--confirm", phrase,        "--wait"};
  const auto prod_untouched = [&] {
    CHECK(p.prod->value("SELECT to_regclass('app.items')::text") == "");
    const std::string deployed = fs::exists(p.deploy_log) ? read_file(p.deploy_log) : "";
    CHECK(deployed.find("prod") == std::string::npos);
  };

  soak_left("10 minutes");
  auto args = to_prod;
  args.push_back("1m");
  auto r = p.relctl(args);
  INFO(output(r));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Contains("failed  env.soak") && Contains("more than --wait 1m allows"));
  r = p.relctl({"promote", "code-v1.0.0", "--to", "prod", "--wait", "soon"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("--wait invalid duration \"soon\""));
  prod_untouched();

  // Ctrl-C during the wait: exit 130, nothing done.
  const auto start = std::chrono::steady_clock::now();
  r = p.relctl(to_prod, {.signal_when = [&] {
                 return std::chrono::steady_clock::now() - start > std::chrono::milliseconds(1500);
               }});
  INFO(output(r));
  CHECK(r.exit_code == 130);
  prod_untouched();

  soak_left("2 seconds");
  r = p.relctl(to_prod);
  check_passed(r);
  CHECK_THAT(r.err, Contains("relctl: env.soak: waiting"));
  CHECK_THAT(r.out, Contains("passed  env.soak") && Contains("after waiting"));
  CHECK(p.current(*p.prod, "prod") == "code-v1.0.0 promote");
}

TEST_CASE("promote: kill -9 before deploy.record: recover says what the database holds",
          "[e2e][pg][promote][recover]") {
  Project p;
  if (!p.url) return;
  check_passed(p.relctl({"promote", "code-v1.0.0", "--to", "staging"}));
  p.release("1.1.0", {{"migrations/0002_note.sql", m2}}, "1.1.0");
  const fs::path marker = p.tmp / "paused";
  RunOptions o;
  o.env = {{"RELCTL_TEST", "1"},
           {"RELCTL_TEST_PAUSE_BEFORE", "deploy.record"},
           {"RELCTL_TEST_PAUSE_FILE", marker.string()}};
  o.signal_when = [marker] { return fs::exists(marker); };
  o.signal = SIGKILL;
  auto kill_promotion = [&] {
    fs::remove(marker);
    const auto killed = p.relctl({"promote", "code-v1.1.0", "--to", "staging"}, o);
    REQUIRE(killed.exit_code == 128 + SIGKILL);
    std::string run;
    for (const auto& e : fs::directory_iterator(p.work / ".relctl" / "journal")) {
      if (e.path().extension() == ".jsonl") run = e.path().stem().string();
    }
    REQUIRE_FALSE(run.empty());
    return run;
  };
  auto ledger_row = [&](const std::string& run) {
    const auto doc = nlohmann::json::parse(p.relctl({"history", "--json"}).out);
    for (const auto& r : doc["runs"]) {
      if (r["run_id"] == run) return r;
    }
    return nlohmann::json::object();
  };

  SECTION("relctl recover") {
    const std::string run = kill_promotion();
    CHECK(ledger_row(run)["status"] == "running");
    const auto recovered = p.relctl({"recover"});
    INFO(output(recovered));
    CHECK(recovered.exit_code == 0);
    CHECK_THAT(recovered.out, Contains("run " + run));
    CHECK_THAT(recovered.out, Contains("no deployment recorded"));
    CHECK_THAT(recovered.out, Contains("0002_note.sql"));  // committed: it stays
    CHECK(ledger_row(run)["status"] == "recovered");
    CHECK(p.current(*p.staging, "staging") == "code-v1.0.0 promote");
  }
  SECTION("the next promotion marks it abandoned and refuses until relctl recover") {
    const std::string run = kill_promotion();
    // A dry run only warns.
    const auto dry = p.relctl({"promote", "code-v1.1.0", "--to", "staging", "--dry-run"});
    INFO(output(dry));
    CHECK(dry.exit_code == 0);
    CHECK_THAT(dry.err, Contains("run " + run) && Contains("abandoned"));
    CHECK(ledger_row(run)["status"] == "running");

    const auto next = p.relctl({"promote", "code-v1.1.0", "--to", "staging"});
    INFO(output(next));
    CHECK(next.exit_code == 1);
    CHECK_THAT(next.err, Contains("run " + run) && Contains("abandoned") &&
                             Contains("no deployment recorded") &&
                             Contains("migrations it committed, which stay: 0002_note.sql") &&
                             Contains("relctl recover"));
    const auto row = ledger_row(run);
    CHECK(row["status"] == "abandoned");
    CHECK_THAT(row["gates"].back()["message"].get<std::string>(),
               Contains("no deployment recorded"));
    CHECK(p.current(*p.staging, "staging") == "code-v1.0.0 promote");
    // Refused again, and the ledger row gets no second note.
    CHECK(p.relctl({"promote", "code-v1.1.0", "--to", "staging"}).exit_code == 1);
    CHECK(ledger_row(run)["gates"].size() == row["gates"].size());

    const auto recovered = p.relctl({"recover"});
    INFO(output(recovered));
    CHECK(recovered.exit_code == 0);
    CHECK(ledger_row(run)["status"] == "recovered");
    check_passed(p.relctl({"promote", "code-v1.1.0", "--to", "staging"}));
    CHECK(p.current(*p.staging, "staging") == "code-v1.1.0 promote");
    CHECK_THAT(p.relctl({"recover"}).out, Contains("nothing to recover"));
  }
}

TEST_CASE(
    "promote: require_signature makes release.verify check the tag's signature as git tag "
    "-v does",
    "[e2e][pg][promote][signing]") {
  Project p("\n[code_release]\nrequire_signature = true\n");
  if (!p.url) return;
  const std::vector<std::string> dry = {"promote", "code-v1.0.0", "--to", "staging", "--dry-run"};
  const std::string retag =
      "git tag -f -s code-v1.0.0 -m 'Release 1.0.0' -m 'Relctl-Version: 1.0.0' 2>/dev/null";

  // An unsigned tag.
  auto r = p.relctl(dry);
  INFO(output(r));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Contains("failed  release.verify") && Contains("code-v1.0.0 is not signed") &&
                        Contains("[code_release] require_signature = true"));

  // Signed with an SSH key that the allowed signers list.
  SshKey key, stranger("eve@example.com");
  p.git("git config gpg.format ssh && git config user.signingKey " + stranger.key().string() +
        " && git config gpg.ssh.allowedSignersFile " + key.allowed_signers().string() + " && " +
        retag);
  r = p.relctl(dry);
  INFO(output(r));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Contains("failed  release.verify") &&
                        Contains("is not signed by a key of " + key.allowed_signers().string()));
  p.git("git config user.signingKey " + key.key().string() + " && " + retag);
  r = p.relctl(dry);
  INFO(output(r));
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("good signature by rel@example.com"));

  // Signed with a GnuPG key whose public key the verifier has.
  GnupgHome gpg("Test <test@example.com>");
  p.git("git config --unset gpg.format && git config --unset user.signingKey && " + gpg.env() +
        retag);
  RunOptions o;
  o.env["GNUPGHOME"] = gpg.path().string();
  r = p.relctl(dry, o);
  INFO(output(r));
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("good signature by Test <test@example.com>"));
}
