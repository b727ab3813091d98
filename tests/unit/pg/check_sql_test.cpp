// The data-check grammar as SQL: identifiers are only ever names.

#include <catch2/catch.hpp>

#include "gates/checks/check_sql.hpp"
#include "relctl/core/error.hpp"

using namespace relctl::gates::checks;
using relctl::config::DataCheck;

TEST_CASE("identifiers from the config are quoted, never spliced", "[pg][checks]") {
  CHECK(quote_identifier("castaways") == "\"castaways\"");
  CHECK(quote_identifier("x\"; drop table t; --") == "\"x\"\"; drop table t; --\"");
  CHECK(quote_table("ops.jobs") == "\"ops\".\"jobs\"");
  CHECK(quote_table("x\"; drop table t; --") == "\"x\"\"; drop table t; --\"");

  DataCheck c;
  c.table = "x\"; drop table t; --";
  c.column = "y\" IS NULL; delete from t; --";
  c.not_null = true;
  const auto rules = build_rule_queries(c, Dialect::postgres);
  REQUIRE(rules.size() == 1);
  CHECK(rules[0].sql ==
        "SELECT count(*) FROM \"x\"\"; drop table t; --\" WHERE \"y\"\" IS NULL; delete from t; "
        "--\" IS NULL");
}

TEST_CASE("one query per rule, values as parameters in the dialect's syntax", "[pg][checks]") {
  DataCheck c;
  c.table = "ops.jobs";
  c.column = "status";
  c.unique = true;
  c.not_null = true;
  c.accepted_values = {"pending", "it's"};
  c.row_count = relctl::config::RowCount{1, std::nullopt};
  const auto pg = build_rule_queries(c, Dialect::postgres);
  REQUIRE(pg.size() == 4);
  CHECK(pg[0].rule == RuleQuery::Rule::row_count);
  CHECK(pg[2].rule == RuleQuery::Rule::not_null);
  const auto& av = pg[3];
  CHECK(av.rule == RuleQuery::Rule::accepted_values);
  CHECK_THAT(av.sql, Catch::Contains("NOT IN ($1, $2)"));
  CHECK(av.params == std::vector<std::string>{"pending", "it's"});
  CHECK_THAT(av.sql, !Catch::Contains("it's"));
  const auto lite = build_rule_queries(c, Dialect::sqlite);
  CHECK_THAT(lite[3].sql, Catch::Contains("NOT IN (?1, ?2)"));
}

TEST_CASE("custom SQL counts rows and relationships look for orphans", "[pg][checks]") {
  DataCheck custom;
  custom.name = "no_future";
  custom.sql = "SELECT * FROM seasons WHERE premiered > now();  \n";
  const auto q = build_rule_queries(custom, Dialect::postgres);
  REQUIRE(q.size() == 1);
  CHECK(q[0].sql ==
        "SELECT count(*) FROM (SELECT * FROM seasons WHERE premiered > now()) AS relctl_custom");
  CHECK(check_name(custom) == "no_future");

  DataCheck rel;
  rel.table = "votes";
  rel.column = "castaway_id";
  rel.relationship = relctl::config::Relationship{"castaways", "castaway_id"};
  const auto r = build_rule_queries(rel, Dialect::postgres);
  CHECK_THAT(r[0].sql, Catch::Contains("NOT EXISTS") && Catch::Contains("\"castaways\""));
  CHECK(check_name(rel) == "votes.castaway_id relationship");
}

TEST_CASE("judging measured values", "[pg][checks]") {
  DataCheck c;
  c.table = "t";
  c.column = "c";
  c.row_count = relctl::config::RowCount{10, 20};
  const RuleQuery count{RuleQuery::Rule::row_count, "", {}, ""};
  CHECK_FALSE(judge(c, count, 9).ok);
  CHECK(judge(c, count, 10).ok);
  CHECK_FALSE(judge(c, count, 21).ok);
  const RuleQuery unique{RuleQuery::Rule::unique, "", {}, ""};
  const auto v = judge(c, unique, 2, {"a", "b"});
  CHECK_FALSE(v.ok);
  CHECK_THAT(v.message, Catch::Contains("2 duplicated") && Catch::Contains("'a'"));
}

TEST_CASE("judging: one row, one value, one NULL read in the singular", "[pg][checks]") {
  DataCheck c;
  c.table = "t";
  c.column = "c";
  c.row_count = relctl::config::RowCount{2, 20};
  c.relationship = relctl::config::Relationship{"p", "id"};
  using R = RuleQuery::Rule;
  const auto said = [&](R rule, std::int64_t value) {
    return judge(c, RuleQuery{rule, "", {}, ""}, value).message;
  };
  CHECK(said(R::row_count, 1) == "row_count: t.c has 1 row, fewer than the minimum 2");
  CHECK(said(R::row_count, 3) == "row_count: t.c has 3 rows");
  CHECK(said(R::unique, 1) == "unique: t.c has 1 duplicated value");
  CHECK(said(R::not_null, 1) == "not_null: t.c has 1 NULL");
  CHECK(said(R::not_null, 2) == "not_null: t.c has 2 NULLs");
  CHECK(said(R::accepted_values, 1) == "accepted_values: 1 row of t.c holds another value");
  CHECK(said(R::accepted_values, 2) == "accepted_values: 2 rows of t.c hold other values");
  CHECK(said(R::relationship, 1) == "relationship: 1 row of t.c has no match in p.id");
  CHECK(said(R::relationship, 2) == "relationship: 2 rows of t.c have no match in p.id");
  CHECK(said(R::custom, 1) == "sql: returned 1 row (rows mean failure)");
}

TEST_CASE("a check without a rule, or a column rule without column, is a config error",
          "[pg][checks]") {
  DataCheck none;
  none.table = "t";
  CHECK_THROWS_AS(build_rule_queries(none, Dialect::postgres), relctl::ConfigError);
  DataCheck nocol;
  nocol.table = "t";
  nocol.unique = true;
  CHECK_THROWS_AS(build_rule_queries(nocol, Dialect::sqlite), relctl::ConfigError);
}
