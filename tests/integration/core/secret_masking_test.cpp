// A secret that reaches a gate's error text must reach no output path:
// human output, JSON, GitHub annotations and summary, the ledger.

#include <SQLiteCpp/SQLiteCpp.h>

#include <catch2/catch.hpp>
#include <cstdio>

#include "relctl/core/ledger.hpp"
#include "relctl/core/runner.hpp"
#include "relctl/report/reporters.hpp"
#include "support/fake_gate.hpp"
#include "support/support.hpp"

using namespace relctl;
using namespace relctl::core;

TEST_CASE("a registered secret in a failing gate's error reaches no output", "[secrets]") {
  const std::string secret = "Tr0ub4dor&3!";
  test::TempDir dir;
  redactor().add_secret(secret);

  std::FILE* human = std::fopen((dir / "human.txt").c_str(), "w");
  std::FILE* json = std::fopen((dir / "json.txt").c_str(), "w");
  std::FILE* gh = std::fopen((dir / "gh.txt").c_str(), "w");
  FanoutReporter reporter;
  reporter.add(report::make_human_reporter(human, {false, true, false}));
  reporter.add(report::make_json_reporter(json));
  reporter.add(report::make_github_reporter(gh, (dir / "summary.md").string()));

  SystemClock clock;
  Options options;
  Context ctx(options, nullptr, clock, reporter, redactor());
  ctx.command = "check";
  ctx.run_id = "RUN-SECRET";
  Pipeline gates;
  std::vector<std::string> journal;
  auto gate = test::fake("pg.connect", Kind::check, journal);
  gate->on_run = [&](Context&) -> Outcome {
    throw DependencyError("connection to postgresql://app:" + secret +
                              "@db/prod failed: password " + secret + " rejected",
                          "check the password " + secret);
  };
  gates.push_back(std::move(gate));
  const RunResult result = run_pipeline(ctx, gates);
  std::fclose(human);
  std::fclose(json);
  std::fclose(gh);

  auto ledger = open_sqlite_ledger((dir / "ledger.db").string());
  RunRecord rec;
  rec.run_id = result.run_id;
  rec.command = "check";
  rec.argv = redactor().mask("relctl check pg.connect --password " + secret);
  rec.status = "failed";
  rec.exit_code = result.exit_code;
  rec.gates_json = report::gates_to_json(result.gates);
  ledger->begin(rec);

  CHECK(result.exit_code == 3);
  for (const char* name : {"human.txt", "json.txt", "gh.txt", "summary.md"}) {
    const std::string text = test::read_file(dir / name);
    INFO(name << ": " << text);
    CHECK_FALSE(text.empty());
    CHECK(text.find(secret) == std::string::npos);
    CHECK(text.find("Tr0ub4dor%263%21") == std::string::npos);
    CHECK(text.find("****") != std::string::npos);
  }
  SQLite::Database db((dir / "ledger.db").string());
  SQLite::Statement all(db, "SELECT argv || gates FROM runs");
  REQUIRE(all.executeStep());
  CHECK(all.getColumn(0).getString().find(secret) == std::string::npos);
  redactor().clear();
}
