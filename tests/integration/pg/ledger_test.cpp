// The ledger interface, one suite run against both backends: the embedded
// SQLite file and a team's Postgres database (schema relctl, table runs).

#include <catch2/catch.hpp>
#include <functional>

#include "relctl/core/ledger.hpp"
#include "relctl/pg/ledger.hpp"
#include "support/pg_database.hpp"

using namespace relctl;
using namespace relctl::test;

namespace {

core::RunRecord record(const std::string& id, const std::string& started, const std::string& env) {
  core::RunRecord r;
  r.run_id = id;
  r.command = "migrate";
  r.argv = "relctl migrate --env " + env;
  r.user = "alice";
  r.host = "laptop";
  r.ci_url = "https://ci.example/run/1";
  r.git_commit = "3f2a1c9";
  r.env = env;
  r.dry_run = false;
  r.status = "running";
  r.started_at = started;
  return r;
}

// What every ledger must do, whatever its backend.
void ledger_contract(const std::function<std::unique_ptr<core::Ledger>()>& open) {
  auto ledger = open();
  CHECK(ledger->list({}).empty());

  auto a = record("01A", "2026-11-22T10:00:00Z", "dev");
  ledger->begin(a);
  auto listed = ledger->list({});
  REQUIRE(listed.size() == 1);
  CHECK(listed[0].status == "running");
  CHECK(listed[0].finished_at.empty());
  CHECK(listed[0].gates_json == "[]");

  a.status = "passed";
  a.exit_code = 0;
  a.release = "data-20261122,code-v1.0.0";
  a.finished_at = "2026-11-22T10:00:05Z";
  a.gates_json = R"([{"id":"pg.connect","status":"passed","message":"it's \"ok\""}])";
  ledger->finish(a);

  auto b = record("01B", "2026-11-22T11:00:00Z", "prod");
  b.dry_run = true;
  b.status = "failed";
  b.exit_code = 4;
  b.finished_at = "2026-11-22T11:00:01Z";
  ledger->finish(b);  // finish without begin still records the run

  // Reopening sees the same rows (and does not recreate anything).
  ledger = open();
  listed = ledger->list({});
  REQUIRE(listed.size() == 2);
  CHECK(listed[0].run_id == "01B");  // newest first
  CHECK(listed[0].dry_run);
  CHECK(listed[0].exit_code == 4);
  const auto& got = listed[1];
  CHECK(got.run_id == "01A");
  CHECK(got.command == "migrate");
  CHECK(got.argv == "relctl migrate --env dev");
  CHECK(got.user == "alice");
  CHECK(got.host == "laptop");
  CHECK(got.ci_url == "https://ci.example/run/1");
  CHECK(got.git_commit == "3f2a1c9");
  CHECK(got.release == "data-20261122,code-v1.0.0");
  CHECK(got.status == "passed");
  CHECK_FALSE(got.dry_run);
  CHECK(got.started_at == "2026-11-22T10:00:00Z");
  CHECK(got.finished_at == "2026-11-22T10:00:05Z");
  CHECK(got.gates_json == a.gates_json);

  core::LedgerQuery only_prod;
  only_prod.env = "prod";
  CHECK(ledger->list(only_prod).size() == 1);
  core::LedgerQuery one;
  one.limit = 1;
  CHECK(ledger->list(one).size() == 1);
}

}  // namespace

TEST_CASE("ledger contract: SQLite", "[pg][ledger]") {
  TempDir dir;
  const std::string path = (dir / ".relctl/ledger.db").string();
  ledger_contract([&] { return core::open_sqlite_ledger(path); });
}

TEST_CASE("ledger contract: Postgres", "[pg][ledger]") {
  auto url = pg_or_skip();
  if (!url) return;
  ScratchDatabase db(*url);
  ledger_contract([&] { return relctl::pg::open_ledger(db.url(), "ledger ($RELCTL_LEDGER_URL)"); });
  CHECK(db.value("SELECT count(*) FROM relctl.runs") == "2");
}

TEST_CASE("Postgres ledger: unreachable is exit 3 with the password masked", "[pg][ledger]") {
  auto url = pg_or_skip();
  if (!url) return;
  try {
    relctl::pg::open_ledger(with_database(*url, "no_such_ledger_db"),
                            "ledger ($RELCTL_LEDGER_URL)");
    FAIL("opened a ledger in a database that does not exist");
  } catch (const DependencyError& e) {
    const std::string text = std::string(e.what()) + e.hint();
    CHECK_THAT(text, Catch::Contains("ledger ($RELCTL_LEDGER_URL)"));
    CHECK(text.find("Tr0ub4dor") == std::string::npos);
  }
}
