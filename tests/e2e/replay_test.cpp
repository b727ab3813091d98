// The replay of release histories in the shapes of real projects
// (tests/replay/replay.sh): at every release point relctl must plan exactly
// the tags the project released there.

#include <catch2/catch.hpp>

#include "support/support.hpp"

using namespace relctl::test;

TEST_CASE("replayed histories: relctl plans every release as the project made it",
          "[e2e][git][replay]") {
  const auto r =
      run_process({std::string(RELCTL_SOURCE_DIR) + "/tests/replay/replay.sh", RELCTL_BINARY});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains(", 0 missed"));
}
