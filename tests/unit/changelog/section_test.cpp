// Changelog sections: rendering, groups and links, finding, and inserting
// into the three formats relctl recognises.

#include <catch2/catch.hpp>

#include "gates/changelog/section.hpp"

using namespace relctl::gates;
using changelog::Format;
using changelog::ReleaseNotes;
using commits::classify;
using commits::parse_commit;

namespace {

ReleaseNotes notes(const std::string& version, const std::string& date,
                   commits::Changes changes = {}) {
  return {version, date, "v" + version, "", std::move(changes)};
}

commits::Changes small_release() {
  return classify({parse_commit("1111111aaaa", "feat(api): add search"),
                   parse_commit("2222222bbbb", "fix: crash on empty input")});
}

}  // namespace

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
  CHECK(changelog::render_section(notes("2.0.0", "2026-11-22", changes), Format{}) ==
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

TEST_CASE("commit subjects with escape sequences or Latin-1 are written escaped",
          "[changelog][hostile]") {
  // They went raw into CHANGELOG.md and the release tag's message.
  const auto changes = classify({parse_commit("aaaaaaa1111", "fix: caf\xE9 \x1b[2Jcleared"),
                                 parse_commit("bbbbbbb2222", "chore\x07: bell")});
  CHECK(changelog::render_section(notes("1.0.1", "2026-01-02", changes), Format{}) ==
        "## 1.0.1 - 2026-01-02\n"
        "\n### Fixes\n\n"
        "- caf\xEF\xBF\xBD \\x1b[2Jcleared (aaaaaaa)\n"
        "\n### Other\n\n"
        "- chore\\x07: bell (bbbbbbb)\n");
}

TEST_CASE("an empty release says so", "[changelog]") {
  CHECK(changelog::render_section(notes("1.0.1", "2026-01-02"), Format{}) ==
        "## 1.0.1 - 2026-01-02\n\nNo changes.\n");
}

TEST_CASE("groups, hidden types and data commits are configurable", "[changelog]") {
  const auto changes = classify({
      parse_commit("1111111", "feat!: new format"),
      parse_commit("2222222", "feat: a"),
      parse_commit("3333333", "chore: tidy"),
      parse_commit("4444444", "data: Release 20261122"),
      parse_commit("5555555", "docs: b"),
  });
  Format f;
  f.groups = {{"Added", {"feat"}}, {"Documentation", {"docs"}}};
  f.hide = {"data", "chore"};
  // Without a "!" group a breaking feat goes under its type; docs has a
  // group; chore is hidden; data commits are hidden by default.
  CHECK(changelog::render_section(notes("2.0.0", "2026-11-22", changes), f) ==
        "## 2.0.0 - 2026-11-22\n"
        "\n### Added\n\n- new format (1111111)\n- a (2222222)\n"
        "\n### Documentation\n\n- b (5555555)\n");
  // Only hidden commits: nothing notable, but a change all the same.
  const auto chores = classify({parse_commit("6666666", "chore: bump deps")});
  CHECK(changelog::render_section(notes("2.0.1", "2026-11-23", chores), f) ==
        "## 2.0.1 - 2026-11-23\n\nNo notable changes.\n");
}

TEST_CASE("commit and compare links come from the remote's URL", "[changelog]") {
  using changelog::Links;
  for (const char* url :
       {"https://github.com/acme/app.git", "git@github.com:acme/app.git",
        "ssh://git@github.com:22/acme/app", "https://x-access-token:s3cr3t@github.com/acme/app"}) {
    INFO(url);
    const auto l = Links::for_remote(url);
    CHECK(l.base() == "https://github.com/acme/app");
    CHECK(l.commit("abc") == "https://github.com/acme/app/commit/abc");
    CHECK(l.compare("v1.0.0", "v1.1.0") == "https://github.com/acme/app/compare/v1.0.0...v1.1.0");
    CHECK(l.compare("", "v1.0.0") == "https://github.com/acme/app/releases/tag/v1.0.0");
  }
  const auto gl = Links::for_remote("git@gitlab.example.com:group/sub/app.git");
  CHECK(gl.commit("abc") == "https://gitlab.example.com/group/sub/app/-/commit/abc");
  CHECK(gl.compare("a", "b") == "https://gitlab.example.com/group/sub/app/-/compare/a...b");
  for (const char* local : {"/srv/git/app.git", "../origin.git", "file:///srv/git/app.git"}) {
    INFO(local);
    CHECK(Links::for_remote(local).empty());
  }

  Format f;
  f.links = Links::for_remote("https://github.com/acme/app");
  ReleaseNotes n{"1.3.0", "2026-11-22", "v1.3.0", "v1.2.0", small_release()};
  const std::string section = changelog::render_section(n, f);
  CHECK_THAT(section, Catch::StartsWith("## [1.3.0](https://github.com/acme/app/compare/"
                                        "v1.2.0...v1.3.0) - 2026-11-22\n"));
  CHECK_THAT(section, Catch::Contains("- **api:** add search ([1111111]"
                                      "(https://github.com/acme/app/commit/1111111aaaa))\n"));
}

TEST_CASE("sections are inserted after the title and found again", "[changelog]") {
  const std::string existing =
      "# Changelog\n\nAll notable changes.\n\n## 1.2.0 - 2026-01-01\n\n### Fixes\n\n- x "
      "(1234567)\n";
  const std::string section = "## 1.3.0 - 2026-02-02\n\n### Features\n\n- y (7654321)\n";
  const std::string doc = changelog::insert_section(existing, section, {});
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
  CHECK(changelog::insert_section("", "## 0.1.0 - 2026-01-01\n", {}) ==
        "# Changelog\n\n## 0.1.0 - 2026-01-01\n");
  CHECK(changelog::insert_section("# Notes\n", "## 0.1.0 - 2026-01-01\n", {}) ==
        "# Notes\n\n## 0.1.0 - 2026-01-01\n");
}

// --- The file's own format ---------------------------------------------------

TEST_CASE("Keep a Changelog: [Unreleased] stays on top, its entries move under the version",
          "[changelog]") {
  const std::string doc =
      "# Changelog\n\nThe format is based on Keep a Changelog.\n\n"
      "## [Unreleased]\n\n### Added\n\n- hand-written entry\n\n"
      "## [1.2.0] - 2026-01-01\n\n### Fixed\n\n- old fix\n\n"
      "[unreleased]: https://github.com/acme/app/compare/v1.2.0...HEAD\n"
      "[1.2.0]: https://github.com/acme/app/compare/v1.1.0...v1.2.0\n";
  Format f;
  f.links = changelog::Links::for_remote("https://github.com/acme/app.git");
  const ReleaseNotes n{"1.3.0", "2026-11-22", "v1.3.0", "v1.2.0", small_release()};
  const auto edit = changelog::edit_changelog(doc, n, f);
  CHECK(edit.section ==
        "## [1.3.0] - 2026-11-22\n\n### Added\n\n- hand-written entry\n"
        "\n### Features\n\n- **api:** add search ([1111111](https://github.com/acme/app/commit/"
        "1111111aaaa))\n"
        "\n### Fixes\n\n- crash on empty input ([2222222](https://github.com/acme/app/commit/"
        "2222222bbbb))\n");
  CHECK(edit.document ==
        "# Changelog\n\nThe format is based on Keep a Changelog.\n\n"
        "## [Unreleased]\n\n" +
            edit.section +
            "\n## [1.2.0] - 2026-01-01\n\n### Fixed\n\n- old fix\n\n"
            "[unreleased]: https://github.com/acme/app/compare/v1.3.0...HEAD\n"
            "[1.3.0]: https://github.com/acme/app/compare/v1.2.0...v1.3.0\n"
            "[1.2.0]: https://github.com/acme/app/compare/v1.1.0...v1.2.0\n");
  CHECK(changelog::newest_section_version(edit.document) == "1.3.0");
  CHECK(changelog::unreleased_entries(edit.document).empty());
}

TEST_CASE("conventional-changelog: headings at its own levels, above the newest release",
          "[changelog]") {
  const std::string doc =
      "# Change Log\n\nAll notable changes to this project will be documented in this file.\n\n"
      "<a name=\"1.2.1\"></a>\n"
      "### [1.2.1](https://github.com/acme/app/compare/v1.2.0...v1.2.1) (2026-02-01)\n\n"
      "### Bug Fixes\n\n* **core:** a fix "
      "([abcdef1](https://github.com/acme/app/commit/abcdef1))\n\n"
      "# [1.2.0](https://github.com/acme/app/compare/v1.1.0...v1.2.0) (2026-01-01)\n\n"
      "### Features\n\n* a feature\n";
  const auto layout = changelog::read_layout(doc);
  CHECK(layout.style == changelog::Style::conventional);
  CHECK(layout.level == 1);
  CHECK(layout.patch_level == 3);
  CHECK(layout.bullet == '*');

  Format f;
  f.links = changelog::Links::for_remote("git@github.com:acme/app.git");
  const ReleaseNotes minor{"1.3.0", "2026-11-22", "v1.3.0", "v1.2.1", small_release()};
  const auto edit = changelog::edit_changelog(doc, minor, f);
  CHECK_THAT(edit.section,
             Catch::StartsWith("# [1.3.0](https://github.com/acme/app/compare/v1.2.1...v1.3.0) "
                               "(2026-11-22)\n\n### Features\n\n* **api:** add search"));
  // Above the anchor of the newest release, not inside it.
  CHECK_THAT(edit.document, Catch::Contains("\n\n# [1.3.0]"));
  CHECK(edit.document.find("# [1.3.0]") < edit.document.find("<a name=\"1.2.1\">"));
  CHECK(changelog::newest_section_version(edit.document) == "1.3.0");

  const ReleaseNotes patch{"1.2.2", "2026-11-22", "v1.2.2", "v1.2.1", small_release()};
  CHECK_THAT(changelog::edit_changelog(doc, patch, f).section,
             Catch::StartsWith("### [1.2.2](https://github.com/acme/app/compare/v1.2.1...v1.2.2)"));
  // Without links the heading keeps the format: version and date in parentheses.
  CHECK_THAT(changelog::edit_changelog(doc, patch, Format{}).section,
             Catch::StartsWith("### 1.2.2 (2026-11-22)\n"));
  CHECK(changelog::find_section(doc, "1.2.0").has_value());
  CHECK(changelog::has_section(doc, "1.2.1"));
}

TEST_CASE("relctl's own format is what a file without releases gets", "[changelog]") {
  const auto layout = changelog::read_layout("# Changelog\n\nNothing yet.\n");
  CHECK(layout.style == changelog::Style::relctl);
  const auto edit =
      changelog::edit_changelog("# Changelog\n\nNothing yet.\n", notes("0.1.0", "2026-11-22"), {});
  CHECK(edit.document == "# Changelog\n\nNothing yet.\n\n## 0.1.0 - 2026-11-22\n\nNo changes.\n");
  CHECK(changelog::count_entries(
            changelog::render_section(notes("1.3.0", "2026-11-22", small_release()), {})) == 2);
}
