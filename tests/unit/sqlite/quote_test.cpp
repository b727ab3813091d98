#include <catch2/catch.hpp>

#include "relctl/sqlite/snapshot.hpp"

using relctl::sqlite::quote_identifier;
using relctl::sqlite::quote_literal;

TEST_CASE("quote_identifier doubles quotes so a name stays one identifier", "[data][sqlite]") {
  CHECK(quote_identifier("castaways") == "\"castaways\"");
  CHECK(quote_identifier("x\"; DROP TABLE y; --") == "\"x\"\"; DROP TABLE y; --\"");
  CHECK(quote_identifier("") == "\"\"");
  CHECK(quote_literal("it's") == "'it''s'");
}
