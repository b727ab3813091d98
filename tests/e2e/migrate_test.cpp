// `relctl migrate`, `relctl check pg.*` and `relctl doctor` run as a user
// runs them, against the throwaway cluster: applying, dry runs, the lock
// between two runs (and after kill -9), the environment guard, protected
// environments, Ctrl-C during pg.shadow, and secrets in every output.

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "e2e/migrate_project.hpp"
#include "support/pg_database.hpp"
#include "support/support.hpp"

using namespace relctl;
using namespace relctl::test;
using nlohmann::json;

namespace {

constexpr const char* sleepy_sql =
    "SELECT pg_sleep(coalesce(nullif(current_setting('relctl_test.sleep', true), ''), "
    "'0')::float8);\n";

}  // namespace

TEST_CASE("relctl migrate applies pending migrations, then has nothing to do",
          "[pg][e2e][migrate]") {
  auto admin = pg_or_skip();
  if (!admin) return;
  MigrateProject p(*admin);
  p.migration("001_jobs.sql", "CREATE TABLE jobs (id int PRIMARY KEY, status text);\n");
  p.migration("002_seed.sql", "INSERT INTO jobs VALUES (1, 'pending');\n");
  p.migration("003_index.sql", "CREATE INDEX jobs_status ON jobs (status);\n");

  auto r = p.relctl({"migrate", "--env", "dev"});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  for (const char* gate : {"pg.connect", "pg.env-guard", "pg.lock", "pg.history", "pg.migrate",
                           "pg.schema-guard", "pg.functions"}) {
    CHECK_THAT(r.out, Catch::Contains(gate));
  }
  CHECK_THAT(r.out, Catch::Contains("applied 3 migrations in one transaction"));
  CHECK(applied_scripts(p.db) == "001_jobs.sql,002_seed.sql,003_index.sql");
  CHECK(lock_holder(p.db).empty());  // released at the end of the run

  r = p.relctl({"migrate", "--env", "dev", "--json"});
  REQUIRE(r.exit_code == 0);
  const json doc = json::parse(r.out);
  CHECK(doc["command"] == "migrate");
  CHECK(doc["status"] == "passed");
  std::string migrate_message;
  for (const auto& g : doc["gates"]) {
    if (g["id"] == "pg.migrate") migrate_message = g["message"];
  }
  CHECK_THAT(migrate_message, Catch::Contains("nothing to apply"));
  CHECK(p.db.value("SELECT count(*) FROM relctl.schema_history") == "3");
}

TEST_CASE("relctl migrate --dry-run changes nothing, byte for byte", "[pg][e2e][migrate]") {
  auto admin = pg_or_skip();
  if (!admin) return;
  MigrateProject p(*admin);
  p.migration("001_jobs.sql", "CREATE TABLE jobs (id int);\n");

  SECTION("on a fresh database: not even the relctl schema appears") {
    const std::string before = p.db.fingerprint();
    const auto r = p.relctl({"migrate", "--env", "dev", "--dry-run"});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Contains("would apply 1 migration to environment dev (database "
                                      "app): 001_jobs.sql sha256:"));
    CHECK(p.db.fingerprint() == before);
  }
  SECTION("with history: schema_history and tables stay as they were") {
    REQUIRE(p.relctl({"migrate", "--env", "dev"}).exit_code == 0);
    p.migration("002_more.sql", "CREATE TABLE more (id int);\nINSERT INTO jobs VALUES (1);\n");
    const std::string before = p.db.fingerprint();
    const auto r = p.relctl({"migrate", "--env", "dev", "--dry-run"});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Contains("002_more.sql sha256:"));
    CHECK_THAT(r.out, Catch::Contains("nothing was changed"));
    CHECK(p.db.fingerprint() == before);
    CHECK(p.db.value("SELECT count(*) FROM jobs") == "0");
  }
}

TEST_CASE("relctl migrate --from-tag reads the tag's migrations", "[pg][e2e][migrate]") {
  auto admin = pg_or_skip();
  if (!admin) return;
  MigrateProject p(*admin);
  p.migration("001_a.sql", "CREATE TABLE from_tag (id int);\n");
  sh("git init -q -b main . && git add -A && git commit -qm first && git tag -a v1 -m v1",
     p.dir.path());
  p.migration("002_b.sql", "CREATE TABLE not_in_tag (id int);\n");
  const auto r = p.relctl({"migrate", "--env", "dev", "--from-tag", "v1"});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(applied_scripts(p.db) == "001_a.sql");
}

TEST_CASE("two concurrent runs: one proceeds, the other exits 4 naming the holder",
          "[pg][e2e][lock]") {
  auto admin = pg_or_skip();
  if (!admin) return;
  MigrateProject p(*admin);
  p.migration("001_slow.sql", sleepy_sql);

  ProcessResult holder;
  std::thread first([&] {
    RunOptions o;
    o.env["PGOPTIONS"] = "-c relctl_test.sleep=4";
    holder = p.relctl({"migrate", "--env", "dev"}, o);
  });
  std::string holder_app;
  REQUIRE(eventually([&] { return !(holder_app = lock_holder(p.db)).empty(); }));
  REQUIRE(holder_app.rfind("relctl/", 0) == 0);

  const auto t0 = std::chrono::steady_clock::now();
  const auto loser = p.relctl({"migrate", "--env", "dev"});
  const auto waited = std::chrono::steady_clock::now() - t0;
  first.join();

  INFO(loser.out << loser.err);
  CHECK(loser.exit_code == 4);
  CHECK(waited < std::chrono::seconds(4));
  CHECK_THAT(loser.out, Catch::Contains("environment dev (database app) is locked by run " +
                                        holder_app.substr(7) + " (" + holder_app + ")"));
  CHECK_THAT(loser.out, Catch::Contains("user relctl_test from 127.0.0.1, since "));
  INFO(holder.out << holder.err);
  CHECK(holder.exit_code == 0);
  CHECK(applied_scripts(p.db) == "001_slow.sql");
}

TEST_CASE("kill -9 of the holder frees the lock, the next run refuses until relctl recover",
          "[pg][e2e][lock][recover]") {
  auto admin = pg_or_skip();
  if (!admin) return;
  MigrateProject p(*admin, "");
  p.migration("001_slow.sql", sleepy_sql);
  const pid_t pid = spawn_relctl(p.dir.path(), {"migrate", "--env", "dev"},
                                 {{"APP_DB_URL", p.url}, {"PGOPTIONS", "-c relctl_test.sleep=60"}});
  REQUIRE(eventually([&] { return !lock_holder(p.db).empty(); }));
  REQUIRE(eventually([&] {
    return p.db.value(
               "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%pg_sleep%' AND "
               "state = 'active' AND pid <> pg_backend_pid() AND datname = current_database()") ==
           "1";
  }));
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK(WIFSIGNALED(status));

  // The killed run is abandoned: the next run refuses until `relctl recover`.
  std::string run;
  for (const auto& e : fs::directory_iterator(p.dir.path() / ".relctl" / "journal")) {
    if (e.path().extension() == ".jsonl") run = e.path().stem().string();
  }
  REQUIRE_FALSE(run.empty());
  auto next = p.relctl({"migrate", "--env", "dev"});
  INFO(next.out << next.err);
  CHECK(next.exit_code == 1);
  CHECK_THAT(next.err, Catch::Contains("run " + run) && Catch::Contains("abandoned") &&
                           Catch::Contains("no migration of the run was committed") &&
                           Catch::Contains("relctl recover"));
  CHECK(applied_scripts(p.db).empty());
  const auto recovered = p.relctl({"recover"});
  INFO(recovered.out << recovered.err);
  CHECK(recovered.exit_code == 0);
  CHECK_THAT(recovered.out, Catch::Contains("run " + run));

  next = p.relctl({"migrate", "--env", "dev"});
  INFO(next.out << next.err);
  CHECK(next.exit_code == 0);
  CHECK(applied_scripts(p.db) == "001_slow.sql");
}

TEST_CASE("a prod environment pointed at the dev database fails before any write",
          "[pg][e2e][env-guard]") {
  auto admin = pg_or_skip();
  if (!admin) return;
  MigrateProject p(*admin, R"(
[databases.proddb]
url_env = "PROD_DB_URL"
expect_database = "gamebot_prod"

[environments.prod]
database = "proddb"
protected = true
)");
  p.migration("001_a.sql", "CREATE TABLE a (id int);\n");
  const std::string before = p.db.fingerprint();
  RunOptions o;
  o.env["PROD_DB_URL"] = p.url;  // the mistake
  const auto r = p.relctl({"migrate", "--env", "prod", "--confirm", "CONFIRM PROD DEPLOYMENT"}, o);
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Catch::Contains("expects database gamebot_prod but $PROD_DB_URL points at " +
                                    p.db.name()));
  CHECK(r.out.find("pg.lock") == std::string::npos);
  CHECK(p.db.fingerprint() == before);
}

TEST_CASE("a protected environment needs its phrase and cannot skip it", "[pg][e2e][confirm]") {
  auto admin = pg_or_skip();
  if (!admin) return;
  MigrateProject p(*admin, R"(
[environments.prod]
database = "app"
protected = true
confirm_phrase = "MIGRATE PROD NOW"
)");
  p.migration("001_a.sql", "CREATE TABLE a (id int);\n");

  auto r = p.relctl({"migrate", "--env", "prod"});  // no terminal in tests
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Catch::Contains("prod is protected and there is no terminal to ask on"));
  CHECK_THAT(r.out, Catch::Contains("--confirm \"MIGRATE PROD NOW\""));
  CHECK(r.out.find("pg.connect") == std::string::npos);  // failed before connecting
  // The dry run fails as the real run would: no terminal, no --confirm.
  r = p.relctl({"migrate", "--env", "prod", "--dry-run"});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Catch::Contains("failed  env.confirm") &&
                        Catch::Contains("prod is protected and there is no terminal to ask on"));
  CHECK(p.relctl({"migrate", "--env", "prod", "--dry-run", "--confirm", "MIGRATE PROD NOW"})
            .exit_code == 0);

  r = p.relctl({"migrate", "--env", "prod", "--skip", "env.confirm", "--reason", "in a hurry"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("--skip env.confirm is refused"));

  r = p.relctl({"migrate", "--env", "prod", "--confirm", "migrate prod now"});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Catch::Contains("--confirm does not match"));
  // The hint after a mistyped phrase shows the phrase; it does not tell the
  // user to pass --confirm, which they just did.
  CHECK_THAT(r.out, Catch::Contains("hint: the phrase is \"MIGRATE PROD NOW\""));
  CHECK_THAT(r.out, !Catch::Contains("hint: pass --confirm"));
  CHECK(p.db.value("SELECT to_regclass('relctl.schema_history') IS NULL") == "t");

  r = p.relctl({"migrate", "--env", "prod", "--confirm", "MIGRATE PROD NOW"});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(applied_scripts(p.db) == "001_a.sql");
  // Again: one migration is one migration.
  r = p.relctl({"migrate", "--env", "prod", "--confirm", "MIGRATE PROD NOW"});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("nothing to apply: the 1 migration is applied"));
}

TEST_CASE("Ctrl-C during pg.shadow drops the scratch database", "[pg][e2e][shadow]") {
  auto admin = pg_or_skip();
  if (!admin) return;
  MigrateProject p(*admin);
  p.migration("001_a.sql", "CREATE TABLE a (id int);\n");
  p.migration("002_slow.sql", "SELECT pg_sleep(30);\n");

  const fs::path trigger = p.dir / "interrupt-now";
  std::atomic<bool> stop{false};
  std::string scratch;  // the scratch database the run created
  std::thread watcher([&] {
    // Press Ctrl-C once the rehearsal is busy inside its scratch database.
    while (!stop) {
      scratch = p.db.value(
          "SELECT datname FROM pg_stat_activity WHERE datname LIKE 'relctl\\_shadow\\_%' AND "
          "query LIKE '%pg_sleep(30)%' AND state = 'active' LIMIT 1");
      if (!scratch.empty()) {
        write_file(trigger, "now");
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  });
  RunOptions o;
  o.interrupt_when_exists = trigger;
  const auto t0 = std::chrono::steady_clock::now();
  const auto r = p.relctl({"check", "pg.shadow", "--env", "dev"}, o);
  stop = true;
  watcher.join();
  INFO(r.out << r.err);
  REQUIRE(fs::exists(trigger));
  CHECK(r.exit_code == 130);
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(20));
  CHECK(admin_sql(*admin, "SELECT count(*) FROM pg_database WHERE datname = '" + scratch +
                              "'")[0][0] == "0");
}

TEST_CASE("a wrong password, host or database never shows the password anywhere",
          "[pg][e2e][secrets]") {
  auto admin = pg_or_skip();
  if (!admin) return;
  REQUIRE(admin->find("Tr0ub4dor%263%21") != std::string::npos);
  // The ledger lives in Postgres here, so its rows are checked too.
  ScratchDatabase ledger_db(*admin);
  MigrateProject p(*admin, "\n[ledger]\nurl_env = \"LEDGER_URL\"\n");
  p.migration("001_a.sql", "CREATE TABLE a (id int);\n");

  std::string bad = p.url;
  SECTION("wrong password") {
    bad.replace(bad.find("%21@"), 4, "%21x@");
  }
  SECTION("wrong host") {
    bad.replace(bad.find("@127.0.0.1:"), 11, "@no-such-host.invalid:");
  }
  SECTION("wrong database") {
    bad = with_database(bad, "no_such_db");
  }

  RunOptions o;
  o.env["APP_DB_URL"] = bad;
  o.env["LEDGER_URL"] = ledger_db.url();
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"migrate", "--env", "dev"},
           {"migrate", "--env", "dev", "--json"},
           {"migrate", "--env", "dev", "--dry-run", "-v"},
           {"check", "pg.connect", "pg.history", "--env", "dev", "--json"},
           {"doctor"},
           {"doctor", "--json"}}) {
    const auto r = p.relctl(args, o);
    INFO(fmt::format("{}", fmt::join(args, " ")));
    if (args[0] != "doctor") CHECK(r.exit_code == 3);
    CHECK_THAT(r.out + r.err, Catch::Contains("cannot connect"));
    check_no_secret("stdout", r.out);
    check_no_secret("stderr", r.err);
    if (args.back() == "--json" && args[0] != "doctor") CHECK_NOTHROW(json::parse(r.out));
  }
  const auto rows = ledger_db.sql("SELECT row(r.*)::text FROM relctl.runs r");
  CHECK(rows.size() == 4);
  for (const auto& row : rows) check_no_secret("ledger row", row[0].value_or(""));
  // Each of those runs wrote a debug log (-v also mirrored one to stderr).
  std::size_t logs = 0;
  for (const auto& entry : fs::directory_iterator(p.dir / ".relctl/logs")) {
    ++logs;
    check_no_secret(fmt::format("debug log {}", entry.path().filename().string()),
                    read_file(entry.path()));
  }
  CHECK(logs == 4);
}

TEST_CASE("the SQLite ledger never holds the password either", "[pg][e2e][secrets]") {
  auto admin = pg_or_skip();
  if (!admin) return;
  MigrateProject p(*admin);
  std::string bad = p.url;
  bad.replace(bad.find("%21@"), 4, "%21x@");
  RunOptions o;
  o.env["APP_DB_URL"] = bad;
  const auto r = p.relctl({"migrate", "--env", "dev"}, o);
  CHECK(r.exit_code == 3);
  const std::string ledger = read_file(p.dir / ".relctl/ledger.db");
  REQUIRE_FALSE(ledger.empty());
  check_no_secret("ledger file", ledger);
  SQLite::Database db((p.dir / ".relctl/ledger.db").string());
  SQLite::Statement st(db, "SELECT argv || gates FROM runs");
  REQUIRE(st.executeStep());
  const std::string row = st.getColumn(0).getString();
  CHECK_THAT(row, Catch::Contains("cannot connect"));
  check_no_secret("ledger row", row);
}

TEST_CASE("relctl doctor connects to each database", "[pg][e2e][doctor]") {
  auto admin = pg_or_skip();
  if (!admin) return;
  MigrateProject p(*admin);
  p.migration("001_a.sql", "CREATE TABLE a (id int);\n");
  p.migration("002_b.sql", "CREATE TABLE b (id int);\n");
  sh("git init -q -b main . && git add -A && git commit -qm first", p.dir.path());
  const auto r = p.relctl({"doctor"});
  INFO(r.out << r.err);
  CHECK_THAT(r.out, Catch::Contains("database app") && Catch::Contains("PostgreSQL 1") &&
                        Catch::Contains("database " + p.db.name() + " as relctl_test") &&
                        Catch::Contains("0 applied, 2 pending migrations"));
}

TEST_CASE("every run writes a debug log: gates, SQL, timings, never the password",
          "[pg][e2e][log]") {
  auto admin = pg_or_skip();
  if (!admin) return;
  MigrateProject p(*admin);
  p.migration("001_items.sql", "CREATE TABLE items (id int);\n");
  auto log_of = [&](const std::string& run_id) {
    return read_file(p.dir / ".relctl/logs" / fmt::format("{}.log", run_id));
  };

  // A dry run logs too; -v mirrors the log to stderr (stdout stays one JSON document).
  auto r = p.relctl({"migrate", "--env", "dev", "--dry-run", "-v", "--json"});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  const std::string dry_run_id = json::parse(r.out)["run_id"];
  CHECK_THAT(r.err, Catch::Contains("relctl: log: gate pg.connect (check, hard) starts"));
  check_no_secret("stderr", r.err);
  const std::string dry_log = log_of(dry_run_id);
  CHECK_THAT(dry_log, Catch::Contains("(dry run)") && Catch::Contains("gate pg.migrate planned"));
  check_no_secret("dry run's log", dry_log);

  r = p.relctl({"migrate", "--env", "dev", "--json"});
  REQUIRE(r.exit_code == 0);
  const std::string run_id = json::parse(r.out)["run_id"];
  const std::string log = log_of(run_id);
  CHECK_THAT(log, Catch::Contains(fmt::format("relctl migrate run {}", run_id)));
  CHECK_THAT(log, Catch::Contains("config ") && Catch::Contains("url_env = \"APP_DB_URL\""));
  CHECK_THAT(log, Catch::Contains("gate pg.migrate (action, hard) starts") &&
                      Catch::Contains("reads migrations.dir") &&
                      Catch::Contains("gate pg.migrate passed in"));
  CHECK_THAT(log,
             Catch::Contains("connected in") && Catch::Contains("CREATE TABLE items (id int)"));
  CHECK_THAT(log, Catch::Contains("run passed with exit code 0"));
  check_no_secret("log", log);
  CHECK(r.err.empty());  // without -v the log stays in its file

  // relctl history RUN --log prints it; relctl history RUN shows the run.
  r = p.relctl({"history", run_id, "--log"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == log);
  r = p.relctl({"history", run_id, "--json"});
  CHECK(r.exit_code == 0);
  CHECK(json::parse(r.out)["run"]["run_id"] == run_id);
  r = p.relctl({"history", "01NOSUCHRUN", "--log"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("no debug log of run 01NOSUCHRUN"));
  r = p.relctl({"history", "--log"});
  CHECK(r.exit_code == 2);
}

TEST_CASE("a migration whose file name is not UTF-8 is refused by name, nothing applied",
          "[pg][e2e][migrate][hostile]") {
  // Its name made pg.history's details throw: "internal error" after connecting.
  const auto admin = pg_or_skip();
  if (!admin) return;
  MigrateProject p(*admin);
  p.migration("0001_first.sql", "CREATE TABLE t (i int);\n");
  p.migration("0002_caf\xE9.sql", "ALTER TABLE t ADD COLUMN j int;\n");
  const auto r = p.relctl({"migrate", "--env", "dev", "--json"});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 2);
  const auto doc = json::parse(r.out);
  std::string message;
  for (const auto& g : doc["gates"]) {
    if (g["id"] == "pg.history") message = g["message"];
  }
  CHECK_THAT(message, Catch::Contains("migration \"0002_caf\xEF\xBF\xBD.sql\": its file name is "
                                      "not UTF-8 text"));
  CHECK(p.db.value("SELECT to_regclass('public.t')::text").empty());
}

TEST_CASE("a connection string libpq reads differently never shows its password anywhere",
          "[pg][e2e][secrets][hostile]") {
  // libpq's own messages quoted these: `invalid integer value "..." for
  // connection option "port"`, `missing "=" after "..."`, a host name.
  auto admin = pg_or_skip();
  if (!admin) return;
  const std::string port = std::getenv("RELCTL_TEST_PG_PORT");
  const std::string at_server = "@127.0.0.1:" + port + "/postgres";
  struct Variant {
    const char* what;
    std::string url;
    int exit_code;
  };
  const std::vector<Variant> variants = {
      {"no @host", "postgresql://relctl_test:Tr0ub4dor&3!", 2},
      {"unencoded /", "postgresql://relctl_test:Tr0ub4dor/3!" + at_server, 2},
      {"unencoded @", "postgresql://relctl_test:Tr0ub4dor@3!" + at_server, 2},
      {"a bare password", "Tr0ub4dor&3!", 2},
      {"a stray %", "postgresql://relctl_test:Tr0ub4dor%3!" + at_server, 2},
      {"a space", "postgresql://relctl_test:Tr0ub4dor &3!" + at_server, 3},
  };
  ScratchDatabase ledger_db(*admin);
  MigrateProject shared(*admin, "\n[ledger]\nurl_env = \"LEDGER_URL\"\n");
  MigrateProject local(*admin);
  TempDir out;
  int runs = 0;
  for (const auto& v : variants) {
    for (auto* p : {&shared, &local}) {
      for (const auto& args : std::vector<std::vector<std::string>>{
               {"check", "pg.connect", "--env", "dev", "--json"}, {"migrate", "--env", "dev"}}) {
        RunOptions o;
        o.env = {{"APP_DB_URL", v.url},
                 {"LEDGER_URL", ledger_db.url()},
                 {"GITHUB_ACTIONS", "true"},
                 {"GITHUB_STEP_SUMMARY", (out / "summary.md").string()}};
        const auto r = p->relctl(args, o);
        INFO(v.what << ": relctl " << fmt::format("{}", fmt::join(args, " ")) << "\n"
                    << r.out << r.err);
        CHECK(r.exit_code == v.exit_code);
        CHECK_THAT(r.out + r.err,
                   Catch::Contains(v.exit_code == 2 ? "does not show it" : "cannot connect"));
        check_no_secret("stdout", r.out);
        check_no_secret("stderr", r.err);
        if (args.back() == "--json") CHECK_NOTHROW(json::parse(r.out));
        if (p == &shared) ++runs;
      }
    }
  }
  check_no_secret("step summary", read_file(out / "summary.md"));
  const auto rows = ledger_db.sql("SELECT row(r.*)::text FROM relctl.runs r");
  CHECK(rows.size() == static_cast<std::size_t>(runs));
  for (const auto& row : rows) check_no_secret("Postgres ledger row", row[0].value_or(""));
  check_no_secret("SQLite ledger", read_file(local.dir / ".relctl/ledger.db"));
}
