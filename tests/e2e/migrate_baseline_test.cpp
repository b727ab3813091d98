// `relctl migrate baseline` adopts a database that another tool migrated:
// one test per tool with its own history table and realistic rows, then
// `relctl migrate` applies only the newer files.

#include <catch2/catch.hpp>

#include "e2e/migrate_project.hpp"
#include "relctl/core/sha256.hpp"
#include "relctl/pg/baseline.hpp"

using namespace relctl;
using namespace relctl::test;

namespace {

// What the other tool applied, and the file relctl should apply after adopting.
constexpr const char* jobs_sql = "CREATE TABLE jobs (id int PRIMARY KEY, status text);\n";
constexpr const char* index_sql = "CREATE INDEX jobs_status ON jobs (status);\n";
constexpr const char* newer_sql = "ALTER TABLE jobs ADD COLUMN note text;\n";

std::string history_of(ScratchDatabase& db) {
  return db.value(
      "SELECT string_agg(script || ':' || status, ',' ORDER BY rank) FROM relctl.schema_history");
}

// Runs baseline (after a dry run that must write nothing), then migrate;
// checks that only `newer` was applied.
void adopt(MigrateProject& p, const std::vector<std::string>& older, const std::string& newer,
           const std::string& source, const std::vector<std::string>& extra = {}) {
  std::vector<std::string> args{"migrate", "baseline", "--env", "dev"};
  args.insert(args.end(), extra.begin(), extra.end());
  const std::string before = p.db.fingerprint();
  auto dry_args = args;
  dry_args.push_back("--dry-run");
  const auto dry = p.relctl(dry_args);
  INFO(dry.out << dry.err);
  REQUIRE(dry.exit_code == 0);
  CHECK_THAT(dry.out, Catch::Contains("would record " + std::to_string(older.size()) +
                                      " migrations as applied from " + source));
  CHECK(p.db.fingerprint() == before);

  const auto r = p.relctl(args);
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("recorded " + std::to_string(older.size()) +
                                    " migrations as applied from " + source));
  std::string expected;
  for (const auto& o : older) expected += (expected.empty() ? "" : ",") + o + ":baseline";
  CHECK(history_of(p.db) == expected);

  const auto m = p.relctl({"migrate", "--env", "dev"});
  INFO(m.out << m.err);
  REQUIRE(m.exit_code == 0);
  CHECK_THAT(m.out, Catch::Contains("applied 1 migration") && Catch::Contains(newer));
  CHECK(history_of(p.db) == expected + "," + newer + ":applied");
  CHECK(p.db.value("SELECT count(*) FROM information_schema.columns WHERE table_name = 'jobs' "
                   "AND column_name = 'note'") == "1");
}

// The tables the older migrations made, as the other tool left them.
void apply_older(MigrateProject& p) {
  p.db.sql(jobs_sql);
  p.db.sql(index_sql);
}

}  // namespace

TEST_CASE("baseline from Flyway's flyway_schema_history", "[pg][e2e][baseline]") {
  auto admin = pg_or_skip();
  if (!admin) return;
  MigrateProject p(*admin);
  apply_older(p);
  p.db.sql(R"(CREATE TABLE public.flyway_schema_history (
  installed_rank integer NOT NULL PRIMARY KEY, version varchar(50), description varchar(200) NOT NULL,
  type varchar(20) NOT NULL, script varchar(1000) NOT NULL, checksum integer,
  installed_by varchar(100) NOT NULL, installed_on timestamp NOT NULL DEFAULT now(),
  execution_time integer NOT NULL, success boolean NOT NULL))");
  const auto row = [&](int rank, const char* version, const char* script, const char* sql) {
    p.db.sql(
        "INSERT INTO flyway_schema_history VALUES ($1::int, $2, 'd', 'SQL', $3, $4::int, "
        "'app', now(), 7, true)",
        {std::to_string(rank), version, script, std::to_string(pg::flyway_checksum(sql))});
  };
  row(1, "1", "V1__create_jobs.sql", jobs_sql);
  row(2, "2", "V2__add_index.sql", index_sql);
  p.db.sql(
      "INSERT INTO flyway_schema_history VALUES (3, NULL, 'views', 'SQL', 'R__views.sql', "
      "42, 'app', now(), 1, true)");
  p.migration("1_create_jobs.sql", jobs_sql);
  p.migration("3_add_note.sql", newer_sql);

  SECTION("files that match are adopted") {
    p.migration("2_add_index.sql", index_sql);
    adopt(p, {"1_create_jobs.sql", "2_add_index.sql"}, "3_add_note.sql",
          "Flyway's public.flyway_schema_history");
  }
  SECTION("a file that differs from what Flyway ran is refused, and nothing is recorded") {
    p.migration("2_add_index.sql", "CREATE INDEX jobs_status ON jobs (status, id);\n");
    const auto r = p.relctl({"migrate", "baseline", "--env", "dev"});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.out, Catch::Contains("2_add_index.sql differs from what ran as Flyway version 2"));
    CHECK(p.db.value("SELECT to_regclass('relctl.schema_history') IS NULL") == "t");
  }
  SECTION("a version Flyway ran without a file is refused") {
    const auto r = p.relctl({"migrate", "baseline", "--env", "dev"});
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.out, Catch::Contains("Flyway version 2 (V2__add_index.sql) ran, but no file"));
  }
}

TEST_CASE("baseline from Liquibase's databasechangelog", "[pg][e2e][baseline]") {
  auto admin = pg_or_skip();
  if (!admin) return;
  MigrateProject p(*admin);
  apply_older(p);
  p.db.sql(R"(CREATE TABLE public.databasechangelog (
  id varchar(255) NOT NULL, author varchar(255) NOT NULL, filename varchar(255) NOT NULL,
  dateexecuted timestamp NOT NULL, orderexecuted integer NOT NULL, exectype varchar(10) NOT NULL,
  md5sum varchar(35), description varchar(255), comments varchar(255), tag varchar(255),
  liquibase varchar(20), contexts varchar(255), labels varchar(255), deployment_id varchar(10));
INSERT INTO databasechangelog VALUES
  ('1', 'alice', 'db/changelog/001_create_jobs.sql', now(), 1, 'EXECUTED', '9:0c1b', 'sql', '',
   NULL, '4.20.0', NULL, NULL, '7000000001'),
  ('2', 'alice', 'db/changelog/002_add_index.sql', now(), 2, 'EXECUTED', '9:41ab', 'sql', '',
   NULL, '4.20.0', NULL, NULL, '7000000001'))");
  const std::string head = "--liquibase formatted sql\n--changeset alice:";
  p.migration("001_create_jobs.sql", head + "1\n" + jobs_sql);
  p.migration("002_add_index.sql", head + "2\n" + index_sql);
  p.migration("003_add_note.sql", head + "3\n" + newer_sql);
  adopt(p, {"001_create_jobs.sql", "002_add_index.sql"}, "003_add_note.sql",
        "Liquibase's public.databasechangelog");
}

TEST_CASE("baseline from golang-migrate's schema_migrations", "[pg][e2e][baseline]") {
  auto admin = pg_or_skip();
  if (!admin) return;
  MigrateProject p(*admin);
  apply_older(p);
  p.db.sql(
      "CREATE TABLE public.schema_migrations (version bigint NOT NULL PRIMARY KEY, "
      "dirty boolean NOT NULL)");
  p.migration("000001_create_jobs.up.sql", jobs_sql);
  p.migration("000002_add_index.up.sql", index_sql);
  p.migration("000003_add_note.up.sql", newer_sql);
  SECTION("clean") {
    p.db.sql("INSERT INTO schema_migrations VALUES (2, false)");
    adopt(p, {"000001_create_jobs.up.sql", "000002_add_index.up.sql"}, "000003_add_note.up.sql",
          "golang-migrate's public.schema_migrations");
  }
  SECTION("dirty is refused") {
    p.db.sql("INSERT INTO schema_migrations VALUES (2, true)");
    const auto r = p.relctl({"migrate", "baseline", "--env", "dev"});
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.out, Catch::Contains("golang-migrate marks version 2 dirty"));
  }
}

TEST_CASE("baseline from goose's goose_db_version", "[pg][e2e][baseline]") {
  auto admin = pg_or_skip();
  if (!admin) return;
  MigrateProject p(*admin);
  apply_older(p);
  p.db.sql(R"(CREATE TABLE public.goose_db_version (id serial PRIMARY KEY,
  version_id bigint NOT NULL, is_applied boolean NOT NULL, tstamp timestamp DEFAULT now());
INSERT INTO goose_db_version (version_id, is_applied) VALUES
  (0, true), (20230101120000, true), (20230102120000, true), (20230102130000, true),
  (20230102130000, false))");
  const auto goose = [](const std::string& up, const std::string& down) {
    return "-- +goose Up\n" + up + "\n-- +goose Down\n" + down;
  };
  p.migration("20230101120000_create_jobs.sql", goose(jobs_sql, "DROP TABLE jobs;\n"));
  p.migration("20230102120000_add_index.sql", goose(index_sql, "DROP INDEX jobs_status;\n"));
  // Applied, then rolled back by `goose down`: pending again.
  p.migration("20230102130000_add_note.sql", goose(newer_sql, "ALTER TABLE jobs DROP note;\n"));
  adopt(p, {"20230101120000_create_jobs.sql", "20230102120000_add_index.sql"},
        "20230102130000_add_note.sql", "goose's public.goose_db_version");
}

TEST_CASE("baseline from dbmate's schema_migrations", "[pg][e2e][baseline]") {
  auto admin = pg_or_skip();
  if (!admin) return;
  MigrateProject p(*admin);
  apply_older(p);
  p.db.sql(
      "CREATE TABLE public.schema_migrations (version varchar(128) PRIMARY KEY);"
      "INSERT INTO schema_migrations VALUES ('20230101120000'), ('20230102120000')");
  const auto dbmate = [](const std::string& up) {
    return "-- migrate:up\n" + up + "\n-- migrate:down\n";
  };
  p.migration("20230101120000_create_jobs.sql", dbmate(jobs_sql));
  p.migration("20230102120000_add_index.sql", dbmate(index_sql));
  p.migration("20230103120000_add_note.sql", dbmate(newer_sql));
  adopt(p, {"20230101120000_create_jobs.sql", "20230102120000_add_index.sql"},
        "20230103120000_add_note.sql", "dbmate's public.schema_migrations");
}

TEST_CASE("baseline from sqitch's sqitch.changes", "[pg][e2e][baseline]") {
  auto admin = pg_or_skip();
  if (!admin) return;
  MigrateProject p(*admin);
  apply_older(p);
  p.db.sql(R"(CREATE SCHEMA sqitch;
CREATE TABLE sqitch.changes (
  change_id text PRIMARY KEY, script_hash text, change text NOT NULL, project text NOT NULL,
  note text NOT NULL DEFAULT '', committed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  committer_name text NOT NULL, committer_email text NOT NULL, planned_at timestamptz NOT NULL,
  planner_name text NOT NULL, planner_email text NOT NULL);
INSERT INTO sqitch.changes (change_id, script_hash, change, project, committer_name,
  committer_email, planned_at, planner_name, planner_email) VALUES
  ('a1', 'h1', 'create_jobs', 'app', 'alice', 'a@x', now(), 'alice', 'a@x'),
  ('a2', 'h2', 'add_index', 'app', 'alice', 'a@x', now(), 'alice', 'a@x'))");
  p.migration("1_create_jobs.sql", jobs_sql);
  p.migration("2_add_index.sql", index_sql);
  p.migration("3_add_note.sql", newer_sql);
  adopt(p, {"1_create_jobs.sql", "2_add_index.sql"}, "3_add_note.sql", "sqitch's sqitch.changes");
}

TEST_CASE("baseline from Prisma's _prisma_migrations", "[pg][e2e][baseline]") {
  auto admin = pg_or_skip();
  if (!admin) return;
  MigrateProject p(*admin);
  apply_older(p);
  p.db.sql(R"(CREATE TABLE public."_prisma_migrations" (
  id varchar(36) PRIMARY KEY, checksum varchar(64) NOT NULL, finished_at timestamptz,
  migration_name varchar(255) NOT NULL, logs text, rolled_back_at timestamptz,
  started_at timestamptz NOT NULL DEFAULT now(), applied_steps_count integer NOT NULL DEFAULT 0))");
  const auto row = [&](const char* id, const char* name, const char* sql) {
    p.db.sql("INSERT INTO \"_prisma_migrations\" VALUES ($1, $2, now(), $3, NULL, NULL, now(), 1)",
             {id, core::sha256_hex(sql), name});
  };
  row("11111111-1111-1111-1111-111111111111", "20230101120000_create_jobs", jobs_sql);
  row("22222222-2222-2222-2222-222222222222", "20230102120000_add_index", index_sql);
  p.migration("20230101120000_create_jobs.sql", jobs_sql);
  p.migration("20230102120000_add_index.sql", index_sql);
  p.migration("20230103120000_add_note.sql", newer_sql);
  adopt(p, {"20230101120000_create_jobs.sql", "20230102120000_add_index.sql"},
        "20230103120000_add_note.sql", "Prisma's public._prisma_migrations");
}

TEST_CASE("baseline from Supabase's supabase_migrations.schema_migrations", "[pg][e2e][baseline]") {
  auto admin = pg_or_skip();
  if (!admin) return;
  MigrateProject p(*admin);
  apply_older(p);
  p.db.sql(
      "CREATE SCHEMA supabase_migrations; CREATE TABLE supabase_migrations.schema_migrations "
      "(version text PRIMARY KEY, statements text[], name text);"
      "INSERT INTO supabase_migrations.schema_migrations VALUES "
      "('20230101120000', NULL, 'create_jobs'), ('20230102120000', NULL, 'add_index')");
  p.migration("20230101120000_create_jobs.sql", jobs_sql);
  p.migration("20230102120000_add_index.sql", index_sql);
  p.migration("20230103120000_add_note.sql", newer_sql);
  adopt(p, {"20230101120000_create_jobs.sql", "20230102120000_add_index.sql"},
        "20230103120000_add_note.sql", "Supabase's supabase_migrations.schema_migrations");
}

TEST_CASE("baseline by hand, with several histories, and on a database relctl already migrated",
          "[pg][e2e][baseline]") {
  auto admin = pg_or_skip();
  if (!admin) return;
  MigrateProject p(*admin);
  apply_older(p);
  p.migration("1_create_jobs.sql", jobs_sql);
  p.migration("2_add_index.sql", index_sql);
  p.migration("3_add_note.sql", newer_sql);

  SECTION("--version V records every file up to V") {
    adopt(p, {"1_create_jobs.sql", "2_add_index.sql"}, "3_add_note.sql", "--version 2",
          {"--version", "2"});
  }
  SECTION("no history and no --version: says how to record by hand") {
    const auto r = p.relctl({"migrate", "baseline", "--env", "dev"});
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.out, Catch::Contains("no other tool's migration history") &&
                          Catch::Contains("--version V"));
  }
  SECTION("two histories need --from") {
    p.db.sql(
        "CREATE TABLE goose_db_version (id serial, version_id bigint, is_applied boolean);"
        "INSERT INTO goose_db_version (version_id, is_applied) VALUES (1, true), (2, true);"
        "CREATE TABLE schema_migrations (version varchar(128) PRIMARY KEY);"
        "INSERT INTO schema_migrations VALUES ('1')");
    const auto r = p.relctl({"migrate", "baseline", "--env", "dev"});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.out, Catch::Contains("goose (public.goose_db_version), dbmate "
                                      "(public.schema_migrations)"));
    CHECK_THAT(r.out, Catch::Contains("--from"));
    adopt(p, {"1_create_jobs.sql", "2_add_index.sql"}, "3_add_note.sql",
          "goose's public.goose_db_version", {"--from", "goose"});
  }
  SECTION("a database relctl already migrated is refused") {
    REQUIRE(p.relctl({"migrate", "baseline", "--env", "dev", "--version", "1"}).exit_code == 0);
    const auto r = p.relctl({"migrate", "baseline", "--env", "dev", "--version", "2"});
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.out, Catch::Contains("already records 1 migrations"));
  }
}
