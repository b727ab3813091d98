// Reading `git push --porcelain`: each ref's status, the remote's lines and
// git's own errors, from stdout and stderr interleaved.

#include <catch2/catch.hpp>

#include "relctl/git/push_output.hpp"

using relctl::git::parse_push_output;

TEST_CASE("push output: an atomic push refused for one ref", "[unit][git][push]") {
  const auto r = parse_push_output(
      "remote: tag refs/tags/v1 is protected        \n"
      "remote: error: hook declined to update refs/tags/v1        \n"
      "To git://127.0.0.1:9418/origin.git\n"
      "!\trefs/heads/main:refs/heads/main\t[remote rejected] (atomic push failure)\n"
      "!\trefs/tags/v1:refs/tags/v1\t[remote rejected] (hook declined)\n"
      "Done\n"
      "error: failed to push some refs to 'git://127.0.0.1:9418/origin.git'\n");
  CHECK_FALSE(r.ok());
  CHECK(r.accepted.empty());
  REQUIRE(r.rejected.size() == 2);
  CHECK(r.rejected[0] ==
        std::make_pair(std::string("refs/heads/main"), std::string("atomic push failure")));
  CHECK(r.rejected[1] == std::make_pair(std::string("refs/tags/v1"), std::string("hook declined")));
  CHECK(r.remote_output ==
        "tag refs/tags/v1 is protected\nerror: hook declined to update refs/tags/v1");
  CHECK(r.git_output == "error: failed to push some refs to 'git://127.0.0.1:9418/origin.git'");
}

TEST_CASE("push output: accepted refs and a non-fast-forward", "[unit][git][push]") {
  const auto r = parse_push_output(
      "To /srv/origin.git\n"
      "*\trefs/tags/v2:refs/tags/v2\t[new tag]\n"
      " \trefs/heads/main:refs/heads/main\tabc1234..def5678\n"
      "!\trefs/heads/dev:refs/heads/dev\t[rejected] (fetch first)\n"
      "Done\n");
  CHECK(r.accepted == std::vector<std::string>{"refs/tags/v2", "refs/heads/main"});
  REQUIRE(r.rejected.size() == 1);
  CHECK(r.rejected[0].second == "rejected: fetch first");
  CHECK(r.has_statuses());
}

TEST_CASE("push output: no status when git stops before pushing", "[unit][git][push]") {
  const auto r = parse_push_output("fatal: the receiving end does not support --atomic push\r\n");
  CHECK_FALSE(r.has_statuses());
  CHECK(r.ok());
  CHECK(r.git_output == "fatal: the receiving end does not support --atomic push");
}
