// data.export's pure parts: the type mapping, the statements of a table,
// creation order, which tables an export selects, and COPY text parsing.

#include <catch2/catch.hpp>

#include "gates/data/export_plan.hpp"
#include "relctl/core/error.hpp"

using namespace relctl;
using Catch::Matchers::Contains;
using gates::data::Bind;

namespace {

pg::SourceColumn col(std::string name, std::string base, char category = 'U', char kind = 'b',
                     std::string type = "") {
  pg::SourceColumn c;
  c.name = std::move(name);
  c.type = type.empty() ? base : std::move(type);
  c.base_type = std::move(base);
  c.category = category;
  c.type_kind = kind;
  return c;
}

}  // namespace

TEST_CASE("each Postgres type maps to its SQLite type and reading expression", "[export]") {
  const config::Export settings;
  struct Row {
    pg::SourceColumn column;
    const char* sqlite_type;
    Bind bind;
    const char* expr;
  };
  const std::vector<Row> rows = {
      {col("a", "int4", 'N'), "INTEGER", Bind::integer, "t.\"a\""},
      {col("a", "int8", 'N'), "INTEGER", Bind::integer, "t.\"a\""},
      {col("a", "int2", 'N'), "INTEGER", Bind::integer, "t.\"a\""},
      {col("a", "float8", 'N'), "REAL", Bind::real, "t.\"a\""},
      {col("a", "float4", 'N'), "REAL", Bind::real, "t.\"a\""},
      {col("a", "numeric", 'N'), "TEXT", Bind::text, "t.\"a\"::text"},
      {col("a", "bool", 'B'), "INTEGER", Bind::integer, "t.\"a\"::int"},
      {col("a", "date", 'D'), "TEXT", Bind::text, "t.\"a\"::text"},
      {col("a", "timestamp", 'D'), "TEXT", Bind::text, "regexp_replace(t.\"a\"::text, ' ', 'T')"},
      {col("a", "timestamptz", 'D'), "TEXT", Bind::text,
       "CASE WHEN isfinite(t.\"a\") THEN regexp_replace((t.\"a\" AT TIME ZONE 'UTC')::text, ' ', "
       "'T') || 'Z' ELSE t.\"a\"::text END"},
      {col("a", "time", 'D'), "TEXT", Bind::text, "t.\"a\"::text"},
      {col("a", "interval", 'T'), "TEXT", Bind::text, "t.\"a\"::text"},
      {col("a", "uuid", 'U'), "TEXT", Bind::text, "t.\"a\"::text"},
      {col("a", "jsonb", 'U'), "TEXT", Bind::text, "t.\"a\"::text"},
      {col("a", "json", 'U'), "TEXT", Bind::text, "t.\"a\"::text"},
      {col("a", "bytea", 'U'), "BLOB", Bind::blob_hex, "encode(t.\"a\", 'hex')"},
      {col("a", "_int4", 'A'), "TEXT", Bind::text, "to_json(t.\"a\")::text"},
      {col("a", "pair", 'C', 'c'), "TEXT", Bind::text, "to_json(t.\"a\")::text"},
      {col("a", "mood", 'E', 'e'), "TEXT", Bind::text, "t.\"a\"::text"},
      {col("a", "varchar", 'S'), "TEXT", Bind::text, "t.\"a\"::text"},
      {col("a", "inet", 'I'), "TEXT", Bind::text, "t.\"a\"::text"},
  };
  for (const auto& r : rows) {
    INFO(r.column.base_type);
    const auto p = gates::data::plan_column(r.column, "t1", settings);
    CHECK(p.sqlite_type == r.sqlite_type);
    CHECK(p.bind == r.bind);
    CHECK(p.select_expr == r.expr);
  }
}

TEST_CASE("numeric = real stores numeric as REAL", "[export]") {
  config::Export settings;
  settings.numeric = "real";
  const auto p = gates::data::plan_column(col("n", "numeric", 'N'), "t1", settings);
  CHECK(p.sqlite_type == "REAL");
  CHECK(p.select_expr == "t.\"n\"::float8");
}

TEST_CASE("an unmapped type fails naming table, column and type, unless type_map maps it",
          "[export]") {
  config::Export settings;
  const auto geo = col("where", "point", 'G', 'b', "point");
  try {
    gates::data::plan_column(geo, "places", settings);
    FAIL("expected an error");
  } catch (const GateError& e) {
    CHECK_THAT(e.what(), Contains("places.where") && Contains("point"));
    CHECK_THAT(e.hint(), Contains("type_map"));
  }
  settings.type_map["point"] = "text";
  CHECK(gates::data::plan_column(geo, "places", settings).sqlite_type == "TEXT");
  settings.type_map["point"] = "VARCHAR";
  CHECK_THROWS_AS(gates::data::plan_column(geo, "places", settings), ConfigError);
}

TEST_CASE("a table keeps its key, NOT NULL, UNIQUE and exported foreign keys", "[export]") {
  pg::SourceTable t;
  t.name = "vo\"tes";
  t.columns = {col("id", "int4", 'N'), col("who", "text", 'S'), col("season", "int4", 'N')};
  t.columns[1].not_null = true;
  t.primary_key = {"id"};
  t.uniques = {{"who", "season"}};
  t.foreign_keys = {{{"season"}, "seasons", {"season_id"}}, {{"who"}, "elsewhere", {"name"}}};
  const auto p = gates::data::plan_table(t, "gold", {"vo\"tes", "seasons"}, {});
  CHECK(p.create_sql ==
        "CREATE TABLE \"vo\"\"tes\" (\n  \"id\" INTEGER,\n  \"who\" TEXT NOT NULL,\n  \"season\" "
        "INTEGER,\n  PRIMARY KEY (\"id\"),\n  UNIQUE (\"who\", \"season\"),\n  FOREIGN KEY "
        "(\"season\") REFERENCES \"seasons\" (\"season_id\")\n)");
  CHECK(p.select_sql ==
        "SELECT t.\"id\", t.\"who\"::text, t.\"season\" FROM \"gold\".\"vo\"\"tes\" AS t ORDER BY "
        "t.\"id\"");
  CHECK(p.insert_sql == "INSERT INTO \"vo\"\"tes\" VALUES (?1, ?2, ?3)");

  t.primary_key.clear();
  CHECK_THAT(gates::data::plan_table(t, "gold", {}, {}).select_sql, Contains("ORDER BY 1, 2, 3"));
}

TEST_CASE("tables are created after the tables their foreign keys point to", "[export]") {
  auto table = [](std::string name, std::vector<std::string> parents) {
    pg::SourceTable t;
    t.name = std::move(name);
    for (auto& p : parents) t.foreign_keys.push_back({{"x"}, p, {"y"}});
    return t;
  };
  const auto order = gates::data::foreign_key_order(
      {table("votes", {"castaways", "votes"}), table("castaways", {"seasons"}),
       table("seasons", {}), table("a_notes", {"not_exported"})});
  std::vector<std::string> names;
  for (const auto& t : order) names.push_back(t.name);
  CHECK(names == std::vector<std::string>{"a_notes", "seasons", "castaways", "votes"});

  // A cycle does not stop the export: name order breaks it.
  const auto cycle = gates::data::foreign_key_order({table("b", {"a"}), table("a", {"b"})});
  CHECK(cycle.size() == 2);
  CHECK(cycle[0].name == "a");
}

TEST_CASE("tables, * and exclude select what is exported", "[export]") {
  config::Export s;
  s.schema = "gold";
  const std::vector<std::string> available = {"a", "b", "c"};
  CHECK(gates::data::select_tables(available, s) == available);
  s.exclude = {"b"};
  CHECK(gates::data::select_tables(available, s) == std::vector<std::string>{"a", "c"});
  s.tables = {"c"};
  s.exclude = {};
  CHECK(gates::data::select_tables(available, s) == std::vector<std::string>{"c"});
  s.tables = {"zzz"};
  CHECK_THROWS_WITH(gates::data::select_tables(available, s),
                    Contains("table gold.zzz does not exist"));
  s.tables = {"*"};
  s.exclude = available;
  CHECK_THROWS_WITH(gates::data::select_tables(available, s), Contains("no tables to export"));
  CHECK_THROWS_WITH(gates::data::select_tables({}, config::Export{}),
                    Contains("no tables to export"));
}

TEST_CASE("COPY text lines split into unescaped fields and NULLs", "[export]") {
  std::string scratch;
  pg::CopyRow f;
  pg::parse_copy_line("1\t\\N\ta\\tb\\nc\\\\d\t\t\\x41\\101é", scratch, f);
  REQUIRE(f.size() == 5);
  CHECK(*f[0] == "1");
  CHECK_FALSE(f[1].has_value());
  CHECK(*f[2] == "a\tb\nc\\d");
  CHECK(f[3].has_value());
  CHECK(f[3]->empty());
  CHECK(*f[4] == "AAé");
  pg::parse_copy_line("\\N", scratch, f);
  REQUIRE(f.size() == 1);
  CHECK_FALSE(f[0].has_value());
  pg::parse_copy_line("\\\\N", scratch, f);  // the text \N, not NULL
  REQUIRE(f.size() == 1);
  CHECK(*f[0] == "\\N");
}
