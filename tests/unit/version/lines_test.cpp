// Maintenance branch ranges and tag templates of an existing history.

#include <catch2/catch.hpp>

#include "gates/version/maintenance.hpp"
#include "relctl/core/error.hpp"
#include "relctl/gates/version.hpp"

using namespace relctl::gates;
using version::maintenance_range;

TEST_CASE("a maintenance branch's name gives its range", "[version]") {
  const std::vector<std::string> patterns = {"*.x", "release/*.x", "maint/*"};
  struct Case {
    const char* branch;
    const char* range;  // "" = not a maintenance branch
  };
  for (const Case& c : std::vector<Case>{{"1.x", ">=1.0.0 <2.0.0"},
                                         {"1.10.x", ">=1.10.0 <1.11.0"},
                                         {"release/2.x", ">=2.0.0 <3.0.0"},
                                         {"maint/v3.4", ">=3.4.0 <3.5.0"},
                                         {"maint/0", ">=0.0.0 <1.0.0"},
                                         {"main", ""},
                                         {"feature/1.x", ""}}) {
    INFO(c.branch);
    const auto r = maintenance_range(patterns, c.branch);
    if (*c.range) {
      REQUIRE(r);
      CHECK(r->str() == c.range);
      CHECK(r->where == std::string("maintenance branch ") + c.branch);
    } else {
      CHECK_FALSE(r);
    }
  }
  CHECK(maintenance_range(patterns, "1.10.x")->label == "1.10.x");
  CHECK(maintenance_range(patterns, "maint/3")->label == "3.x");
  CHECK_THROWS_WITH(maintenance_range(patterns, "maint/old"),
                    Catch::Contains("'old' names no version range"));
  CHECK_THROWS_AS(maintenance_range(patterns, "1.2.3.x"), relctl::ConfigError);
}

TEST_CASE("an existing history's tag template is recognised", "[version]") {
  struct Case {
    std::vector<std::string> tags;
    const char* tmpl;  // "" = none
    size_t matches;
  };
  for (const Case& c : std::vector<Case>{
           {{"v1.0.0", "v1.1.0", "v1.2.3", "latest", "v2.0.0-rc.1"}, "v{version}", 4},
           {{"1.0.0", "1.1.0", "nightly"}, "{version}", 2},
           {{"demo@1.0.0", "demo@1.1.0", "other@3.0.0"}, "{name}@{version}", 2},
           {{"demo-v1.0.0", "demo-v2.0.0"}, "{name}-v{version}", 2},
           {{"vite@5.0.0", "vite@5.0.1"}, "vite@{version}", 2},
           {{"code-v0.3.0"}, "code-v{version}", 1},
           {{"latest", "stable", "v1"}, "", 0},
       }) {
    INFO(c.tmpl);
    const auto g = guess_tag_template(c.tags, "demo");
    if (!*c.tmpl) {
      CHECK_FALSE(g);
      continue;
    }
    REQUIRE(g);
    CHECK(g->tmpl == c.tmpl);
    CHECK(g->matches == c.matches);
  }
  CHECK(guess_tag_template({"v1.2.3", "v1.10.0", "v1.9.9"}, "demo")->newest == "v1.10.0");
}
