// The corpus (tests/corpus/migrations): real-style migration files applied
// by `psql -f` into one database and by `relctl migrate` into another must
// leave the same schema (pg_dump --schema-only) and the same row counts.

#include <algorithm>
#include <catch2/catch.hpp>

#include "e2e/migrate_project.hpp"

using namespace relctl;
using namespace relctl::test;

namespace {

// The schema of `url` as pg_dump prints it, without relctl's own schema and
// without the random keys newer pg_dump versions put around the dump.
std::string schema_dump(const std::string& url) {
  const std::string dump =
      sh("pg_dump --schema-only --exclude-schema=relctl --dbname '" + url + "'");
  std::string out;
  std::size_t at = 0;
  while (at < dump.size()) {
    const std::size_t nl = dump.find('\n', at);
    const std::string line = dump.substr(at, nl == std::string::npos ? nl : nl - at + 1);
    if (line.rfind("\\restrict", 0) != 0 && line.rfind("\\unrestrict", 0) != 0) out += line;
    if (nl == std::string::npos) break;
    at = nl + 1;
  }
  return out;
}

// "app.events=4 app.jobs=3 ...": the row count of every table outside pg_catalog and relctl.
std::string row_counts(ScratchDatabase& db) {
  std::string out;
  for (const auto& r : db.sql("SELECT format('%I.%I', schemaname, tablename) FROM pg_tables "
                              "WHERE schemaname NOT IN ('pg_catalog', 'information_schema', "
                              "'relctl') ORDER BY 1")) {
    out += *r[0] + "=" + db.value("SELECT count(*) FROM " + *r[0]) + " ";
  }
  return out;
}

}  // namespace

TEST_CASE("the corpus: psql -f and relctl migrate build the same schema and rows",
          "[pg][e2e][corpus]") {
  auto admin = pg_or_skip();
  if (!admin) return;
  // The role 010_set_role.sql switches to (cluster-wide, so made once).
  admin_sql(*admin,
            "DO $$ BEGIN CREATE ROLE relctl_corpus_owner NOLOGIN; "
            "EXCEPTION WHEN duplicate_object THEN NULL; END $$");
  const fs::path corpus = fs::path(RELCTL_SOURCE_DIR) / "tests/corpus/migrations";
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(corpus)) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 12);

  ScratchDatabase by_psql(*admin);
  for (const auto& f : files) {
    sh("psql -X -q -v ON_ERROR_STOP=1 --dbname '" + by_psql.url() + "' -f '" + f.string() +
       "' >/dev/null");
  }

  MigrateProject p(*admin, "", "mixed = true\n");
  for (const auto& f : files) fs::copy_file(f, p.dir / "migrations" / f.filename());
  const auto r = p.relctl({"migrate", "--env", "dev"});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("applied " + std::to_string(files.size()) + " migrations"));

  const std::string expected = schema_dump(by_psql.url());
  CHECK(expected.find("CREATE TABLE app.owned_by_role") != std::string::npos);
  CHECK(schema_dump(p.url) == expected);
  CHECK(row_counts(p.db) == row_counts(by_psql));
  CHECK(p.db.value("SELECT count(*) FROM app.events WHERE note = 'it''s; escaped the old way'") ==
        "1");
}
