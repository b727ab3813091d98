#pragma once
// Reading the changelog file a release writes into: its release headings
// in the three formats relctl recognises (its own `## 1.3.0 - date`, Keep a
// Changelog's `## [Unreleased]` / `## [1.3.0] - date`, conventional-
// changelog's `# [1.3.0](compare-link) (date)` with `#`/`##`/`###` levels),
// and inserting a new section where the file's own format puts it. Pure logic.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gates/changelog/links.hpp"

namespace relctl::gates::changelog {

enum class Style {
  relctl,            ///< "## 1.3.0 - 2026-11-22"
  keep_a_changelog,  ///< "## [Unreleased]", "## [1.3.0] - 2026-11-22", link references
  conventional,      ///< "## [1.3.0](https://.../compare/v1.2.0...v1.3.0) (2026-11-22)"
};

/// One release heading of a changelog (or its `[Unreleased]` heading).
struct Heading {
  size_t begin = 0;     // where the section starts (an `<a name>` anchor just above included)
  size_t body = 0;      // just past the heading line
  int level = 2;        // its number of '#'
  std::string version;  // "1.3.0" as written, without brackets or a leading 'v'
  bool unreleased = false;
};

/// What a changelog says about its own format.
struct Layout {
  Style style = Style::relctl;
  int level = 2;        // heading level of major and minor releases
  int patch_level = 2;  // of patch releases (conventional-changelog files may use a deeper one)
  char bullet = '-';    // "-" or "*", as the newest section writes its entries
  std::vector<Heading> headings;  // in file order
  bool link_references = false;   // it ends with "[1.2.0]: https://..." lines
};

/// Reads the layout of `document`; an empty or unknown one is relctl's own.
Layout read_layout(std::string_view document);

/// True when `document` has a release heading for `version` (any format).
bool has_section(std::string_view document, const std::string& version);

/// The section for `version` (its heading to the next release heading), or nullopt.
std::optional<std::string> find_section(std::string_view document, const std::string& version);

/// The version of the newest release heading ([Unreleased] left out), or nullopt.
std::optional<std::string> newest_section_version(std::string_view document);

/// The entries written by hand under `## [Unreleased]` (trimmed; "" when
/// none): a release moves them into its own section.
std::string unreleased_entries(std::string_view document);

/// What a new section is inserted with: its version and tags, for Keep a
/// Changelog's link references.
struct Insertion {
  std::string version;
  std::string tag;
  std::string previous_tag;  // "" for the first release
  Links links;               // empty: link references are left alone
};

/// `document` with `section` inserted: right under `## [Unreleased]` (whose
/// entries the section took, see unreleased_entries), else above the newest
/// release heading, else after the title; an empty document gets a
/// `# Changelog` title. With links, Keep a Changelog's `[Unreleased]:`
/// reference moves to the new tag and the version gets its own reference.
std::string insert_section(std::string_view document, const std::string& section,
                           const Insertion& insertion);

}  // namespace relctl::gates::changelog
