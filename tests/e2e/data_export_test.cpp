// relctl data-release with [data_release.export], end to end: the built
// binary exports a real Postgres schema (the throwaway cluster) into the
// snapshot of a real repository, then validates, commits and tags it.

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "support/data_repo.hpp"
#include "support/pg_database.hpp"

using namespace relctl::test;
using namespace relctl::test::data;
using Catch::Matchers::Contains;

namespace {

// The survivor warehouse the default checks expect (seasons, castaways,
// votes) and `kinds`, one column per mapped type, in schema gold.
const char* warehouse_sql = R"sql(
CREATE SCHEMA gold;
CREATE TYPE gold.mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN gold.positive AS integer CHECK (VALUE > 0);
CREATE TYPE gold.pair AS (label text, score numeric);
CREATE TABLE gold.seasons (season_id integer PRIMARY KEY, name text NOT NULL, premiered date);
CREATE TABLE gold.castaways (
  castaway_id text PRIMARY KEY,
  season_id integer NOT NULL REFERENCES gold.seasons,
  result text);
CREATE TABLE gold.votes (
  vote_id integer PRIMARY KEY,
  castaway_id text NOT NULL REFERENCES gold.castaways,
  voted_for text);
INSERT INTO gold.seasons SELECT s, 'Season ' || s, date '2000-05-31' + s * 180 FROM generate_series(1, 10) s;
INSERT INTO gold.castaways
  SELECT 'US' || lpad(c::text, 4, '0'), 1 + c % 10,
         CASE WHEN c % 10 = 0 THEN 'Sole Survivor' WHEN c % 10 = 1 THEN 'Finalist' ELSE 'Voted out' END
  FROM generate_series(1, 60) c;
INSERT INTO gold.votes
  SELECT c, 'US' || lpad(c::text, 4, '0'), 'US' || lpad((1 + c % 60)::text, 4, '0')
  FROM generate_series(1, 60) c;
CREATE TABLE gold.kinds (
  id integer PRIMARY KEY,
  parent_id integer REFERENCES gold.kinds (id),
  i2 smallint, i8 bigint NOT NULL DEFAULT 0, f4 real, f8 double precision, num numeric,
  flag boolean, d date, ts timestamp, tstz timestamptz, t time, ttz timetz, iv interval,
  u uuid UNIQUE, js json, jb jsonb, txt text, vc varchar(20), ch char(5), bin bytea,
  m gold.mood, pos gold.positive, p gold.pair, arr integer[], tarr text[]);
INSERT INTO gold.kinds (id, i8) VALUES (1, 0);
INSERT INTO gold.kinds VALUES (2, 1, -32768, -9223372036854775808, 3.25, -1.5e300,
  -12345678901234567890.123456789012345678, true, '2024-02-29', '2024-03-10 02:30:00.5',
  '2024-03-10 01:59:59-05', '23:59:59.999999', '12:00+05:30', '1 year 2 months -3 days 04:05:06',
  'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{"b": 1, "a": [1, 2]}', '{"z": null, "k": "v"}',
  E'h\u00e9llo w\u00f6rld \u2713 \u65e5\u672c \U0001F389 tab\there\nnewline \\ back', 'varchar',
  'ab', E'\\x00ff0000', 'happy', 7, ROW('a "quoted" label', 1.5), '{1,NULL,3}',
  '{"a b","c\"d",NULL}');
INSERT INTO gold.kinds VALUES (3, 2, 32767, 9223372036854775807, -0.1, 0.1,
  ('1' || repeat('0', 100))::numeric, false, '0001-01-01', '1999-12-31 23:59:59',
  '2024-11-03 01:30:00-04', '00:00', '00:00-08', '-1 day', 'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '[]', '[1, "two", {"three": 3}]', repeat('large text ', 20000), '', '', '', 'sad', 1,
  ROW(NULL, -0.000001), '{}', '{}');
INSERT INTO gold.kinds (id, parent_id, i8, tstz) VALUES (4, 4, 1, '2024-11-03 01:30:00-05');
)sql";

// How each kinds column compares with the text of its SQLite value ($1).
const std::vector<std::pair<std::string, std::string>> comparisons = {
    {"parent_id", "parent_id = $1::int"},
    {"i2", "i2 = $1::smallint"},
    {"i8", "i8 = $1::bigint"},
    {"f4", "f4 = $1::float4"},
    {"f8", "f8 = $1::float8"},
    {"num", "num = $1::numeric"},
    {"flag", "flag = ($1::int = 1)"},
    {"d", "d = $1::date"},
    {"ts", "ts = $1::timestamp"},
    {"tstz", "tstz = $1::timestamptz"},
    {"t", "t = $1::time"},
    {"ttz", "ttz = $1::timetz"},
    {"iv", "iv = $1::interval"},
    {"u", "u = $1::uuid"},
    {"js", "js::jsonb = $1::jsonb"},
    {"jb", "jb = $1::jsonb"},
    {"txt", "txt = $1"},
    {"vc", "vc = $1"},
    {"ch", "ch = $1::char(5)"},
    {"bin", "bin = decode($1, 'hex')"},
    {"m", "m = $1::gold.mood"},
    {"pos", "pos = $1::int"},
    {"p", "to_jsonb(p) = $1::jsonb"},
    {"arr", "to_jsonb(arr) = $1::jsonb"},
    {"tarr", "to_jsonb(tarr) = $1::jsonb"},
};

std::string hex(const void* data, int size) {
  std::string out;
  const auto* b = static_cast<const unsigned char*>(data);
  for (int i = 0; i < size; ++i) out += fmt::format("{:02x}", b[i]);
  return out;
}

// The SQLite value as the text Postgres is asked to compare; nullopt for NULL.
std::optional<std::string> as_text(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  if (c.isInteger()) return std::to_string(c.getInt64());
  if (c.isFloat()) return fmt::format("{:.17g}", c.getDouble());
  if (c.isBlob()) return hex(c.getBlob(), c.getBytes());
  return c.getString();
}

struct Warehouse {
  std::optional<std::string> url = pg_or_skip();
  std::unique_ptr<ScratchDatabase> db;
  std::unique_ptr<DataRepo> repo;

  explicit Warehouse(const std::string& expect_database = "", const std::string& extra = "") {
    if (!url) return;
    db = std::make_unique<ScratchDatabase>(*url);
    db->sql(warehouse_sql);
    repo = std::make_unique<DataRepo>(
        config(expect_database.empty() ? db->name() : expect_database, extra));
  }

  // `extra`: more [data_release.export] keys; a `tables` key replaces ["*"].
  static std::string config(const std::string& expect, const std::string& extra) {
    const bool own_tables = extra.find("tables =") != std::string::npos;
    return data_release_toml("direct",
                             fmt::format(R"(
[data_release.export]
database = "warehouse"
schema = "gold"
{}
{}

[databases.warehouse]
url_env = "WAREHOUSE_URL"
expect_database = "{}"
)",
                                         own_tables ? "" : "tables = [\"*\"]", extra, expect));
  }

  ProcessResult relctl(const std::vector<std::string>& args, RunOptions o = {}) const {
    o.env["WAREHOUSE_URL"] = db->url();
    return repo->relctl_with(args, std::move(o));
  }
};

// Files whose names start with `.snap.sqlite.relctl-` (temp files, backups).
std::vector<std::string> leftovers(const DataRepo& repo) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(repo.snapshot().parent_path())) {
    const std::string name = e.path().filename().string();
    if (name.rfind(".snap.sqlite.relctl-", 0) == 0) out.push_back(name);
  }
  return out;
}

}  // namespace

TEST_CASE("export: every mapped type reads back equal to its source, per row and column",
          "[data][e2e][pg][export]") {
  Warehouse w;
  if (!w.url) return;
  const auto r = w.relctl({"data-release", "--date", "20261122", "--json"});
  INFO(output(r));
  REQUIRE(r.exit_code == 0);
  const auto doc = nlohmann::json::parse(r.out);
  CHECK(doc["status"] == "passed");
  CHECK(w.repo->origin_git("git tag") == "data-20261122\n");

  SQLite::Database snap(w.repo->snapshot().string());
  // Declared types, NOT NULL, keys.
  std::map<std::string, std::pair<std::string, bool>> declared;  // column -> type, not null
  {
    SQLite::Statement info(snap,
                           "SELECT name, type, \"notnull\", pk FROM pragma_table_info('kinds')");
    while (info.executeStep()) {
      declared[info.getColumn(0).getString()] = {info.getColumn(1).getString(),
                                                 info.getColumn(2).getInt() == 1};
    }
  }
  CHECK(declared["id"].first == "INTEGER");
  CHECK(declared["i8"] == std::make_pair(std::string("INTEGER"), true));
  CHECK(declared["f8"].first == "REAL");
  CHECK(declared["num"].first == "TEXT");
  CHECK(declared["bin"].first == "BLOB");
  CHECK(declared["tstz"].first == "TEXT");
  CHECK(snap.execAndGet("SELECT count(*) FROM pragma_foreign_key_list('kinds') "
                        "WHERE \"table\" = 'kinds' AND \"from\" = 'parent_id'")
            .getInt() == 1);
  CHECK(snap.execAndGet("SELECT count(*) FROM pragma_foreign_key_list('votes') "
                        "WHERE \"table\" = 'castaways'")
            .getInt() == 1);
  CHECK(snap.execAndGet("SELECT count(*) FROM pragma_index_list('kinds') WHERE \"unique\"")
            .getInt() >= 1);
  // Tables are created parents first, otherwise by name.
  CHECK(snap.execAndGet("SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_schema "
                        "WHERE type = 'table' ORDER BY rowid)")
            .getString() == "kinds,seasons,castaways,votes");

  // Every value of every row.
  CHECK(snap.execAndGet("SELECT count(*) FROM kinds").getInt() == 4);
  CHECK(snap.execAndGet("SELECT typeof(flag) FROM kinds WHERE id = 2").getString() == "integer");
  CHECK(snap.execAndGet("SELECT tstz FROM kinds WHERE id = 2").getString() ==
        "2024-03-10T06:59:59Z");
  CHECK(snap.execAndGet("SELECT length(bin) FROM kinds WHERE id = 2").getInt() == 4);
  int compared = 0;
  for (int id = 1; id <= 4; ++id) {
    for (const auto& [column, comparison] : comparisons) {
      SQLite::Statement q(snap, "SELECT \"" + column + "\" FROM kinds WHERE id = ?");
      q.bind(1, id);
      REQUIRE(q.executeStep());
      const auto value = as_text(q.getColumn(0));
      INFO("kinds row " << id << " column " << column << " = " << value.value_or("NULL"));
      const std::string sql =
          value ? "SELECT (" + comparison + ")::text FROM gold.kinds WHERE id = $2"
                : "SELECT (" + column + " IS NULL)::text FROM gold.kinds WHERE id = $1";
      const std::string equal = value ? w.db->value(sql, {*value, std::to_string(id)})
                                      : w.db->value(sql, {std::to_string(id)});
      CHECK(equal == "true");
      ++compared;
    }
  }
  CHECK(compared == 4 * static_cast<int>(comparisons.size()));

  // The manifest says where the snapshot came from.
  const auto manifest = nlohmann::json::parse(read_file(w.repo->manifest()));
  CHECK(manifest["source"]["database"] == w.db->name());
  CHECK(manifest["source"]["schema"] == "gold");
  CHECK(manifest["source"]["read"] == "repeatable read, read only");
  CHECK(manifest["tables"]["kinds"]["rows"] == 4);
  CHECK(leftovers(*w.repo).empty());

  // The warehouse password is nowhere: output, manifest, reports, ledger.
  for (const auto& secret : test_password_forms()) {
    CHECK_THAT(output(r), !Contains(secret));
    for (const auto& e : fs::recursive_directory_iterator(w.repo->work())) {
      if (!e.is_regular_file() || e.path().string().find("/.git/") != std::string::npos) continue;
      INFO(e.path());
      CHECK(read_file(e.path()).find(secret) == std::string::npos);
    }
  }
}

TEST_CASE("export: unchanged data gives the same bytes, a one-row change other bytes",
          "[data][e2e][pg][export]") {
  Warehouse w;
  if (!w.url) return;
  REQUIRE(w.relctl({"data-release", "--date", "20261122"}).exit_code == 0);
  const std::string first = sha256sum(w.repo->snapshot());

  // Same data: data.changed ends the run, nothing to release...
  const auto same = w.relctl({"data-release", "--date", "20261123"});
  INFO(output(same));
  CHECK(same.exit_code == 0);
  CHECK_THAT(same.out, Contains("passed  data.changed") && Contains("nothing to release since"));
  // ... and undo put the previous snapshot back, byte for byte.
  CHECK(sha256sum(w.repo->snapshot()) == first);
  // With --force it is released, and its bytes are the first export's.
  const auto forced = w.relctl({"data-release", "--date", "20261123", "--force"});
  INFO(output(forced));
  REQUIRE(forced.exit_code == 0);
  CHECK(sha256sum(w.repo->snapshot()) == first);

  w.db->sql("UPDATE gold.castaways SET result = 'Finalist' WHERE castaway_id = 'US0002'");
  const auto changed = w.relctl({"data-release", "--date", "20261124"});
  INFO(output(changed));
  REQUIRE(changed.exit_code == 0);
  CHECK(sha256sum(w.repo->snapshot()) != first);
  CHECK(leftovers(*w.repo).empty());
}

TEST_CASE("export: --dry-run exports nothing and changes nothing", "[data][e2e][pg][export]") {
  Warehouse w;
  if (!w.url) return;
  const auto before = capture(*w.repo);
  const auto db_before = w.db->fingerprint();
  const auto r = w.relctl({"data-release", "--date", "20261122", "--dry-run"});
  INFO(output(r));
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("planned data.export") && Contains("would export 4 tables"));
  CHECK_THAT(r.out, Contains("skipped sqlite.integrity") && Contains("dry run: data.export"));
  CHECK(capture(*w.repo) == before);
  CHECK(w.db->fingerprint() == db_before);
  CHECK(leftovers(*w.repo).empty());
}

TEST_CASE("export: one table of one row is counted in the singular", "[data][e2e][pg][export]") {
  Warehouse w("", "tables = [\"one\"]");
  if (!w.url) return;
  w.db->sql("CREATE TABLE gold.one (id integer PRIMARY KEY); INSERT INTO gold.one VALUES (1);");
  auto r = w.relctl({"data-release", "--date", "20261122", "--dry-run"});
  INFO(output(r));
  CHECK_THAT(r.out, Contains("would export 1 table (1 row) of "));
  r = w.relctl({"data-release", "--date", "20261122"});
  INFO(output(r));
  CHECK_THAT(r.out, Contains("exported 1 table, 1 row from "));
}

TEST_CASE("export: a prod config pointed at another database refuses to export",
          "[data][e2e][pg][export]") {
  Warehouse w("survivor_dw_prod");
  if (!w.url) return;
  const auto before = capture(*w.repo);
  const auto r = w.relctl({"data-release", "--date", "20261122"});
  INFO(output(r));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out,
             Contains("failed  pg.env-guard") && Contains("expects database survivor_dw_prod"));
  CHECK_THAT(r.out, !Contains("passed  data.export"));
  CHECK(capture(*w.repo) == before);
}

TEST_CASE("export: bad sources fail with their own message and change nothing",
          "[data][e2e][pg][export]") {
  struct Case {
    const char* name;
    const char* extra;  // more [data_release.export] keys
    const char* setup_sql;
    const char* expected;
  };
  const std::vector<Case> cases = {
      {"missing schema", "", "ALTER SCHEMA gold RENAME TO silver", "schema gold does not exist"},
      {"missing table", "tables = [\"seasons\", \"votes\"]", "DROP TABLE gold.votes",
       "table gold.votes does not exist"},
      {"no tables matched", "exclude = [\"seasons\", \"castaways\", \"votes\", \"kinds\"]", "",
       "no tables to export"},
      {"unsupported type", "", "ALTER TABLE gold.seasons ADD COLUMN spot point",
       "gold.seasons.spot has type point"},
  };
  for (const auto& c : cases) {
    DYNAMIC_SECTION(c.name) {
      Warehouse w("", c.extra);
      if (!w.url) return;
      if (*c.setup_sql) w.db->sql(c.setup_sql);
      const auto before = capture(*w.repo);
      const auto r = w.relctl({"data-release", "--date", "20261122"});
      INFO(output(r));
      CHECK(r.exit_code == 1);
      CHECK_THAT(r.out, Contains("failed  data.export") || Contains("failed  pg."));
      CHECK_THAT(output(r), Contains(c.expected));
      CHECK(capture(*w.repo) == before);
      CHECK(leftovers(*w.repo).empty());
    }
  }
}

TEST_CASE("export: a table the user may not read is named, with the GRANT to fix it",
          "[data][e2e][pg][export]") {
  Warehouse w;
  if (!w.url) return;
  const std::string role = "reader_" + w.db->name();
  admin_sql(*w.url, "CREATE ROLE " + role + " LOGIN PASSWORD 'Tr0ub4dor&3!'");
  struct DropRole {
    std::string url, role;
    ScratchDatabase* db;
    ~DropRole() {
      try {
        db->sql("DROP OWNED BY " + role);
        admin_sql(url, "DROP ROLE IF EXISTS " + role);
      } catch (...) {
      }
    }
  } drop{*w.url, role, w.db.get()};
  w.db->sql("GRANT USAGE ON SCHEMA gold TO " + role +
            "; GRANT SELECT ON gold.seasons, "
            "gold.castaways, gold.votes TO " +
            role);
  const std::string url = with_database(*w.url, w.db->name());
  const std::string as_reader =
      std::string(url).replace(url.find("relctl_test"), std::string("relctl_test").size(), role);
  const auto before = capture(*w.repo);
  RunOptions o;
  o.env["WAREHOUSE_URL"] = as_reader;
  const auto r = w.repo->relctl_with({"data-release", "--date", "20261122"}, o);
  INFO(output(r));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Contains("failed  data.export") &&
                        Contains("may not read gold.kinds (no SELECT permission)"));
  CHECK_THAT(output(r), Contains("GRANT SELECT ON gold.kinds TO " + role));
  CHECK_THAT(output(r), !Contains("Tr0ub4dor"));
  CHECK(capture(*w.repo) == before);
}

TEST_CASE("export: a connection lost mid-export, Ctrl-C and kill -9 leave the old snapshot",
          "[data][e2e][pg][export]") {
  Warehouse w;
  if (!w.url) return;
  // Enough rows for the export to be caught in the middle.
  w.db->sql(
      "CREATE TABLE gold.big AS SELECT g AS id, md5(g::text) AS h, g * 1.5 AS x "
      "FROM generate_series(1, 1000000) g; ALTER TABLE gold.big ADD PRIMARY KEY (id)");
  const std::string old_sha = sha256sum(w.repo->snapshot());
  const fs::path dir = w.repo->snapshot().parent_path();
  auto exporting = [&] {
    for (const auto& e : fs::directory_iterator(dir)) {
      const std::string n = e.path().filename().string();
      if (n.rfind(".snap.sqlite.relctl-", 0) == 0) return true;
    }
    return false;
  };

  SECTION("the server ends the connection") {
    RunOptions o;
    o.signal_when = [&] {
      if (!exporting()) return false;
      return w.db->value(
                 "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                 "WHERE application_name LIKE 'relctl/%' AND query LIKE 'COPY%' "
                 "AND datname = current_database()") != "0";
    };
    o.signal = 0;  // nothing to send to relctl itself
    const auto r = w.relctl({"data-release", "--date", "20261122"}, o);
    INFO(output(r));
    CHECK(r.exit_code == 3);
    CHECK_THAT(r.out, Contains("failed  data.export"));
    CHECK_THAT(output(r), Contains("table gold.big"));
    CHECK(sha256sum(w.repo->snapshot()) == old_sha);
    CHECK(leftovers(*w.repo).empty());
  }
  SECTION("Ctrl-C") {
    RunOptions o;
    o.signal_when = exporting;
    const auto r = w.relctl({"data-release", "--date", "20261122"}, o);
    INFO(output(r));
    CHECK(r.exit_code == 130);
    CHECK(sha256sum(w.repo->snapshot()) == old_sha);
    CHECK(leftovers(*w.repo).empty());
  }
  SECTION("kill -9, then recover cleans up") {
    RunOptions o;
    o.signal_when = exporting;
    o.signal = SIGKILL;
    const auto r = w.relctl({"data-release", "--date", "20261122"}, o);
    CHECK(r.exit_code == 128 + SIGKILL);
    CHECK(sha256sum(w.repo->snapshot()) == old_sha);
    CHECK_FALSE(leftovers(*w.repo).empty());  // the killed run could not clean up
    const auto refused = w.relctl({"data-release", "--date", "20261122"});
    INFO(output(refused));
    CHECK(refused.exit_code == 1);
    CHECK_THAT(refused.err, Contains("abandoned"));
    CHECK_THAT(refused.err, Contains("temporary file data/.snap.sqlite.relctl-"));
    const auto recovered = w.relctl({"recover"});
    INFO(output(recovered));
    CHECK(recovered.exit_code == 0);
    CHECK(leftovers(*w.repo).empty());
    const auto next = w.relctl({"data-release", "--date", "20261122"});
    INFO(output(next));
    CHECK(next.exit_code == 0);
  }
}

TEST_CASE("export: kill -9 before the push, recover puts the previous snapshot back",
          "[data][e2e][pg][export][recover]") {
  Warehouse w;
  if (!w.url) return;
  const auto before = capture(*w.repo);
  const fs::path marker = w.repo->work() / ".." / "paused";
  RunOptions o;
  o.env = {{"RELCTL_TEST", "1"},
           {"RELCTL_TEST_PAUSE_BEFORE", "git.push"},
           {"RELCTL_TEST_PAUSE_FILE", marker.string()}};
  o.signal_when = [marker] { return fs::exists(marker); };
  o.signal = SIGKILL;
  const auto killed = w.relctl({"data-release", "--date", "20261122"}, o);
  REQUIRE(killed.exit_code == 128 + SIGKILL);
  REQUIRE(leftovers(*w.repo).size() == 1);  // the .previous hard link

  const auto refused = w.relctl({"data-release", "--date", "20261122"});
  INFO(output(refused));
  CHECK(refused.exit_code == 1);
  CHECK_THAT(refused.err, Contains(".previous (the previous data/snap.sqlite, kept aside)"));
  const auto recovered = w.relctl({"recover"});
  INFO(output(recovered));
  CHECK(recovered.exit_code == 0);
  const auto after = capture(*w.repo);
  CHECK(after.refs == before.refs);
  CHECK(after.head == before.head);
  CHECK(after.index == before.index);
  CHECK(after.files == before.files);  // the old snapshot, byte for byte
  CHECK(after.origin_refs == before.origin_refs);
  CHECK(leftovers(*w.repo).empty());
}

TEST_CASE("export: a full disk fails the export and keeps the old snapshot",
          "[data][e2e][pg][export]") {
  Warehouse w;
  if (!w.url) return;
  w.db->sql(
      "CREATE TABLE gold.big AS SELECT g AS id, md5(g::text) AS h FROM generate_series(1, 200000) "
      "g");
  REQUIRE(w.relctl({"data-release", "--date", "20261122"}).exit_code == 0);
  w.db->sql("INSERT INTO gold.big SELECT g, md5(g::text) FROM generate_series(200001, 400000) g");
  const std::string released_sha = sha256sum(w.repo->snapshot());
  // A file-size limit stands in for a full disk: writes past 4 MiB fail
  // (EFBIG, with SIGXFSZ ignored) like writes to a full disk (ENOSPC).
  RunOptions p;
  p.cwd = w.repo->work();
  p.env = {{"HOME", w.repo->work().parent_path().string()},
           {"GIT_CONFIG_NOSYSTEM", "1"},
           {"INGESTION_RUN_ID", "run-43"},
           {"TZ", "UTC"},
           {"WAREHOUSE_URL", w.db->url()}};
  const ProcessResult full =
      run_process({"sh", "-c", "trap '' XFSZ; ulimit -f 8192; exec \"$0\" \"$@\"", RELCTL_BINARY,
                   "data-release", "--date", "20261123"},
                  p);
  INFO(output(full));
  CHECK(full.exit_code == 1);
  CHECK_THAT(full.out, Contains("failed  data.export"));
  CHECK(sha256sum(w.repo->snapshot()) == released_sha);
  CHECK(leftovers(*w.repo).empty());
}
