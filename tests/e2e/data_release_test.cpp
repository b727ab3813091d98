// relctl data-release end to end: the built binary against real temporary
// repositories with a bare origin and real SQLite snapshots.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/data_repo.hpp"

using namespace relctl::test;
using namespace relctl::test::data;
using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

const std::string date = "20261122";
const std::string tag = "data-" + date;

// A failed run: exit 1, the gate's own line, and nothing left behind.
void check_refused(const DataRepo& repo, const RepoState& before, const ProcessResult& r,
                   const std::string& gate, const std::string& text) {
  INFO(output(r));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Contains("failed  " + gate));
  CHECK_THAT(r.out, Contains(text));
  CHECK(capture(repo) == before);
}

json gate(const json& doc, const std::string& id) {
  for (const auto& g : doc["gates"]) {
    if (g["id"] == id) return g;
  }
  FAIL("no gate " << id << " in " << doc.dump());
  return {};
}

// The manifest without the two fields that name the moment and the commit.
json stable_part(const std::string& manifest) {
  json j = json::parse(manifest);
  j.erase("created_at");
  j.erase("git_commit");
  return j;
}

}  // namespace

TEST_CASE("data-release in direct mode commits snapshot, manifest and report, tags and pushes",
          "[data][e2e]") {
  DataRepo repo;
  const auto r = repo.relctl({"data-release", "--date", date, "--json"});
  INFO(output(r));
  REQUIRE(r.exit_code == 0);
  const auto doc = json::parse(r.out);
  CHECK(doc["status"] == "passed");
  CHECK(doc["release"]["tags"] == json::array({tag}));
  const std::string commit = doc["release"]["commit"];
  CHECK(gate(doc, "data.row-drop")["status"] == "skipped");
  CHECK_THAT(gate(doc, "data.row-drop")["message"].get<std::string>(),
             Contains("first data release"));

  // origin has the release commit on main and the annotated tag on it.
  CHECK(repo.origin_git("git rev-parse main") == commit + "\n");
  CHECK(repo.origin_git("git cat-file -t " + tag) == "tag\n");
  CHECK(repo.origin_git("git rev-parse " + tag + "^{commit}") == commit + "\n");
  const std::string files = repo.origin_git("git show --name-only --format= main");
  CHECK_THAT(files, Contains("data/snap.sqlite\n") && Contains("data/manifest.json\n") &&
                        Contains("/report.json\n") && Contains("/report.md\n"));
  const std::string tag_message = repo.origin_git("git tag -l --format='%(contents)' " + tag);
  CHECK_THAT(tag_message, Contains("3 tables: castaways (120 rows), seasons (10 rows), votes "
                                   "(120 rows)"));
  const std::string message = repo.origin_git("git log -1 --format=%B main");
  CHECK_THAT(message, Contains("data: Release " + date) && Contains("Ingestion run: run-42") &&
                          Contains("Tables exported: 3"));

  // The manifest's checksum is the committed snapshot's, computed independently.
  const auto manifest = json::parse(read_file(repo.manifest()));
  CHECK(manifest["snapshot"]["sha256"] == sha256sum(repo.snapshot()));
  repo.git("git show main:data/snap.sqlite > ../committed.sqlite");
  CHECK(manifest["snapshot"]["sha256"] == sha256sum(repo.work() / "../committed.sqlite"));
  CHECK(manifest["snapshot"]["bytes"] == fs::file_size(repo.snapshot()));
  CHECK(manifest["ingestion_run_id"] == "run-42");
  CHECK(manifest["upstream_version"] == "survivoR 2.3.1");
  CHECK(manifest["table_count"] == 3);
  CHECK(manifest["tables"]["castaways"]["rows"] == 120);
  CHECK(manifest["tables"]["castaways"]["columns"][0] == json::array({"castaway_id", "TEXT"}));
  CHECK(manifest["git_commit"] == repo.origin_git("git rev-parse main~1").substr(0, 40));
  CHECK(repo.git("git status --porcelain").empty());
}

TEST_CASE("data-release --dry-run changes nothing and lists every action", "[data][e2e]") {
  DataRepo repo;
  const auto before = capture(repo);
  const auto r = repo.relctl({"data-release", "--dry-run", "--date", date});
  INFO(output(r));
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("planned data.manifest") && Contains("would write"));
  // The preview shows the manifest it would write, as a diff of a new file.
  CHECK_THAT(r.out, Contains("--- /dev/null\n") && Contains("\"schema_sha256\""));
  CHECK_THAT(r.out, Contains("planned git.tag") && Contains("data-" + date));
  CHECK_THAT(r.out, Contains("would push main, " + tag + " to origin"));
  CHECK(capture(repo) == before);
  CHECK_FALSE(fs::exists(repo.manifest()));
  CHECK_FALSE(fs::exists(repo.reports()));
}

TEST_CASE("a dry run keeps going after a failed check and reports every problem", "[data][e2e]") {
  DataRepo repo;
  make_snapshot(
      repo.snapshot(),
      "INSERT INTO votes (castaway_id, voted_for) VALUES ('US9999', 'US0001');"
      "UPDATE castaways SET result = 'Medically evacuated' WHERE castaway_id = 'US0005';");
  const auto before = capture(repo);
  const auto r = repo.relctl({"data-release", "--dry-run", "--date", date});
  INFO(output(r));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Contains("failed  sqlite.foreign-keys") && Contains("failed  data.checks"));
  CHECK(capture(repo) == before);
}

TEST_CASE("a broken snapshot fails with its own message and leaves nothing behind", "[data][e2e]") {
  DataRepo repo;
  SECTION("bytes flipped inside a table page") {
    flip_bytes(repo.snapshot(), leaf_page_offset(repo.snapshot(), "castaways") + 100, 8);
    const auto after_flip = capture(repo);
    check_refused(repo, after_flip, repo.relctl({"data-release", "--date", date}),
                  "sqlite.integrity", "is corrupt: integrity_check found");
  }
  SECTION("truncated") {
    fs::resize_file(repo.snapshot(), fs::file_size(repo.snapshot()) / 2);
    const auto after_cut = capture(repo);
    check_refused(repo, after_cut, repo.relctl({"data-release", "--date", date}),
                  "sqlite.integrity", "is truncated");
  }
  SECTION("not a database") {
    write_file(repo.snapshot(), "castaway_id,full_name\nUS0001,Someone\n");
    const auto after_write = capture(repo);
    check_refused(repo, after_write, repo.relctl({"data-release", "--date", date}),
                  "sqlite.integrity", "is not a SQLite database");
  }
  SECTION("missing") {
    fs::remove(repo.snapshot());
    const auto after_remove = capture(repo);
    check_refused(repo, after_remove, repo.relctl({"data-release", "--date", date}),
                  "sqlite.integrity", "does not exist");
  }
  SECTION("a foreign-key violation") {
    make_snapshot(repo.snapshot(),
                  "INSERT INTO votes (castaway_id, voted_for) VALUES ('US9999', 'US0001');");
    const auto after_make = capture(repo);
    check_refused(repo, after_make, repo.relctl({"data-release", "--date", date}),
                  "sqlite.foreign-keys",
                  "1 foreign-key violation in " + repo.snapshot().string() +
                      ": votes rowid 121 (castaway_id = 'US9999') has no castaways");
  }
}

TEST_CASE("each kind of failing check fails with its own message, count and examples",
          "[data][e2e]") {
  struct Case {
    const char* kind;
    const char* breakage;
    const char* message;
  };
  const Case cases[] = {
      {"row_count",
       "DELETE FROM castaways WHERE castaway_id > 'US0005';"
       "DELETE FROM votes WHERE castaway_id > 'US0005' OR voted_for > 'US0005';",
       "row_count: castaways has 5 rows, fewer than the minimum 10"},
      {"unique",
       "DROP TABLE votes; CREATE TABLE c2 AS SELECT * FROM castaways; DROP TABLE castaways;"
       "CREATE TABLE castaways (castaway_id TEXT, full_name TEXT, season_id INTEGER, "
       "result TEXT); INSERT INTO castaways SELECT * FROM c2; DROP TABLE c2;"
       "CREATE TABLE votes (vote_id INTEGER PRIMARY KEY, castaway_id TEXT, voted_for TEXT);"
       "INSERT INTO castaways VALUES ('US0007', 'Twin', 1, 'Voted out');",
       "unique: castaways.castaway_id has 1 duplicated value (e.g. 'US0007')"},
      {"not_null",
       "DROP TABLE votes; CREATE TABLE c2 AS SELECT * FROM castaways; DROP TABLE castaways;"
       "CREATE TABLE castaways (castaway_id TEXT, full_name TEXT, season_id INTEGER, "
       "result TEXT); INSERT INTO castaways SELECT * FROM c2; DROP TABLE c2;"
       "CREATE TABLE votes (vote_id INTEGER PRIMARY KEY, castaway_id TEXT, voted_for TEXT);"
       "INSERT INTO castaways VALUES (NULL, 'Nobody', 1, 'Voted out');",
       "not_null: castaways.castaway_id has 1 NULL"},
      {"accepted_values",
       "UPDATE castaways SET result = 'Quit' WHERE castaway_id IN ('US0002', 'US0003');",
       "accepted_values: 2 rows of castaways.result hold other values (e.g. 'Quit')"},
      {"relationship", "UPDATE votes SET voted_for = 'US7777' WHERE vote_id = 4;",
       "relationship: 1 row of votes.voted_for has no match in castaways.castaway_id (e.g. "
       "'US7777')"},
      {"sql", "UPDATE seasons SET premiered = '2150-01-01' WHERE season_id = 3;",
       "no_future_seasons: sql: returned 1 row (rows mean failure)"},
  };
  for (const auto& c : cases) {
    DYNAMIC_SECTION(c.kind) {
      DataRepo repo;
      make_snapshot(repo.snapshot(), c.breakage);
      const auto before = capture(repo);
      const auto r = repo.relctl({"data-release", "--date", date, "--json"});
      INFO(output(r));
      CHECK(r.exit_code == 1);
      const auto doc = json::parse(r.out);
      const auto g = gate(doc, "data.checks");
      CHECK(g["status"] == "failed");
      CHECK_THAT(g["message"].get<std::string>(), Contains(c.message));
      // The failing rule's count and example rows travel in the details.
      bool seen = false;
      for (const auto& rule : g["details"]["rules"]) {
        if (rule["status"] != "failed") continue;
        seen = true;
        CHECK(rule["failing"].get<int>() > 0);
        if (std::string(c.kind) != "row_count") CHECK_FALSE(rule["examples"].empty());
      }
      CHECK(seen);
      CHECK(capture(repo) == before);
      CHECK_FALSE(fs::exists(repo.manifest()));
      CHECK_FALSE(fs::exists(repo.reports()));
    }
  }
}

TEST_CASE("a failing check with severity warn passes with a warning in output, JSON and report",
          "[data][e2e]") {
  DataRepo repo(data_release_toml("direct", "") + R"(
[[data_release.checks]]
name = "every castaway voted"
table = "votes"
column = "castaway_id"
accepted_values = ["US0001"]
severity = "warn"
)");
  const auto human = repo.relctl({"data-release", "--date", date, "--dry-run"});
  INFO(output(human));
  CHECK(human.exit_code == 0);
  CHECK_THAT(human.out, Contains("warned  data.checks") && Contains("every castaway voted"));

  const auto r = repo.relctl({"data-release", "--date", date, "--json"});
  INFO(output(r));
  REQUIRE(r.exit_code == 0);
  const auto doc = json::parse(r.out);
  CHECK(doc["status"] == "passed");
  const auto g = gate(doc, "data.checks");
  CHECK(g["status"] == "warned");
  CHECK_THAT(g["message"].get<std::string>(), Contains("1 warning"));

  const std::string folder = repo.git("ls reports").substr(0, tag.size() + 27);
  const auto report = json::parse(read_file(repo.reports() / folder / "report.json"));
  bool seen = false;
  for (const auto& c : report["checks"]) {
    if (c["name"] != "every castaway voted") continue;
    seen = true;
    CHECK(c["status"] == "warned");
    CHECK(c["severity"] == "warn");
    CHECK(c["failing"] == 119);
    CHECK(c["examples"].size() == 5);
    CHECK(c["examples"][0].contains("castaway_id"));
  }
  CHECK(seen);
  CHECK(report["gates"]["data.checks"]["status"] == "warned");
  const std::string md = read_file(repo.reports() / folder / "report.md");
  CHECK_THAT(md, Contains("every castaway voted** — ⚠️ warned") &&
                     Contains("## Row counts") && Contains("## Schema") &&
                     Contains("## Duplicates") && Contains("## Referential integrity"));
}

TEST_CASE("comparisons with the previous data release", "[data][e2e]") {
  DataRepo repo;
  REQUIRE(repo.relctl({"data-release", "--date", "20261120"}).exit_code == 0);

  SECTION("a table that lost more than max_row_drop fails") {
    make_snapshot(repo.snapshot(), "", 100);  // 120 -> 100 castaways and votes: -16.7%
    const auto before = capture(repo);
    check_refused(repo, before, repo.relctl({"data-release", "--date", date}), "data.row-drop",
                  "2 tables shrank more than 5% since data-20261120: castaways 120 -> 100 rows "
                  "(-16.7%), votes 120 -> 100 rows (-16.7%)");
  }
  SECTION("a removed column fails, and allow_schema_break lets it through") {
    make_snapshot(repo.snapshot(),
                  "ALTER TABLE seasons DROP COLUMN premiered;"
                  "INSERT INTO seasons VALUES (11, 'Season 11');");
    // The custom check reads premiered: leave it out of this config.
    const std::string without_sql_check =
        "[project]\nname = \"datatest\"\n[data_release]\nsnapshot = \"data/snap.sqlite\"\n"
        "manifest = \"data/manifest.json\"\nmode = \"direct\"\nreports_dir = \"reports\"\n";
    repo.set_config(without_sql_check);
    const auto before = capture(repo);
    check_refused(repo, before, repo.relctl({"data-release", "--date", date}), "data.schema-diff",
                  "1 breaking schema change since data-20261120: column seasons.premiered removed");
    repo.set_config(without_sql_check + "allow_schema_break = true\n");
    const auto r = repo.relctl({"data-release", "--date", date});
    INFO(output(r));
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("warned  data.schema-diff") &&
                          Contains("allowed by allow_schema_break = true"));
  }
  SECTION("an unchanged snapshot is nothing to release (exit 0) unless --force") {
    const auto before = capture(repo);
    const auto r = repo.relctl({"data-release", "--date", date});
    INFO(output(r));
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("passed  data.changed") &&
                          Contains("nothing to release since data-20261120: the snapshot's "
                                   "sha256") &&
                          Contains("equals that release's; ") && Contains("(exit 0)"));
    CHECK(capture(repo) == before);
    // --require-changes makes it a failure, for pipelines that must release.
    const auto strict =
        repo.relctl({"data-release", "--date", date, "--require-changes", "--json"});
    INFO(output(strict));
    CHECK(strict.exit_code == 1);
    const auto doc = json::parse(strict.out);
    CHECK(doc["status"] == "failed");
    CHECK(gate(doc, "data.changed")["hint"].get<std::string>().find("--force") !=
          std::string::npos);
    CHECK(capture(repo) == before);
    const auto ledger = json::parse(repo.relctl({"history", "--json", "--limit", "2"}).out);
    CHECK(ledger["runs"][0]["status"] == "failed");
    CHECK(ledger["runs"][1]["status"] == "nothing-to-release");
    CHECK(ledger["runs"][1]["exit_code"] == 0);
    CHECK(ledger["runs"][1]["release"] == "");  // no tag was made
    const auto forced = repo.relctl({"data-release", "--date", date, "--force"});
    INFO(output(forced));
    CHECK(forced.exit_code == 0);
    CHECK_THAT(forced.out, Contains("warned  data.changed") && Contains("(--force)"));
  }
  SECTION("two releases of one snapshot give the same manifest but for time and commit") {
    const std::string first = read_file(repo.manifest());
    REQUIRE(repo.relctl({"data-release", "--date", date, "--force"}).exit_code == 0);
    const std::string second = read_file(repo.manifest());
    CHECK(first != second);
    CHECK(stable_part(first) == stable_part(second));
    // Byte for byte, once the two moving values are put back.
    auto j = json::parse(second);
    const auto f = json::parse(first);
    std::string patched = second;
    for (const char* key : {"created_at", "git_commit"}) {
      const std::string from = "\"" + j[key].get<std::string>() + "\"";
      const std::string to = "\"" + f[key].get<std::string>() + "\"";
      patched.replace(patched.find(from), from.size(), to);
    }
    CHECK(patched == first);
  }
  SECTION("a second release on the same day fails with a hint") {
    REQUIRE(repo.relctl({"data-release", "--date", date}).exit_code == 0);  // unchanged
    make_snapshot(repo.snapshot(), "", 130);
    const auto before = capture(repo);
    const auto r = repo.relctl({"data-release", "--date", "20261120"});
    check_refused(repo, before, r, "git.tag-free", "tag data-20261120 already exists");
    CHECK_THAT(r.out, Contains("hint: ") && Contains("--date"));
  }
}

TEST_CASE("pr mode pushes a branch for review, --finalize tags the merge commit", "[data][e2e]") {
  DataRepo repo(data_release_toml("pr"));
  const auto r = repo.relctl({"data-release", "--date", date});
  INFO(output(r));
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out,
             Contains("data-release/" + date) && Contains("report.md") && Contains("--finalize"));
  CHECK(repo.origin_git("git tag").empty());
  const std::string branch_tip = repo.origin_git("git rev-parse data-release/" + date);

  // The reviewer merges the pull request on origin.
  const fs::path reviewer = repo.clone("reviewer");
  SECTION("the merged release is tagged on the merge commit") {
    sh("git merge -q --no-ff origin/data-release/" + date +
           " -m 'Merge data release' && git push -q origin main",
       reviewer);
    repo.git("git checkout -q main && git pull -q --ff-only origin main");
    const auto f = repo.relctl({"data-release", "--finalize", "--date", date, "--json"});
    INFO(output(f));
    REQUIRE(f.exit_code == 0);
    const auto doc = json::parse(f.out);
    CHECK(doc["release"]["tags"] == json::array({tag}));
    const std::string merge = repo.origin_git("git rev-parse main");
    CHECK(repo.origin_git("git rev-parse " + tag + "^{commit}") == merge);
    CHECK(repo.origin_git("git rev-parse main^2") == branch_tip);
    CHECK_THAT(repo.origin_git("git tag -l --format='%(contents)' " + tag),
               Contains("castaways (120 rows)"));
  }
  SECTION("a snapshot that no longer matches its manifest is not tagged") {
    sh("git checkout -q data-release/" + date + " && git rm -q --cached data/snap.sqlite",
       reviewer);
    make_snapshot(reviewer / "data/snap.sqlite", "DELETE FROM votes WHERE vote_id = 1;");
    sh("git add -f data/snap.sqlite && git commit -q -m 'tweak the data' && git checkout -q main "
       "&& git merge -q --no-ff data-release/" +
           date + " -m 'Merge' && git push -q origin main",
       reviewer);
    repo.git("git checkout -q main && git pull -q --ff-only origin main");
    const auto before = capture(repo);
    const auto f = repo.relctl({"data-release", "--finalize"});
    INFO(output(f));
    CHECK(f.exit_code == 1);
    // A real --finalize run is titled as one, never as a dry run.
    CHECK_THAT(f.out, Contains("relctl data-release (run ") && !Contains("--dry-run"));
    CHECK_THAT(f.out,
               Contains("failed  data.committed") && Contains("does not match its manifest"));
    CHECK(capture(repo) == before);
    CHECK(repo.origin_git("git tag").empty());
  }
}

TEST_CASE("data-release --export without [data_release.export] says what to add", "[data][e2e]") {
  DataRepo repo;
  const auto before = capture(repo);
  const auto r = repo.relctl({"data-release", "--export"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("--export needs a [data_release.export] section"));
  CHECK(capture(repo) == before);
}

TEST_CASE("odd table and column names are only names in checks and reports", "[data][e2e]") {
  DataRepo repo(data_release_toml("direct", "") + R"(
[[data_release.checks]]
table = "x\"; DROP TABLE y; --"
column = "it's \"odd\""
unique = true
not_null = true
)");
  make_snapshot(repo.snapshot(), R"(CREATE TABLE y (a INTEGER); INSERT INTO y VALUES (1);
CREATE TABLE "x""; DROP TABLE y; --" ("it's ""odd""" TEXT);
INSERT INTO "x""; DROP TABLE y; --" VALUES ('a'), ('b');)");
  const auto r = repo.relctl({"data-release", "--date", date});
  INFO(output(r));
  CHECK(r.exit_code == 0);
  const auto manifest = json::parse(read_file(repo.manifest()));
  CHECK(manifest["tables"]["x\"; DROP TABLE y; --"]["rows"] == 2);
  CHECK(manifest["tables"]["y"]["rows"] == 1);
}

TEST_CASE("a one-table, one-row snapshot is counted in the singular", "[data][e2e]") {
  DataRepo repo(R"([project]
name = "datatest"
release_branches = ["main"]

[data_release]
snapshot = "data/snap.sqlite"
manifest = "data/manifest.json"
mode = "direct"
reports_dir = "reports"
)");
  fs::remove(repo.snapshot());
  exec_sql(repo.snapshot(),
           "CREATE TABLE seasons (id INTEGER PRIMARY KEY); "
           "INSERT INTO seasons VALUES (1);");
  auto r = repo.relctl({"data-release", "--dry-run", "--date", date});
  INFO(output(r));
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("(1 table, 1 row, snapshot sha256 "));
  r = repo.relctl({"data-release", "--date", date});
  INFO(output(r));
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Contains(": 1 table, 1 row, sha256 "));
  CHECK_THAT(repo.git("git tag -l --format='%(contents)' " + tag),
             Contains("1 table: seasons (1 row)"));
}

TEST_CASE("a joint code and data release puts both tags on one commit", "[data][e2e]") {
  DataRepo repo(data_release_toml("direct") + R"(
[code_release]
mode = "direct"
changelog = "CHANGELOG.md"
require_data_release = true
)");
  repo.git(
      "echo 'print(1)' > app.py && git add app.py && git commit -q -m 'feat: the app' && "
      "git push -q origin main");

  const auto refused = repo.relctl({"code-release", "--no-data"});
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.err, Contains("--no-data is refused"));

  const auto before = capture(repo);
  const auto dry = repo.relctl({"code-release", "--dry-run"});
  INFO(output(dry));
  CHECK(dry.exit_code == 0);
  CHECK_THAT(dry.out, Contains("planned data.manifest") && Contains("passed  sqlite.integrity"));
  CHECK(capture(repo) == before);

  const auto r = repo.relctl({"code-release", "--json"});
  INFO(output(r));
  REQUIRE(r.exit_code == 0);
  const auto doc = json::parse(r.out);
  REQUIRE(doc["release"]["tags"].size() == 2);
  const std::string code_tag = doc["release"]["tags"][0];
  const std::string data_tag = doc["release"]["tags"][1];
  CHECK(code_tag == "code-v0.1.0");
  CHECK_THAT(data_tag, Catch::StartsWith("data-"));
  const std::string commit = doc["release"]["commit"];
  CHECK(repo.origin_git("git rev-parse " + code_tag + "^{commit}") == commit + "\n");
  CHECK(repo.origin_git("git rev-parse " + data_tag + "^{commit}") == commit + "\n");
  CHECK(repo.origin_git("git rev-parse main") == commit + "\n");
  const std::string files = repo.origin_git("git show --name-only --format= main");
  CHECK_THAT(files, Contains("CHANGELOG.md") && Contains("data/snap.sqlite") &&
                        Contains("data/manifest.json") && Contains("report.md"));
  CHECK(json::parse(read_file(repo.manifest()))["snapshot"]["sha256"] ==
        sha256sum(repo.snapshot()));
}

TEST_CASE("a rejected push undoes the release: branch, commit, report and manifest",
          "[data][e2e]") {
  DataRepo repo;
  REQUIRE(repo.relctl({"data-release", "--date", "20261120"}).exit_code == 0);
  repo.set_config(data_release_toml("pr"));
  make_snapshot(repo.snapshot(), "", 125);
  // origin cannot take the review branch: its ref is locked.
  repo.origin_git("mkdir -p refs/heads/data-release && touch refs/heads/data-release/" + date +
                  ".lock");
  const auto before = capture(repo);
  const std::string manifest_before = read_file(repo.manifest());

  const auto r = repo.relctl({"data-release", "--date", date});
  INFO(output(r));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Contains("failed  git.push") && Contains("rejected the push"));
  CHECK_THAT(r.out, Contains("undone  git.commit") && Contains("undone  git.branch-create") &&
                        Contains("undone  data.report") && Contains("undone  data.manifest"));
  // Refs, index, files and origin as before; the undone commit's objects stay
  // unreachable in the object store until git gc, as with any git undo.
  auto after = capture(repo);
  after.objects = before.objects;
  CHECK(after == before);
  CHECK(read_file(repo.manifest()) == manifest_before);
  CHECK(repo.git("git rev-parse --abbrev-ref HEAD") == "main\n");
}

TEST_CASE("data gates run alone with relctl check", "[data][e2e]") {
  DataRepo repo;
  const auto r = repo.relctl(
      {"check", "sqlite.integrity", "sqlite.foreign-keys", "data.checks", "data.row-drop"});
  INFO(output(r));
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("passed  sqlite.integrity") && Contains("passed  data.checks") &&
                        Contains("skipped data.row-drop"));
  make_snapshot(repo.snapshot(),
                "UPDATE castaways SET result = 'Quit' WHERE castaway_id = 'US0002';");
  const auto bad = repo.relctl({"check", "data.checks"});
  CHECK(bad.exit_code == 1);
  CHECK_THAT(bad.out, Contains("accepted_values: 1 row of castaways.result holds another value"));
}

TEST_CASE("an index whose contents do not match its table fails sqlite.integrity", "[data][e2e]") {
  DataRepo repo;
  make_snapshot(repo.snapshot(),
                "CREATE INDEX castaways_season ON castaways (season_id);"
                "PRAGMA writable_schema = ON;"
                "UPDATE sqlite_master SET sql = 'CREATE INDEX castaways_season ON castaways "
                "(full_name)' WHERE name = 'castaways_season';");
  const auto before = capture(repo);
  check_refused(repo, before, repo.relctl({"data-release", "--date", date}), "sqlite.integrity",
                "missing from index castaways_season");
}

TEST_CASE("a joint release in pr mode tags code and data on the merge commit with --finalize",
          "[data][e2e]") {
  DataRepo repo(data_release_toml("pr") + R"(
[code_release]
mode = "pr"
require_data_release = true
)");
  repo.git(
      "echo 'print(1)' > app.py && git add app.py && git commit -q -m 'feat: the app' && "
      "git push -q origin main");
  const auto r = repo.relctl({"code-release"});
  INFO(output(r));
  REQUIRE(r.exit_code == 0);
  CHECK(repo.origin_git("git tag").empty());
  const std::string files = repo.origin_git("git show --name-only --format= release/v0.1.0");
  CHECK_THAT(files, Contains("CHANGELOG.md") && Contains("data/snap.sqlite") &&
                        Contains("data/manifest.json"));

  const fs::path reviewer = repo.clone("reviewer");
  sh("git merge -q --no-ff origin/release/v0.1.0 -m 'Merge release' && git push -q origin main",
     reviewer);
  repo.git("git checkout -q main && git pull -q --ff-only origin main");
  const auto f = repo.relctl({"code-release", "--finalize", "--json"});
  INFO(output(f));
  REQUIRE(f.exit_code == 0);
  const auto doc = json::parse(f.out);
  REQUIRE(doc["release"]["tags"].size() == 2);
  const std::string merge = repo.origin_git("git rev-parse main");
  for (const auto& t : doc["release"]["tags"]) {
    CHECK(repo.origin_git("git rev-parse " + t.get<std::string>() + "^{commit}") == merge);
  }
  CHECK(gate(doc, "data.committed")["status"] == "passed");
}
