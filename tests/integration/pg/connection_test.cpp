// The Postgres adapter against the real cluster: connecting, errors as
// relctl errors with passwords masked, application_name, Ctrl-C.

#include <signal.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "relctl/core/interrupt.hpp"
#include "relctl/gates/pg.hpp"
#include "relctl/pg/connection.hpp"
#include "support/pg_database.hpp"

using namespace relctl;
using namespace relctl::test;

namespace {

const char* const password = "Tr0ub4dor&3!";
const char* const password_url = "Tr0ub4dor%263%21";

void check_masked(const std::string& text) {
  INFO(text);
  CHECK(text.find(password) == std::string::npos);
  CHECK(text.find(password_url) == std::string::npos);
  CHECK(text.find("Tr0ub4dor") == std::string::npos);
}

std::string replace(std::string s, const std::string& from, const std::string& to) {
  const auto at = s.find(from);
  REQUIRE(at != std::string::npos);
  return s.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("pg.connect reports the server, database and user", "[pg][connect]") {
  auto url = pg_or_skip();
  if (!url) return;
  PgProject p(*url);
  const auto r = p.run_one(gates::make_pg_connect());
  INFO(r.message << r.hint);
  REQUIRE(r.status == core::Status::passed);
  CHECK_THAT(r.message, Catch::Contains("PostgreSQL 1") && Catch::Contains(p.db.name()) &&
                            Catch::Contains("relctl_test"));
  check_masked(r.message + r.details_json);
}

TEST_CASE("connections carry relctl/<run id> as application_name", "[pg][connect]") {
  auto url = pg_or_skip();
  if (!url) return;
  core::Redactor red;
  pg::ConnectOptions o;
  o.conninfo = *url;
  o.label = "test";
  o.application_name = "relctl/01TESTRUN";
  auto conn = pg::Connection::open(o, red);
  CHECK(conn->query_value("SELECT application_name FROM pg_stat_activity WHERE pid = "
                          "pg_backend_pid()") == "relctl/01TESTRUN");
}

TEST_CASE("wrong password, host or database: exit 3, a hint, never the password",
          "[pg][connect][secrets]") {
  auto url = pg_or_skip();
  if (!url) return;
  REQUIRE(url->find(password_url) != std::string::npos);
  std::string bad;
  std::string says;
  SECTION("wrong password") {
    bad = replace(*url, password_url, "Tr0ub4dor%263%21x");
    says = "password authentication failed";
  }
  SECTION("wrong host") {
    bad = replace(*url, "127.0.0.1", "no-such-host.invalid");
    says = "no-such-host.invalid";
  }
  SECTION("wrong port (nothing listening)") {
    const char* port = std::getenv("RELCTL_TEST_PG_PORT");
    REQUIRE(port);
    bad = replace(*url, std::string("@127.0.0.1:") + port + "/", "@127.0.0.1:1/");
    says = "Connection refused";
  }
  SECTION("wrong database") {
    bad = with_database(*url, "no_such_database");
    says = "no_such_database";
  }
  SECTION("key=value form") {
    const std::string port =
        std::getenv("RELCTL_TEST_PG_PORT") ? std::getenv("RELCTL_TEST_PG_PORT") : "5432";
    bad = "host=127.0.0.1 port=" + port + " user=relctl_test dbname=postgres password='" +
          password + "x'";
    says = "password authentication failed";
  }
  core::Redactor red;
  pg::ConnectOptions o;
  o.conninfo = bad;
  o.label = "database main ($APP_DB_URL)";
  o.connect_timeout = std::chrono::seconds(3);
  try {
    pg::Connection::open(o, red);
    FAIL("connected with a bad connection string");
  } catch (const DependencyError& e) {
    CHECK(e.code() == ExitCode::dependency);
    const std::string what = red.mask(e.what());
    CHECK_THAT(what, Catch::Contains("database main ($APP_DB_URL): cannot connect"));
    CHECK_THAT(what, Catch::Contains(says));
    CHECK_FALSE(e.hint().empty());
    check_masked(std::string(e.what()) + e.hint());
  }
}

TEST_CASE("a refused statement is a QueryError with SQLSTATE and masked text", "[pg][connect]") {
  auto url = pg_or_skip();
  if (!url) return;
  core::Redactor red;
  pg::ConnectOptions o;
  o.conninfo = *url;
  o.label = "db";
  auto conn = pg::Connection::open(o, red);
  try {
    conn->query("SELECT 'Tr0ub4dor&3!' FROM no_such_table");
    FAIL("expected a QueryError");
  } catch (const pg::QueryError& e) {
    CHECK(e.sqlstate() == "42P01");
    CHECK(e.code() == ExitCode::dependency);
    CHECK_THAT(e.server_message(), Catch::Contains("no_such_table"));
    check_masked(e.statement());
  }
  // After an error in a transaction, rollback leaves the connection usable.
  conn->begin();
  CHECK_THROWS_AS(conn->query("SELEC 1"), pg::QueryError);
  conn->rollback();
  CHECK(conn->query_value("SELECT 1") == "1");
}

TEST_CASE("Ctrl-C cancels the statement in flight", "[pg][connect][interrupt]") {
  auto url = pg_or_skip();
  if (!url) return;
  core::Redactor red;
  pg::ConnectOptions o;
  o.conninfo = *url;
  o.label = "db";
  auto conn = pg::Connection::open(o, red);
  core::install_interrupt_handlers();
  core::reset_interrupt();
  std::thread ctrl_c([] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    kill(getpid(), SIGINT);
  });
  const auto t0 = std::chrono::steady_clock::now();
  CHECK_THROWS_AS(conn->query("SELECT pg_sleep(20)"), Interrupted);
  ctrl_c.join();
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(5));
  // Cleanup must still run after Ctrl-C.
  {
    pg::Uninterruptible quiet(*conn);
    CHECK(conn->query_value("SELECT 42") == "42");
  }
  CHECK_THROWS_AS(conn->query("SELECT 1"), Interrupted);
  core::reset_interrupt();
  CHECK(conn->query_value("SELECT 1") == "1");
}
