// The repository lock: one code-release, data-release or publish at a time
// per work tree; the second exits 4 naming the holder's run id and pid; a
// lock left by a killed run is taken over with a warning.

#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "relctl/core/run_lock.hpp"
#include "support/git_project.hpp"

using namespace relctl::test;

TEST_CASE("a second code-release in the same work tree exits 4 naming the holder",
          "[e2e][git][safety]") {
  GitProject p(R"(
[[gates.command]]
id = "build"
run = ["sh", "-c", "touch ../started; sleep 6"]
phase = "build"
timeout = "2m"
)");
  // A lock file left by a run that was killed: nobody holds it any more.
  const fs::path lock = p.work() / ".relctl" / "run.lock";
  fs::create_directories(lock.parent_path());
  write_file(lock, "20260101T000000Z-dead 999999 elsewhere 2026-01-01T00:00:00Z\n");

  ProcessResult first;
  std::thread t([&] { first = p.relctl({"code-release"}); });
  for (int i = 0; i < 400 && !fs::exists(p.root() / "started"); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  const auto holder = relctl::core::RunLock::holder(p.work());
  const auto second = p.relctl({"code-release"});
  const auto preview = p.relctl({"code-release", "--dry-run"});
  t.join();

  INFO(output(first));
  CHECK(first.exit_code == 0);
  CHECK_THAT(first.err, Catch::Contains("run 20260101T000000Z-dead (pid 999999 on elsewhere) "
                                        "ended without releasing the repository lock"));
  REQUIRE(holder);
  CHECK(holder->pid > 0);
  INFO(output(second));
  CHECK(second.exit_code == 4);
  CHECK_THAT(output(second), Catch::Contains("another relctl run holds the repository lock"));
  CHECK_THAT(output(second), Catch::Contains("run " + holder->run_id + " (pid " +
                                             std::to_string(holder->pid) + " on "));
  // A dry run does not wait for the lock; it says a real run is under way.
  INFO(output(preview));
  CHECK(preview.exit_code != 4);
  CHECK_THAT(preview.err,
             Catch::Contains("run " + holder->run_id + " (pid " + std::to_string(holder->pid) +
                             ") is changing this work tree"));
  // Released at the end: the file is gone, nobody holds it.
  CHECK_FALSE(fs::exists(lock));
  CHECK_FALSE(relctl::core::RunLock::holder(p.work()));
}
