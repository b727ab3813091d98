// The token relctl hands to `git push` for https remotes: through a
// credential helper that git itself asks, with the token in the environment.

#include <catch2/catch.hpp>

#include "gates/git/push_program.hpp"
#include "support/support.hpp"

using namespace relctl::test;

namespace {

ProcessResult fill(const std::string& request) {
  RunOptions o;
  o.env = {{"RELCTL_PUSH_TOKEN", "Tr0ub4dor&3!"},
           {"GIT_CONFIG_NOSYSTEM", "1"},
           {"GIT_TERMINAL_PROMPT", "0"}};
  o.stdin_text = request;
  return run_process({"git", "-c", "credential.helper=", "-c",
                      "credential.helper=" + relctl::gates::git_support::token_credential_helper(),
                      "credential", "fill"},
                     o);
}

}  // namespace

TEST_CASE("push credentials: the token answers git's request as x-access-token",
          "[integration][git][push]") {
  const auto r = fill("protocol=https\nhost=forge.example\npath=acme/widgets.git\n\n");
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("username=x-access-token\n"));
  CHECK_THAT(r.out, Catch::Contains("password=Tr0ub4dor&3!\n"));
}

TEST_CASE("push credentials: a user name in the URL is kept", "[integration][git][push]") {
  const auto r = fill("protocol=https\nhost=forge.example\nusername=ci-bot\n\n");
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("username=ci-bot\n"));
  CHECK_THAT(r.out, !Catch::Contains("x-access-token"));
  CHECK_THAT(r.out, Catch::Contains("password=Tr0ub4dor&3!\n"));
}
