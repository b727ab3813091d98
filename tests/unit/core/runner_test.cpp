// The pipeline runner's contract (SPEC §2-3), gate by gate.

#include <signal.h>

#include <catch2/catch.hpp>

#include "relctl/core/interrupt.hpp"
#include "relctl/core/runner.hpp"
#include "support/fake_gate.hpp"

using namespace relctl;
using namespace relctl::core;
using relctl::test::failing;
using relctl::test::fake;

namespace {

struct Fixture {
  FixedClock clock{TimePoint{}};
  RecordingReporter reporter;
  Redactor redactor;
  Options options;
  std::vector<std::string> journal;
  Pipeline gates;

  RunResult run() {
    Context ctx(options, nullptr, clock, reporter, redactor);
    ctx.command = "test";
    ctx.run_id = "RUN1";
    return run_pipeline(ctx, gates);
  }
  test::FakeGate& add(std::string id, Kind kind) {
    gates.push_back(fake(std::move(id), kind, journal));
    return static_cast<test::FakeGate&>(*gates.back());
  }
};

Status status_of(const RunResult& r, const std::string& id) {
  for (const auto& g : r.gates) {
    if (g.id == id) return g.status;
  }
  FAIL("no result for " << id);
  return Status::failed;
}

}  // namespace

TEST_CASE("a run where every gate passes exits 0", "[runner]") {
  Fixture f;
  f.add("a.check", Kind::check);
  f.add("a.action", Kind::action);
  const auto r = f.run();
  CHECK(r.exit_code == 0);
  CHECK(r.status == RunStatus::passed);
  CHECK(f.journal == std::vector<std::string>{"run a.check", "run a.action"});
}

TEST_CASE("a dry run runs every check, keeps going after failures and plans actions", "[runner]") {
  Fixture f;
  f.options.dry_run = true;
  f.add("one", Kind::check).on_run = failing;
  f.add("act", Kind::action);
  f.add("two", Kind::check).on_run = failing;
  f.add("three", Kind::check);
  const auto r = f.run();
  CHECK(f.journal == std::vector<std::string>{"run one", "run two", "run three"});
  CHECK(status_of(r, "one") == Status::failed);
  CHECK(status_of(r, "act") == Status::planned);
  CHECK(r.gates[1].message == "would do act");
  CHECK(status_of(r, "two") == Status::failed);
  CHECK(status_of(r, "three") == Status::passed);
  CHECK(r.exit_code == 1);
  CHECK(r.dry_run);
}

TEST_CASE("a real run stops at the first hard failure and undoes actions in reverse order",
          "[runner]") {
  Fixture f;
  f.add("first", Kind::action);
  f.add("second", Kind::action);
  f.add("broken", Kind::check).on_run = failing;
  f.add("never", Kind::action);
  const auto r = f.run();
  CHECK(f.journal == std::vector<std::string>{"run first", "run second", "run broken",
                                              "undo second", "undo first"});
  CHECK(status_of(r, "first") == Status::undone);
  CHECK(status_of(r, "second") == Status::undone);
  CHECK(status_of(r, "broken") == Status::failed);
  CHECK(r.gates.size() == 3);
  CHECK(r.exit_code == 1);
  CHECK(r.status == RunStatus::failed);
}

TEST_CASE("an action that cannot be taken back is not undone, nor claimed undone", "[runner]") {
  Fixture f;
  f.add("first", Kind::action);
  f.add("deploy", Kind::action).can_undo = false;
  f.add("smoke", Kind::check).on_run = failing;
  const auto r = f.run();
  CHECK(f.journal ==
        std::vector<std::string>{"run first", "run deploy", "run smoke", "undo first"});
  CHECK(status_of(r, "first") == Status::undone);
  CHECK(status_of(r, "deploy") == Status::passed);
  CHECK(r.exit_code == 1);
}

TEST_CASE("past the point of no return (the push), a failure undoes nothing before it",
          "[runner]") {
  Fixture f;
  f.add("tag", Kind::action);
  f.add("push", Kind::action).no_return = true;
  f.add("forge", Kind::action).on_run = failing;
  const auto r = f.run();
  CHECK(f.journal == std::vector<std::string>{"run tag", "run push", "run forge"});
  CHECK(status_of(r, "tag") == Status::passed);
  CHECK(status_of(r, "push") == Status::passed);
  CHECK(status_of(r, "forge") == Status::failed);
  CHECK(r.exit_code == 1);
}

TEST_CASE("flag --keep-partial leaves done actions in place", "[runner]") {
  Fixture f;
  f.options.keep_partial = true;
  f.add("first", Kind::action);
  f.add("broken", Kind::check).on_run = failing;
  const auto r = f.run();
  CHECK(f.journal == std::vector<std::string>{"run first", "run broken"});
  CHECK(status_of(r, "first") == Status::passed);
  CHECK(r.exit_code == 1);
  REQUIRE(f.reporter.notes.size() == 1);
  CHECK(f.reporter.notes[0].find("--keep-partial") != std::string::npos);
}

TEST_CASE("a soft failure warns and the run goes on", "[runner]") {
  Fixture f;
  auto& soft = f.add("flaky", Kind::check);
  soft.gate_severity = Severity::soft;
  soft.on_run = failing;
  f.add("after", Kind::check);
  const auto r = f.run();
  CHECK(status_of(r, "flaky") == Status::warned);
  CHECK(status_of(r, "after") == Status::passed);
  CHECK(r.exit_code == 0);
  CHECK(r.status == RunStatus::passed);
}

TEST_CASE("a gate's exception becomes a failure with the error's exit code and hint", "[runner]") {
  Fixture f;
  f.add("db", Kind::check).on_run = [](Context&) -> Outcome {
    throw DependencyError("cannot reach db at host:5432", "start the database");
  };
  const auto r = f.run();
  CHECK(r.exit_code == 3);
  CHECK(r.gates[0].message == "cannot reach db at host:5432");
  CHECK(r.gates[0].hint == "start the database");
}

TEST_CASE("a lock held elsewhere ends the run with exit code 4", "[runner]") {
  Fixture f;
  f.add("first", Kind::action);
  f.add("lock", Kind::action).on_run = [](Context&) -> Outcome {
    throw LockedError("held by run X");
  };
  const auto r = f.run();
  CHECK(r.exit_code == 4);
  CHECK(status_of(r, "first") == Status::undone);
}

TEST_CASE("flag --skip without a reason is a usage error and runs nothing", "[runner]") {
  Fixture f;
  f.options.skips.push_back({"a", ""});
  f.add("a", Kind::check);
  try {
    f.run();
    FAIL("expected a usage error");
  } catch (const UsageError& e) {
    CHECK(std::string(e.what()) == "--skip a needs a reason");
    CHECK(e.code() == ExitCode::usage);
  }
  CHECK(f.journal.empty());
}

TEST_CASE("flag --skip of a gate that is not in the pipeline is a usage error", "[runner]") {
  Fixture f;
  f.options.skips.push_back({"git.claen", "typo"});
  f.add("git.clean", Kind::check);
  try {
    f.run();
    FAIL("expected a usage error");
  } catch (const UsageError& e) {
    CHECK(std::string(e.what()) == "--skip git.claen: no such gate in the test pipeline");
    CHECK(e.hint() == "gates here: git.clean");
  }
}

TEST_CASE("a skipped gate is recorded with its reason and not run", "[runner]") {
  Fixture f;
  f.options.skips.push_back({"slow", "flaky upstream, checked by hand"});
  f.add("slow", Kind::check);
  f.add("other", Kind::check);
  const auto r = f.run();
  CHECK(f.journal == std::vector<std::string>{"run other"});
  CHECK(status_of(r, "slow") == Status::skipped);
  CHECK(r.gates[0].message == "skipped with --skip: flaky upstream, checked by hand");
  CHECK(r.gates[0].details_json == R"({"reason":"flaky upstream, checked by hand","by":"--skip"})");
  CHECK(r.exit_code == 0);
}

TEST_CASE("a gate that refuses to be skipped makes --skip a usage error", "[runner]") {
  Fixture f;
  f.options.skips.push_back({"env.confirm", "in a hurry"});
  f.add("env.confirm", Kind::check).skippable = false;
  CHECK_THROWS_AS(f.run(), UsageError);
  CHECK(f.journal.empty());
}

TEST_CASE("SIGINT during a gate stops it, undoes done actions and exits 130", "[runner]") {
  Fixture f;
  install_interrupt_handlers();
  reset_interrupt();
  f.add("made-tag", Kind::action);
  f.add("tests", Kind::check).on_run = [](Context&) -> Outcome {
    raise(SIGINT);
    for (int i = 0; i < 1000; ++i) throw_if_interrupted();  // a gate polls the flag
    return Outcome::pass();
  };
  f.add("never", Kind::action);
  const auto r = f.run();
  reset_interrupt();
  CHECK(r.exit_code == 130);
  CHECK(r.status == RunStatus::interrupted);
  CHECK(f.journal == std::vector<std::string>{"run made-tag", "run tests", "undo made-tag"});
  CHECK(status_of(r, "made-tag") == Status::undone);
}

TEST_CASE("an undo that fails is reported with a hint and the other undos still run", "[runner]") {
  struct BadUndo : test::FakeGate {
    void undo(Context&) override { throw GateError("tag is gone", "delete it by hand"); }
  };
  Fixture f;
  f.add("first", Kind::action);
  auto bad = std::make_unique<BadUndo>();
  bad->gate_id = "bad";
  bad->gate_kind = Kind::action;
  bad->journal = &f.journal;
  f.gates.push_back(std::move(bad));
  f.add("broken", Kind::check).on_run = failing;
  const auto r = f.run();
  CHECK(status_of(r, "bad") == Status::failed);
  CHECK(r.gates[1].message == "could not undo: tag is gone");
  CHECK(r.gates[1].hint == "delete it by hand");
  CHECK(status_of(r, "first") == Status::undone);
  // What could not be undone is listed once more, at the end, as what remains.
  REQUIRE(f.reporter.notes.size() == 1);
  CHECK_THAT(f.reporter.notes[0], Catch::StartsWith("the undo could not finish; what remains to "
                                                    "put back by hand:\n  - bad") &&
                                      Catch::EndsWith(": tag is gone"));
}

TEST_CASE("gate messages pass through the redactor", "[runner]") {
  Fixture f;
  f.redactor.add_secret("Tr0ub4dor&3!");
  f.add("db", Kind::check).on_run = [](Context&) -> Outcome {
    throw DependencyError("password Tr0ub4dor&3! rejected", "not Tr0ub4dor&3!");
  };
  const auto r = f.run();
  CHECK(r.gates[0].message == "password **** rejected");
  CHECK(r.gates[0].hint == "not ****");
  CHECK(f.reporter.results[0].message == "password **** rejected");
}

TEST_CASE("a gate with nothing left to do ends the run there, passed", "[runner]") {
  for (const bool dry_run : {false, true}) {
    Fixture f;
    f.options.dry_run = dry_run;
    f.add("first", Kind::check);
    f.add("current", Kind::check).on_run = [](Context&) {
      return Outcome::done("already there: nothing to do");
    };
    f.add("deploy", Kind::action);
    const auto r = f.run();
    CHECK(f.journal == std::vector<std::string>{"run first", "run current"});
    REQUIRE(r.gates.size() == 2);
    CHECK(r.gates[1].status == Status::passed);
    CHECK(r.gates[1].message == "already there: nothing to do");
    CHECK(r.status == RunStatus::passed);
    CHECK(r.exit_code == 0);
  }
}
