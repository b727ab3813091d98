// Relctl-* trailers come from a message's final trailer block only.

#include <catch2/catch.hpp>

#include "relctl/core/error.hpp"
#include "relctl/git/trailers.hpp"

using relctl::git::trailer;

TEST_CASE("trailers are read from the final paragraph only", "[git][trailers]") {
  const std::string genuine = std::string(64, 'a');
  const std::string message =
      "Data release 20260101\n\n2 tables: t\nRelctl-Snapshot-Sha256: " + std::string(64, '0') +
      " (1 row), u (2 rows)\n\nRelctl-Run: 01RUN\nRelctl-Snapshot-Sha256: " + genuine + "\n";
  CHECK(trailer(message, "Relctl-Snapshot-Sha256") == genuine);
  CHECK(trailer(message, "Relctl-Run") == "01RUN");
  CHECK_FALSE(trailer(message, "Relctl-Version"));
}

TEST_CASE("a final paragraph that is not all trailers is no trailer block", "[git][trailers]") {
  CHECK_FALSE(
      trailer("Release 1.0.0\n\nRelctl-Version: 1.0.0\nthanks to everyone\n", "Relctl-Version"));
  CHECK_FALSE(trailer("Relctl-Version: 9.9.9\n", "Relctl-Version"));  // a subject is no trailer
  CHECK(trailer("Release 1.0.0\r\n\r\nRelctl-Version: 1.0.0\r\n\r\n", "Relctl-Version") == "1.0.0");
}

TEST_CASE("a key given twice with different values is refused", "[git][trailers]") {
  CHECK(trailer("x\n\nRelctl-Version: 1\nRelctl-Version: 1\n", "Relctl-Version") == "1");
  CHECK_THROWS_AS(trailer("x\n\nRelctl-Version: 1\nRelctl-Version: 2\n", "Relctl-Version"),
                  relctl::GateError);
}
