// Type names as written in relctl.toml and as pg_proc's format_type spells them.

#include <catch2/catch.hpp>

#include "gates/pg/signature.hpp"

using namespace relctl::gates;

TEST_CASE("type names normalise to one spelling", "[pg][functions]") {
  struct Case {
    const char* in;
    const char* out;
  };
  const Case cases[] = {
      {"int4", "integer"},
      {"INTEGER", "integer"},
      {"int", "integer"},
      {"_text", "text[]"},
      {"text[]", "text[]"},
      {"text []", "text[]"},
      {"_int4", "integer[]"},
      {"int4[]", "integer[]"},
      {"int8", "bigint"},
      {"bool", "boolean"},
      {"varchar(20)", "character varying"},
      {"character varying(20)[]", "character varying[]"},
      {"timestamptz", "timestamp with time zone"},
      {"timestamp(3) with time zone", "timestamp with time zone"},
      {"Double  Precision", "double precision"},
      {"float8", "double precision"},
      {"numeric(10, 2)", "numeric"},
      {"pg_catalog.bool", "boolean"},
      {"public.job_status", "job_status"},
      {"ops.job_status", "ops.job_status"},
      {"jsonb", "jsonb"},
  };
  for (const auto& c : cases) {
    INFO(c.in);
    CHECK(normalise_type_name(c.in) == c.out);
  }
}

TEST_CASE("same_type compares normalised names", "[pg][functions]") {
  CHECK(same_type("int4", "integer"));
  CHECK(same_type("text[]", "_text"));
  CHECK(same_type("ops.job_status", "job_status"));
  CHECK_FALSE(same_type("ops.job_status", "billing.job_status"));
  CHECK_FALSE(same_type("integer", "bigint"));
  CHECK_FALSE(same_type("text", "text[]"));
}

TEST_CASE("signatures print like SQL", "[pg][functions]") {
  CHECK(format_signature("ops.claim", {"text[]", "integer"}) == "ops.claim(text[], integer)");
  CHECK(format_signature("f", {}) == "f()");
}
