// The full example of SPEC §5, loaded into the typed structs.

#include <catch2/catch.hpp>
#include <chrono>

#include "relctl/config/loader.hpp"

namespace cfg = relctl::config;
using namespace std::chrono_literals;

namespace {

// SPEC §5, verbatim.
const char* spec_example = R"spec([project]
name = "gamebot"
main_branch = "main"
remote = "origin"
release_branches = ["main"]

[ledger]                       # every run, dry runs included
path = ".relctl/ledger.db"     # embedded default (SQLite)
# url_env = "RELCTL_LEDGER_URL"  # a Postgres ledger shared by a team and CI

[databases.warehouse]
url_env = "WAREHOUSE_URL"      # connection string read from this variable
expect_database = "survivor_dw_prod"
expect_vars = { SURVIVOR_ENV = "prod" }

[data_release]
snapshot = "gamebot_lite/data/gamebot.sqlite"
manifest = "gamebot_lite/data/manifest.json"
tag = "data-{date}"
branch = "data-release/{date}"
mode = "pr"                    # or "direct": commit and tag on main at once
reports_dir = "run_logs/validation"
ingestion_run_id = { env = "INGESTION_RUN_ID" }   # or { sql = "SELECT ..." }
upstream_version = { env = "UPSTREAM_VERSION" }
max_row_drop = 0.05
allow_schema_break = false
commit_message = """data: Release {date} - survivor data snapshot

Ingestion run: {manifest.ingestion_run_id}
Tables exported: {manifest.table_count}"""

[data_release.export]          # optional: build the snapshot from Postgres
database = "warehouse"
schema = "gold"
tables = ["*"]

[[data_release.checks]]
table = "castaways"
row_count = { min = 100 }
[[data_release.checks]]
table = "castaways"
column = "castaway_id"
unique = true
not_null = true
[[data_release.checks]]
table = "votes"
column = "castaway_id"
relationship = { table = "castaways", column = "castaway_id" }
severity = "warn"
[[data_release.checks]]
name = "no_future_seasons"
sql = "SELECT * FROM seasons WHERE premiered > date('now')"  # rows = failure

[code_release]
mode = "direct"                # commit on main and tag; "pr": push release/vX.Y.Z, tag with --finalize after review
tag = "code-v{version}"
branch = "release/v{version}"
changelog = "CHANGELOG.md"
version_files = [{ path = "pyproject.toml", pattern = 'version = "{version}"' }]
artifacts = ["dist/*"]
require_data_release = true

[[gates.command]]
id = "tests"
run = ["pytest", "-q"]
commands = ["code-release"]
phase = "verify"               # verify | build | freeze | deploy | smoke
severity = "hard"
timeout = "10m"

[migrations]
dir = "supabase/migrations"    # <version>_<description>.sql, version = leading digits
transaction = "all"            # all | file; a file starting `-- relctl: no-transaction` runs alone
lock_timeout = "30s"
shadow = false

[schema_guard]
app_version = { file = "SCHEMA_VERSION" }   # read from the release's tree; or { env = "..." }
db_version_sql = "SELECT config_value->>'version' FROM bot_config WHERE config_key = 'schema_version'"

[[functions]]
name = "ops.claim_pending_job"
args = ["text[]", "integer", "text"]

[[db_checks]]                  # data.checks grammar, run by pg.checks on live tables
table = "ops.jobs"
column = "status"
accepted_values = ["pending", "running", "done", "failed"]
environments = ["staging", "prod"]   # default: every environment

[environments.staging]
database = "staging"
smoke = "scripts/smoke.sql"
[environments.prod]
database = "prod"
after = "staging"
soak = "1h"
protected = true
confirm_phrase = "CONFIRM PRODUCTION DEPLOYMENT"
)spec";

// SPEC §5's environments name the databases "staging" and "prod" without
// defining them; relctl requires every environment's database to exist, so
// the test adds the two tables the example leaves out.
const char* missing_databases = R"(
[databases.staging]
url_env = "STAGING_DATABASE_URL"
[databases.prod]
url_env = "PROD_DATABASE_URL"
)";

}  // namespace

TEST_CASE("SPEC 5 example: the environments need their databases defined", "[config]") {
  CHECK_THROWS_WITH(cfg::parse(spec_example, "relctl.toml"),
                    Catch::Matchers::StartsWith("relctl.toml:92:12: 'database' in "
                                                "[environments.staging] names \"staging\", but "
                                                "there is no [databases.staging]"));
}

TEST_CASE("SPEC 5 example loads into the expected structs", "[config]") {
  const auto c = cfg::parse(std::string(spec_example) + missing_databases, "relctl.toml");

  SECTION("project and ledger") {
    CHECK(c.project.name == "gamebot");
    CHECK(c.project.main_branch == "main");
    CHECK(c.project.remote == "origin");
    CHECK(c.project.release_branches == std::vector<std::string>{"main"});
    CHECK(c.project.token_env.empty());
    CHECK(c.ledger.path == ".relctl/ledger.db");
    CHECK(c.ledger.url_env.empty());
  }

  SECTION("databases, in file order") {
    REQUIRE(c.databases.size() == 3);
    const auto* wh = c.find_database("warehouse");
    REQUIRE(wh == &c.databases[0]);
    CHECK(wh->url_env == "WAREHOUSE_URL");
    CHECK(wh->expect_database == "survivor_dw_prod");
    CHECK(wh->expect_vars == std::map<std::string, std::string>{{"SURVIVOR_ENV", "prod"}});
    CHECK(wh->connect_timeout == 10s);
    CHECK(c.databases[1].name == "staging");
    CHECK(c.databases[2].name == "prod");
    CHECK(c.find_database("nope") == nullptr);
  }

  SECTION("data release") {
    REQUIRE(c.data_release);
    const auto& d = *c.data_release;
    CHECK(d.snapshot == "gamebot_lite/data/gamebot.sqlite");
    CHECK(d.manifest == "gamebot_lite/data/manifest.json");
    CHECK(d.tag == "data-{date}");
    CHECK(d.branch == "data-release/{date}");
    CHECK(d.mode == cfg::Mode::pr);
    CHECK(d.reports_dir == "run_logs/validation");
    CHECK(d.ingestion_run_id.from == cfg::ValueSource::From::env);
    CHECK(d.ingestion_run_id.value == "INGESTION_RUN_ID");
    CHECK(d.upstream_version.from == cfg::ValueSource::From::env);
    CHECK(d.upstream_version.value == "UPSTREAM_VERSION");
    CHECK(d.max_row_drop == Approx(0.05));
    CHECK_FALSE(d.allow_schema_break);
    CHECK(d.integrity == "full");
    CHECK(d.commit_message ==
          "data: Release {date} - survivor data snapshot\n\nIngestion run: "
          "{manifest.ingestion_run_id}\nTables exported: {manifest.table_count}");
    REQUIRE(d.export_);
    CHECK(d.export_->database == "warehouse");
    CHECK(d.export_->schema == "gold");
    CHECK(d.export_->tables == std::vector<std::string>{"*"});
    CHECK(d.export_->numeric == "text");
  }

  SECTION("data checks, with derived names") {
    const auto& checks = c.data_release->checks;
    REQUIRE(checks.size() == 4);
    CHECK(checks[0].name == "castaways row_count >= 100");
    CHECK(checks[0].table == "castaways");
    REQUIRE(checks[0].row_count);
    CHECK(checks[0].row_count->min == 100);
    CHECK_FALSE(checks[0].row_count->max);

    CHECK(checks[1].name == "castaways.castaway_id unique, not_null");
    CHECK(checks[1].column == "castaway_id");
    CHECK(checks[1].unique);
    CHECK(checks[1].not_null);
    CHECK(checks[1].severity == cfg::CheckSeverity::error);

    CHECK(checks[2].name == "votes.castaway_id -> castaways.castaway_id");
    REQUIRE(checks[2].relationship);
    CHECK(checks[2].relationship->table == "castaways");
    CHECK(checks[2].relationship->column == "castaway_id");
    CHECK(checks[2].severity == cfg::CheckSeverity::warn);

    CHECK(checks[3].name == "no_future_seasons");
    CHECK(checks[3].sql == "SELECT * FROM seasons WHERE premiered > date('now')");
    CHECK(checks[3].table.empty());
  }

  SECTION("code release") {
    REQUIRE(c.code_release);
    const auto& r = *c.code_release;
    CHECK(r.mode == cfg::Mode::direct);
    CHECK(r.tag == "code-v{version}");
    CHECK(r.branch == "release/v{version}");
    CHECK(r.changelog == "CHANGELOG.md");
    CHECK(r.commit_message == "chore(release): {version}");
    REQUIRE(r.version_files.size() == 1);
    CHECK(r.version_files[0].path == "pyproject.toml");
    CHECK(r.version_files[0].pattern == "version = \"{version}\"");
    CHECK(r.artifacts == std::vector<std::string>{"dist/*"});
    CHECK(r.require_data_release);
  }

  SECTION("command gates") {
    REQUIRE(c.commands.size() == 1);
    const auto& g = c.commands[0];
    CHECK(g.id == "tests");
    CHECK(g.run == std::vector<std::string>{"pytest", "-q"});
    CHECK(g.commands == std::vector<std::string>{"code-release"});
    CHECK(g.phase == cfg::Phase::verify);
    CHECK(cfg::to_string(g.phase) == "verify");
    CHECK_FALSE(g.soft);
    CHECK(g.timeout == 10min);
    CHECK_FALSE(g.dry_run);
    CHECK(g.env.empty());
    CHECK(g.cwd.empty());
  }

  SECTION("migrations, schema guard, functions, db checks") {
    CHECK(c.migrations.dir == "supabase/migrations");
    CHECK(c.migrations.transaction == "all");
    CHECK(c.migrations.lock_timeout == 30s);
    CHECK_FALSE(c.migrations.shadow);

    REQUIRE(c.schema_guard);
    CHECK(c.schema_guard->app_version.from == cfg::ValueSource::From::file);
    CHECK(c.schema_guard->app_version.value == "SCHEMA_VERSION");
    CHECK(c.schema_guard->db_version_sql ==
          "SELECT config_value->>'version' FROM bot_config WHERE config_key = "
          "'schema_version'");

    REQUIRE(c.functions.size() == 1);
    CHECK(c.functions[0].name == "ops.claim_pending_job");
    CHECK(c.functions[0].args == std::vector<std::string>{"text[]", "integer", "text"});

    REQUIRE(c.db_checks.size() == 1);
    const auto& dc = c.db_checks[0];
    CHECK(dc.name == "ops.jobs.status accepted_values");
    CHECK(dc.table == "ops.jobs");
    CHECK(dc.column == "status");
    CHECK(dc.accepted_values == std::vector<std::string>{"pending", "running", "done", "failed"});
    CHECK(dc.environments == std::vector<std::string>{"staging", "prod"});
  }

  SECTION("environments") {
    REQUIRE(c.environments.size() == 2);
    const auto* staging = c.find_environment("staging");
    REQUIRE(staging == &c.environments[0]);
    CHECK(staging->database == "staging");
    CHECK(staging->smoke == "scripts/smoke.sql");
    CHECK(staging->after.empty());
    CHECK(staging->soak == cfg::Duration::zero());
    CHECK_FALSE(staging->is_protected);
    CHECK(staging->confirm_phrase.empty());

    const auto* prod = c.find_environment("prod");
    REQUIRE(prod);
    CHECK(prod->database == "prod");
    CHECK(prod->after == "staging");
    CHECK(prod->soak == 1h);
    CHECK(prod->is_protected);
    CHECK(prod->confirm_phrase == "CONFIRM PRODUCTION DEPLOYMENT");
    CHECK(c.find_environment("dev") == nullptr);
  }

  SECTION("file and root") {
    CHECK(c.file == "relctl.toml");
    CHECK(c.root.empty());
  }
}

TEST_CASE("an empty relctl.toml gives the documented defaults", "[config]") {
  const auto c = cfg::parse("", "/srv/gamebot/relctl.toml");
  CHECK(c.project.name == "gamebot");  // the folder's name
  CHECK(c.project.main_branch == "main");
  CHECK(c.project.remote == "origin");
  CHECK(c.project.release_branches == std::vector<std::string>{"main"});
  CHECK(c.ledger.path == ".relctl/ledger.db");
  CHECK_FALSE(c.data_release);
  CHECK_FALSE(c.code_release);
  CHECK_FALSE(c.schema_guard);
  CHECK(c.migrations.dir == "migrations");
  CHECK(c.migrations.transaction == "all");
  CHECK(c.migrations.lock_timeout == 30s);
  CHECK(c.databases.empty());
  CHECK(c.environments.empty());
  CHECK(c.commands.empty());
  CHECK(c.root == "/srv/gamebot");
}

TEST_CASE("defaults that follow other keys", "[config]") {
  const auto c = cfg::parse(R"(
[project]
main_branch = "master"

[data_release]
snapshot = "data/app.sqlite"

[[data_release.checks]]
table = "seasons"
sql = "SELECT * FROM seasons WHERE id IS NULL"

[[data_release.checks]]
table = "seasons"
row_count = { min = 1, max = 99 }

[databases.db]
url_env = "DB_URL"

[environments.prod]
database = "db"
protected = true

[[gates.command]]
id = "deploy"
run = ["./deploy.sh", "{env}", "{tag}"]
phase = "deploy"
severity = "soft"
timeout = "1h30m"
dry_run = true
env = { DEPLOY_TAG = "{tag}" }
cwd = "ops"
)",
                            "relctl.toml");
  CHECK(c.project.release_branches == std::vector<std::string>{"master"});
  CHECK(c.data_release->manifest == "data/manifest.json");
  CHECK(c.data_release->checks[0].name == "seasons custom sql #1");
  CHECK(c.data_release->checks[1].name == "seasons row_count 1..99");
  CHECK(c.environments[0].confirm_phrase == "CONFIRM PROD DEPLOYMENT");
  const auto& g = c.commands.at(0);
  CHECK(g.phase == cfg::Phase::deploy);
  CHECK(cfg::to_string(g.phase) == "deploy");
  CHECK(g.soft);
  CHECK(g.timeout == 90min);
  CHECK(g.dry_run);
  CHECK(g.env.at("DEPLOY_TAG") == "{tag}");
  CHECK(g.cwd == "ops");
}

TEST_CASE("to_string names every phase", "[config]") {
  CHECK(cfg::to_string(cfg::Phase::verify) == "verify");
  CHECK(cfg::to_string(cfg::Phase::build) == "build");
  CHECK(cfg::to_string(cfg::Phase::freeze) == "freeze");
  CHECK(cfg::to_string(cfg::Phase::deploy) == "deploy");
  CHECK(cfg::to_string(cfg::Phase::smoke) == "smoke");
}
