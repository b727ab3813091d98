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

namespace {

// Every statement of `sql` with its traits, and the scanner's first problem.
struct Scanned {
  std::vector<ScriptStatement> statements;
  std::optional<ScriptProblem> problem;
};

Scanned scan(std::string_view sql, bool standard_conforming_strings = true) {
  Scanned out;
  SqlScanner scanner(sql, standard_conforming_strings);
  ScriptStatement s;
  while (scanner.next(s)) out.statements.push_back(s);
  out.problem = scanner.problem();
  return out;
}

const char* no_tx(std::string_view statement) {
  const auto s = scan(statement);
  REQUIRE(s.statements.size() == 1);
  return s.statements[0].traits.no_transaction;
}

}  // namespace

TEST_CASE("unterminated comments, quotes and dollar quotes are problems with their line",
          "[pg][sql]") {
  auto problem = [](std::string_view sql) {
    const auto p = scan(sql).problem;
    REQUIRE(p);
    return std::make_pair(p->line, p->message);
  };
  CHECK(problem("SELECT 1;\n/* never closed\nSELECT 2;\n") ==
        std::make_pair(2, std::string("unterminated /* comment")));
  CHECK(problem("SELECT 1;\n/* outer /* inner */ still open\n") ==
        std::make_pair(2, std::string("unterminated /* comment")));
  CHECK(problem("SELECT 1;\n\nSELECT 'abc;\n") ==
        std::make_pair(3, std::string("unterminated quoted string")));
  CHECK(problem("SELECT E'it\\'s;\n") ==
        std::make_pair(1, std::string("unterminated quoted string")));
  CHECK(problem("SELECT \"col;\n") ==
        std::make_pair(1, std::string("unterminated quoted identifier")));
  CHECK(problem("SELECT 1;\nDO $body$ BEGIN NULL; END $$;\n") ==
        std::make_pair(2, std::string("unterminated dollar quote $body$")));
  CHECK_FALSE(scan("SELECT 'ok'; /* c */ SELECT $$x$$;").problem);
}

TEST_CASE("psql meta-commands and variables are problems, casts and slices are not", "[pg][sql]") {
  auto problem = [](std::string_view sql) {
    const auto p = scan(sql).problem;
    return p ? std::to_string(p->line) + " " + p->message : std::string("none");
  };
  CHECK(problem("SELECT 1;\n\\set ON_ERROR_STOP on\nSELECT 2;") == "2 psql meta-command \\set");
  CHECK(problem("\\ir other.sql\n") == "1 psql meta-command \\ir");
  CHECK(problem("SELECT 1 AS n \\gset\n") == "1 psql meta-command \\gset");
  CHECK(problem("\\if :is_prod\nSELECT 1;\n\\endif\n") == "1 psql meta-command \\if");
  CHECK(problem("\\connect other\n") == "1 psql meta-command \\connect");
  CHECK(problem("SELECT 1;\nCREATE SCHEMA :'schema';\n") == "2 psql variable :'schema'");
  CHECK(problem("SELECT * FROM :\"tbl\";\n") == "1 psql variable :\"tbl\"");
  CHECK(problem("SELECT :limit;\n") == "1 psql variable :limit");
  CHECK(problem("SELECT 1::int, x := 2, arr[1:n], arr[lo:hi][2:3], '\\x:y' FROM t;") == "none");
  CHECK(problem("SELECT $$ \\set inside a body $$, E'\\\\', /* \\x */ 1; -- \\q\n") == "none");
}

TEST_CASE("COPY FROM stdin takes the lines up to \\. as its data", "[pg][sql]") {
  const std::string sql =
      "CREATE TABLE t (a int, b text);\n"
      "COPY t (a, b) FROM stdin;\n"
      "1\tone; two\n"
      "2\tit's \"quoted\" /* not a comment\n"
      "\\.\n"
      "SELECT count(*) FROM t;\n";
  const auto s = scan(sql);
  CHECK_FALSE(s.problem);
  REQUIRE(s.statements.size() == 3);
  CHECK(s.statements[1].text == "COPY t (a, b) FROM stdin");
  CHECK(s.statements[1].traits.copy_in);
  CHECK(s.statements[1].copy_data == "1\tone; two\n2\tit's \"quoted\" /* not a comment\n");
  CHECK(s.statements[2].text == "SELECT count(*) FROM t");
  CHECK(s.statements[2].line == 6);
  // split_sql (smoke files) skips the data too.
  CHECK(split_sql(sql).size() == 3);
  // Without \. the data runs to the end of the file, as in psql.
  CHECK(scan("COPY t FROM STDIN WITH (FORMAT csv);\n1,x\n2,y").statements[0].copy_data ==
        "1,x\n2,y");
  CHECK(scan("COPY t FROM stdin; SELECT 1;\n1\n\\.\n").problem->message ==
        "COPY ... FROM stdin is followed by more text on its line");
  CHECK(scan("COPY (SELECT 1) TO STDOUT;").statements[0].traits.copy_out);
  CHECK_FALSE(scan("COPY t FROM '/tmp/file';").statements[0].traits.copy_in);
}

TEST_CASE("standard_conforming_strings = off makes backslash escape quotes, as in psql",
          "[pg][sql]") {
  const std::string sql = "SELECT 'a\\'; SELECT 2';\n";
  // On (the default since PostgreSQL 9.1): the backslash is a character, two statements.
  CHECK(scan(sql).statements.size() == 2);
  // Off: \' is an escaped quote, one statement.
  CHECK(scan(sql, false).statements.size() == 1);
  // The statements are views into the script: it must outlive them.
  const std::string script = "SET standard_conforming_strings = off;\n" + sql +
                             "SET standard_conforming_strings TO 'on';\n" + sql;
  const auto s = scan(script);
  REQUIRE(s.statements.size() == 5);
  CHECK(s.statements[0].traits.parser_setting);
  CHECK(s.statements[1].text == "SELECT 'a\\'; SELECT 2'");
  CHECK(s.statements[3].text == "SELECT 'a\\'");
  CHECK(scan("RESET standard_conforming_strings; SELECT 'a\\'; SELECT 2';", false)
            .statements.size() == 2);
  CHECK(scan("SET standard_conforming_strings = off; RESET ALL; SELECT 'a\\'; SELECT 2';")
            .statements.size() == 4);
  // Found by fuzzing: a statement that starts with a string and names the setting.
  CHECK(scan("'x' SELECT set_config('standard_conforming_strings', 'off', false);")
            .statements.size() == 1);
}

TEST_CASE("statements that cannot run in a transaction are recognised", "[pg][sql]") {
  CHECK(std::string(no_tx("CREATE INDEX CONCURRENTLY i ON t (a)")) == "CREATE INDEX CONCURRENTLY");
  CHECK(std::string(no_tx("create unique index concurrently if not exists i on t (a)")) ==
        "CREATE INDEX CONCURRENTLY");
  CHECK(std::string(no_tx("DROP INDEX CONCURRENTLY IF EXISTS i")) == "DROP INDEX CONCURRENTLY");
  CHECK(std::string(no_tx("REINDEX (VERBOSE) TABLE CONCURRENTLY t")) == "REINDEX CONCURRENTLY");
  CHECK(std::string(no_tx("REINDEX SCHEMA app")) == "REINDEX SCHEMA");
  CHECK(std::string(no_tx("VACUUM (ANALYZE) t")) == "VACUUM");
  CHECK(std::string(no_tx("CREATE DATABASE x")) == "CREATE DATABASE");
  CHECK(std::string(no_tx("DROP DATABASE IF EXISTS x")) == "DROP DATABASE");
  CHECK(std::string(no_tx("ALTER SYSTEM SET work_mem = '64MB'")) == "ALTER SYSTEM");
  CHECK(std::string(no_tx("ALTER DATABASE x SET TABLESPACE t")) ==
        "ALTER DATABASE ... SET TABLESPACE");
  CHECK(std::string(no_tx("ALTER TABLE p DETACH PARTITION p1 CONCURRENTLY")) ==
        "ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY");
  CHECK(std::string(no_tx("CLUSTER")) == "CLUSTER without a table");
  CHECK(std::string(no_tx("DISCARD ALL")) == "DISCARD ALL");
  CHECK(std::string(no_tx("DO $$ BEGIN INSERT INTO t VALUES (1); COMMIT; END $$")) ==
        "a DO block that commits or rolls back");
  for (const char* fine :
       {"CREATE INDEX i ON t (a)", "ALTER DATABASE x SET work_mem = '1MB'", "CLUSTER t USING i",
        "REINDEX TABLE t", "ANALYZE t", "DO $$ BEGIN RAISE NOTICE 'commit'; END $$",
        "DO $$ BEGIN -- commit later\n NULL; END $$", "CREATE TABLE concurrently (a int)",
        "SELECT 1", "ALTER TYPE mood ADD VALUE 'sad'"}) {
    INFO(fine);
    CHECK(no_tx(fine) == nullptr);
  }
}

TEST_CASE("procedures that commit, CALLs, enum values and transaction control", "[pg][sql]") {
  const auto s = scan(
      "CREATE OR REPLACE PROCEDURE app.batch(n int) LANGUAGE plpgsql AS $proc$\n"
      "BEGIN\n  FOR i IN 1..n LOOP\n    INSERT INTO t VALUES (i);\n    COMMIT;\n  END LOOP;\n"
      "END\n$proc$;\n"
      "CREATE PROCEDURE quiet() LANGUAGE sql AS $$ INSERT INTO t VALUES (0) $$;\n"
      "CALL app.batch(10);\n"
      "ALTER TYPE public.mood ADD VALUE IF NOT EXISTS 'sad' AFTER 'ok';\n"
      "BEGIN;\nCOMMIT;\n");
  REQUIRE(s.statements.size() == 6);
  CHECK(s.statements[0].traits.committing_procedure == "batch");
  CHECK(s.statements[1].traits.committing_procedure.empty());
  CHECK(s.statements[2].traits.called_procedure == "batch");
  CHECK(s.statements[3].traits.adds_enum_value);
  CHECK(s.statements[4].traits.transaction_control);
  CHECK(s.statements[5].traits.transaction_control);
  CHECK_FALSE(s.statements[0].traits.transaction_control);
}

TEST_CASE("nested dollar tags, BEGIN ATOMIC and E'' strings split as psql does", "[pg][sql]") {
  const std::string outer =
      "CREATE FUNCTION f() RETURNS text LANGUAGE plpgsql AS $outer$\n"
      "BEGIN\n  EXECUTE $inner$ SELECT ';' $inner$;\n  RETURN $x$;$x$;\nEND\n$outer$";
  const std::string atomic =
      "CREATE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC\n  INSERT INTO t VALUES (1);\n"
      "  SELECT CASE WHEN true THEN 1 END;\nEND";
  const auto st = split_sql(outer + ";\n" + atomic + ";\nSELECT E'a\\';b', e'\\\\';\n");
  REQUIRE(st.size() == 3);
  CHECK(st[0].text == outer);
  CHECK(st[1].text == atomic);
  CHECK(st[1].line == 7);
  CHECK(st[2].text == "SELECT E'a\\';b', e'\\\\'");
}
