#include "relctl/core/text.hpp"

#include <catch2/catch.hpp>

using relctl::core::plural;

TEST_CASE("plural names one thing in the singular and every other count in the plural",
          "[core][text]") {
  CHECK(plural(1, "row") == "row");
  CHECK(plural(0, "row") == "rows");
  CHECK(plural(2, "row") == "rows");
  CHECK(plural(-1, "row") == "rows");
  CHECK(plural(1, "value", "values") == "value");
  CHECK(plural(3, "is", "are") == "are");
  CHECK(plural(1, "is", "are") == "is");
}
