// What a run prints, read as a user reads it: counts in the singular when
// there is one, and a command's output after the gate line it belongs to.

#include <catch2/catch.hpp>

#include "support/git_project.hpp"

using namespace relctl::test;
using Catch::Matchers::Contains;

TEST_CASE("one gate is one gate, and a failed command's output follows its gate line",
          "[e2e][cli]") {
  GitProject p(R"(
[[gates.command]]
id = "build"
run = ["sh", "-c", "echo compiling the bot; exit 3"]
commands = ["code-release"]
phase = "verify"
dry_run = true
)");
  const auto one = p.relctl({"check", "git.repo"});
  INFO(output(one));
  CHECK(one.exit_code == 0);
  CHECK_THAT(one.out, Contains("passed: 1 gate, 0 failed, 0 warned (exit 0)"));
  // One commit follows the rules, in the gate's line and in check commits.
  const auto commits = p.relctl({"check", "commits", "HEAD~1..HEAD"});
  INFO(output(commits));
  CHECK(commits.exit_code == 0);
  CHECK_THAT(commits.out, Contains("1 commit in HEAD~1..HEAD follows Conventional Commits"));

  const auto r = p.relctl({"code-release", "--dry-run"});
  INFO(output(r));
  CHECK(r.exit_code == 1);
  const auto gate_line = r.out.find("failed  command.build");
  const auto command_output = r.out.find("compiling the bot");
  REQUIRE(gate_line != std::string::npos);
  REQUIRE(command_output != std::string::npos);
  CHECK(gate_line < command_output);
}
