// A full disk: the write that fails names the path and says "no space", the
// run exits 1 (not 2) and undoes what it did before.

#include <catch2/catch.hpp>

#include "support/git_project.hpp"

using namespace relctl::test;

TEST_CASE("a full disk while writing a version file names the path, exits 1 and undoes",
          "[e2e][git][safety]") {
  GitProject p;
  const std::string before = p.full_state();
  RunOptions o;
  // The test seam of the atomic writer: this file's write fails with ENOSPC.
  o.env["RELCTL_TEST"] = "1";
  o.env["RELCTL_TEST_FULL_DISK"] = (p.work() / "pyproject.toml").string();
  const auto r = p.relctl({"code-release"}, o);
  INFO(output(r));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Catch::Contains("failed  version.files"));
  CHECK_THAT(r.out, Catch::Contains("undone  changelog.write"));
  CHECK_THAT(output(r), Catch::Contains("cannot write " + (p.work() / "pyproject.toml").string() +
                                        ": no space left on the device"));
  CHECK(p.full_state() == before);
  CHECK(p.git("for-each-ref", p.origin()).find("code-v1.3.0") == std::string::npos);
}
