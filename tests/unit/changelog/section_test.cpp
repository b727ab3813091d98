// Changelog sections: rendering, finding, prepending.

#include <catch2/catch.hpp>

#include "gates/changelog/section.hpp"

using namespace relctl::gates;
using commits::classify;
using commits::parse_commit;

TEST_CASE("a section groups commits with bold scopes and short hashes", "[changelog]") {
  const auto changes = classify({
      parse_commit("aaaaaaa1111", "feat(api)!: drop v1\n\nBREAKING CHANGE: use /v2"),
      parse_commit("bbbbbbb2222", "feat(cli): add --json"),
      parse_commit("ccccccc3333", "feat: search"),
      parse_commit("ddddddd4444", "fix(db): connection leak"),
      parse_commit("eeeeeee5555", "perf: cache lookups"),
      parse_commit("fffffff6666", "docs(readme): typo"),
      parse_commit("0000000777", "Update things"),
  });
  CHECK(changelog::render_section("2.0.0", "2026-11-22", changes) ==
        "## 2.0.0 - 2026-11-22\n"
        "\n### Breaking changes\n\n"
        "- **api:** drop v1 (aaaaaaa)\n  use /v2\n"
        "\n### Features\n\n"
        "- **cli:** add --json (bbbbbbb)\n"
        "- search (ccccccc)\n"
        "\n### Fixes\n\n"
        "- **db:** connection leak (ddddddd)\n"
        "\n### Performance\n\n"
        "- cache lookups (eeeeeee)\n"
        "\n### Other\n\n"
        "- docs(readme): typo (fffffff)\n"
        "- Update things (0000000)\n");
}

TEST_CASE("an empty release says so", "[changelog]") {
  CHECK(changelog::render_section("1.0.1", "2026-01-02", {}) ==
        "## 1.0.1 - 2026-01-02\n\nNo changes.\n");
}

TEST_CASE("sections are prepended after the title and found again", "[changelog]") {
  const std::string existing =
      "# Changelog\n\nAll notable changes.\n\n## 1.2.0 - 2026-01-01\n\n### Fixes\n\n- x "
      "(1234567)\n";
  const std::string section = "## 1.3.0 - 2026-02-02\n\n### Features\n\n- y (7654321)\n";
  const std::string doc = changelog::prepend_section(existing, section);
  CHECK(doc == "# Changelog\n\nAll notable changes.\n\n" + section +
                   "\n## 1.2.0 - 2026-01-01\n\n"
                   "### Fixes\n\n- x (1234567)\n");
  CHECK(changelog::has_section(doc, "1.3.0"));
  CHECK(changelog::has_section(doc, "1.2.0"));
  CHECK_FALSE(changelog::has_section(doc, "1.3"));
  CHECK(changelog::newest_section_version(doc) == "1.3.0");
  CHECK(changelog::find_section(doc, "1.3.0") == section);
  CHECK(changelog::find_section(doc, "1.2.0") ==
        "## 1.2.0 - 2026-01-01\n\n### Fixes\n\n- x (1234567)\n");
  CHECK(changelog::has_section("## [1.0.0] - 2020-01-01\n", "1.0.0"));
}

TEST_CASE("a new changelog gets a title", "[changelog]") {
  CHECK(changelog::prepend_section("", "## 0.1.0 - 2026-01-01\n") ==
        "# Changelog\n\n## 0.1.0 - 2026-01-01\n");
  CHECK(changelog::prepend_section("# Notes\n", "## 0.1.0 - 2026-01-01\n") ==
        "# Notes\n\n## 0.1.0 - 2026-01-01\n");
}
