// pg.lock: one run per environment; the loser waits, then exits 4 naming the holder.

#include <catch2/catch.hpp>
#include <chrono>

#include "relctl/gates/pg.hpp"
#include "relctl/pg/advisory_lock.hpp"
#include "relctl/pg/connections.hpp"
#include "support/pg_database.hpp"

using namespace relctl;
using namespace relctl::test;

namespace {

std::unique_ptr<pg::Connection> open(const std::string& url, const std::string& app,
                                     core::Redactor& red) {
  pg::ConnectOptions o;
  o.conninfo = url;
  o.label = "db";
  o.application_name = app;
  return pg::Connection::open(o, red);
}

}  // namespace

TEST_CASE("advisory lock: the second session times out naming the first", "[pg][lock]") {
  auto url = pg_or_skip();
  if (!url) return;
  ScratchDatabase db(*url);
  core::Redactor red;
  const auto key = pg::advisory_key("relctl:test:env:dev");
  auto first = pg::AdvisoryLock::acquire(open(db.url(), "relctl/01FIRST", red), key,
                                         "environment dev", std::chrono::seconds(1));
  const auto t0 = std::chrono::steady_clock::now();
  try {
    pg::AdvisoryLock::acquire(open(db.url(), "relctl/01SECOND", red), key, "environment dev",
                              std::chrono::milliseconds(600));
    FAIL("two sessions held one lock");
  } catch (const LockedError& e) {
    const auto waited = std::chrono::steady_clock::now() - t0;
    CHECK(waited >= std::chrono::milliseconds(600));
    CHECK(waited < std::chrono::seconds(3));
    CHECK(e.code() == ExitCode::locked);
    const std::string what = e.what();
    CHECK_THAT(what, Catch::Contains("environment dev is locked by run 01FIRST (relctl/01FIRST)"));
    CHECK_THAT(what, Catch::Contains("user relctl_test from 127.0.0.1"));
    CHECK_THAT(what, Catch::Contains("since 20"));
    CHECK_THAT(e.hint(), Catch::Contains("pg_terminate_backend("));
  }
  // Closing the holder's connection frees the lock.
  first.reset();
  auto second = pg::AdvisoryLock::acquire(open(db.url(), "relctl/01SECOND", red), key,
                                          "environment dev", std::chrono::seconds(1));
  CHECK(second->release());
}

TEST_CASE("advisory lock: an unlock the server did not expect is reported", "[pg][lock]") {
  auto url = pg_or_skip();
  if (!url) return;
  ScratchDatabase db(*url);
  core::Redactor red;
  const auto key = pg::advisory_key("relctl:test:unlock");
  auto lock = pg::AdvisoryLock::acquire(open(db.url(), "relctl/X", red), key, "environment x",
                                        std::chrono::seconds(1));
  // Someone released it behind relctl's back.
  lock->connection().query("SELECT pg_advisory_unlock($1::bigint)", {std::to_string(key)});
  CHECK_FALSE(lock->release());
}

TEST_CASE("pg.lock holds the environment's lock for the run and releases it", "[pg][lock]") {
  auto url = pg_or_skip();
  if (!url) return;
  PgProject p(*url);
  core::Redactor red;
  auto other = open(p.db.url(), "other", red);
  const auto held = [&] {
    return other->query_value(
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND "
        "granted AND database = (SELECT oid FROM pg_database WHERE datname "
        "= current_database())");
  };

  // While a run holds it, a second run's pg.lock fails with exit 4.
  core::Options o;
  core::Context ctx(o, &p.cfg, p.clock, p.reporter, p.redactor);
  ctx.run_id = "01HOLDER";
  ctx.release.env = "dev";
  pg::Connections holder(p.cfg, ctx.run_id, p.redactor);
  ctx.pg = &holder;
  auto gate = gates::make_pg_lock();
  REQUIRE(gate->run(ctx).status == core::Status::passed);
  CHECK(held() == "1");

  p.cfg.migrations.lock_timeout = std::chrono::milliseconds(400);
  const auto loser = p.run_one(gates::make_pg_lock());
  CHECK(loser.status == core::Status::failed);
  CHECK(loser.exit_code == 4);
  CHECK_THAT(loser.message, Catch::Contains("environment dev (database main) is locked by run "
                                            "01HOLDER (relctl/01HOLDER)"));

  // Undo (a later gate failed) releases it; so does the end of the run.
  gate->undo(ctx);
  CHECK(held() == "0");
  REQUIRE(gate->run(ctx).status == core::Status::passed);
  CHECK(holder.release_locks().empty());
  CHECK(held() == "0");

  // A dry run only says what it would take.
  const auto planned = p.run_one(gates::make_pg_lock(), /*dry_run=*/true);
  CHECK(planned.status == core::Status::planned);
  CHECK_THAT(planned.message, Catch::Contains("would take the lock of environment dev"));
}
