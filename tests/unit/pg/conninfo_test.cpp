// Connection strings: relctl's settings appended so they win, passwords masked.

#include <catch2/catch.hpp>

#include "relctl/core/error.hpp"
#include "relctl/core/redactor.hpp"
#include "relctl/pg/connection.hpp"

using namespace relctl::pg;

TEST_CASE("build_conninfo appends application_name, timeout and dbname to a URL",
          "[pg][conninfo]") {
  ConnectOptions o;
  o.conninfo = "postgresql://app:Tr0ub4dor%263%21@db.example:6543/prod?sslmode=disable\n";
  o.application_name = "relctl/01ABC";
  o.connect_timeout = std::chrono::milliseconds(2500);
  CHECK(build_conninfo(o) ==
        "postgresql://app:Tr0ub4dor%263%21@db.example:6543/prod?sslmode=disable"
        "&application_name=relctl%2F01ABC&connect_timeout=3");
  o.dbname = "relctl_shadow_x";
  o.conninfo = "postgres://app@db.example/prod";
  CHECK(build_conninfo(o) ==
        "postgres://app@db.example/prod?dbname=relctl_shadow_x&application_name=relctl%2F01ABC"
        "&connect_timeout=3");
}

TEST_CASE("build_conninfo appends quoted keywords to the key=value form", "[pg][conninfo]") {
  ConnectOptions o;
  o.conninfo = "host=localhost password='it\\'s' dbname=x";
  o.dbname = "it's";
  o.application_name = "relctl/R";
  o.connect_timeout = std::chrono::milliseconds(500);
  CHECK(build_conninfo(o) ==
        "host=localhost password='it\\'s' dbname=x dbname='it\\'s' application_name='relctl/R' "
        "connect_timeout='1'");
}

TEST_CASE("a malformed connection string fails as a dependency, password masked",
          "[pg][conninfo]") {
  relctl::core::Redactor red;
  ConnectOptions o;
  o.conninfo = "postgresql://u:Tr0ub4dor%263%21@localhost/db?no_such_option=1";
  o.label = "database x ($X)";
  try {
    Connection::open(o, red);
    FAIL("expected a DependencyError");
  } catch (const relctl::DependencyError& e) {
    const std::string what = e.what();
    CHECK(e.code() == relctl::ExitCode::dependency);
    CHECK_THAT(what, Catch::Contains("$X") && Catch::Contains("no_such_option"));
    CHECK(what.find("Tr0ub4dor") == std::string::npos);
    CHECK_FALSE(e.hint().empty());
  }
  // The decoded password is registered too, not only the URL's spelling.
  CHECK(red.mask("Tr0ub4dor&3!") == "****");
  CHECK(red.mask("Tr0ub4dor%263%21") == "****");
}

TEST_CASE("identifiers are quoted as names", "[pg][conninfo]") {
  CHECK(quote_ident("x\"; drop table t; --") == "\"x\"\"; drop table t; --\"");
}
