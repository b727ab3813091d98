// Splitting SQL scripts into statements, psql-style.

#include <catch2/catch.hpp>

#include "relctl/pg/sql_script.hpp"

using namespace relctl::pg;

namespace {
std::vector<std::string> texts(std::string_view sql) {
  std::vector<std::string> out;
  for (const auto& s : split_sql(sql)) out.push_back(s.text);
  return out;
}
}  // namespace

TEST_CASE("split_sql splits on semicolons and records each statement's line", "[pg][sql]") {
  const auto st =
      split_sql("CREATE TABLE a (id int);\n\n-- second\nINSERT INTO a VALUES (1);\nSELECT 1");
  REQUIRE(st.size() == 3);
  CHECK(st[0].text == "CREATE TABLE a (id int)");
  CHECK(st[0].line == 1);
  CHECK(st[1].text == "INSERT INTO a VALUES (1)");
  CHECK(st[1].line == 4);
  CHECK(st[2].text == "SELECT 1");
  CHECK(st[2].line == 5);
}

TEST_CASE("split_sql ignores semicolons in strings, identifiers and comments", "[pg][sql]") {
  CHECK(texts("SELECT 'a;b'; SELECT 'it''s;'") ==
        std::vector<std::string>{"SELECT 'a;b'", "SELECT 'it''s;'"});
  CHECK(texts("SELECT E'x\\';y'; SELECT 2") ==
        std::vector<std::string>{"SELECT E'x\\';y'", "SELECT 2"});
  CHECK(texts("SELECT 1 AS \"a;b\"; SELECT 2") ==
        std::vector<std::string>{"SELECT 1 AS \"a;b\"", "SELECT 2"});
  CHECK(texts("SELECT 1 -- no; split\n; SELECT 2") ==
        std::vector<std::string>{"SELECT 1 -- no; split", "SELECT 2"});
  CHECK(texts("SELECT /* a; /* nested; */ b; */ 1; SELECT 2") ==
        std::vector<std::string>{"SELECT /* a; /* nested; */ b; */ 1", "SELECT 2"});
}

TEST_CASE("split_sql keeps dollar-quoted bodies whole", "[pg][sql]") {
  const std::string fn =
      "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$\nBEGIN\n  PERFORM 1;\n  "
      "RETURN $$x;$$::int;\nEND;\n$body$";
  const auto st = split_sql(fn + ";\nSELECT f();");
  REQUIRE(st.size() == 2);
  CHECK(st[0].text == fn);
  CHECK(st[1].line == 7);
  CHECK(texts("DO $$ BEGIN RAISE NOTICE 'a;b'; END $$; SELECT $1") ==
        std::vector<std::string>{"DO $$ BEGIN RAISE NOTICE 'a;b'; END $$", "SELECT $1"});
  // $ inside an identifier is not a quote.
  CHECK(texts("SELECT a$b$ FROM t; SELECT 2") ==
        std::vector<std::string>{"SELECT a$b$ FROM t", "SELECT 2"});
}

TEST_CASE("split_sql keeps BEGIN ATOMIC bodies and parentheses whole", "[pg][sql]") {
  const std::string fn =
      "CREATE OR REPLACE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n"
      "  SELECT CASE WHEN a > 0 THEN a ELSE 0 END + b;\n  SELECT 1;\nEND";
  CHECK(texts(fn + ";\nSELECT 2;") == std::vector<std::string>{fn, "SELECT 2"});
  CHECK(texts("CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO u VALUES (1); INSERT INTO u "
              "VALUES (2)); SELECT 3") ==
        std::vector<std::string>{"CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO u VALUES "
                                 "(1); INSERT INTO u VALUES (2))",
                                 "SELECT 3"});
  // Outside CREATE FUNCTION, BEGIN is a transaction statement of its own.
  CHECK(texts("BEGIN; SELECT 1; COMMIT;") ==
        std::vector<std::string>{"BEGIN", "SELECT 1", "COMMIT"});
}

TEST_CASE("split_sql drops empty statements and comment-only tails", "[pg][sql]") {
  CHECK(split_sql("").empty());
  CHECK(split_sql("  ;;\n -- only a comment\n/* and this */").empty());
  CHECK(texts(";;SELECT 1;;\n-- bye\n") == std::vector<std::string>{"SELECT 1"});
}

TEST_CASE("leading keywords and transaction control", "[pg][sql]") {
  CHECK(leading_keywords("/* x */ create  index concurrently i ON t (a)", 3) ==
        std::vector<std::string>{"CREATE", "INDEX", "CONCURRENTLY"});
  CHECK(is_transaction_control("BEGIN"));
  CHECK(is_transaction_control("commit"));
  CHECK(is_transaction_control("START TRANSACTION ISOLATION LEVEL SERIALIZABLE"));
  CHECK(is_transaction_control("END"));
  CHECK(is_transaction_control("ROLLBACK"));
  CHECK_FALSE(is_transaction_control("ROLLBACK TO SAVEPOINT s"));
  CHECK_FALSE(is_transaction_control("SAVEPOINT s"));
  CHECK_FALSE(is_transaction_control("CREATE TABLE begin_log (id int)"));
  CHECK_FALSE(is_transaction_control("DO $$ BEGIN NULL; END $$"));
}

TEST_CASE("line_of_position counts lines up to a character", "[pg][sql]") {
  CHECK(line_of_position("SELECT\n  1 +\n  x", 1) == 1);
  CHECK(line_of_position("SELECT\n  1 +\n  x", 8) == 2);
  CHECK(line_of_position("SELECT\n  1 +\n  x", 17) == 3);
  CHECK(line_of_position("SELECT 'é'\nx", 12) == 2);  // characters, not bytes
  CHECK(line_of_position("x", 99) == 1);
  CHECK(line_of_position("x", -1) == 1);
}
