#pragma once
// A release's changelog section: its heading in the changelog's own format,
// the entries written by hand under `## [Unreleased]`, then the commits by
// group (code_release.changelog_groups: Breaking changes, Features, Fixes,
// Performance, Other by default), scope in bold, short hash (linked when
// the remote is a web host). Pure logic: nothing is read or written here.

#include <string>
#include <string_view>
#include <vector>

#include "gates/changelog/document.hpp"
#include "gates/changelog/links.hpp"
#include "gates/commits/conventional.hpp"
#include "relctl/config/config.hpp"

namespace relctl::gates::changelog {

/// How a changelog groups, hides and links a release's commits.
struct Format {
  std::vector<config::ChangelogGroup> groups = config::default_changelog_groups();
  std::vector<std::string> hide = {"data"};  // commit types never listed
  Links links;                               // empty: short hashes without links
};

/// One release as its section shows it.
struct ReleaseNotes {
  std::string version;       // "1.3.0"
  std::string date;          // "2026-11-22"
  std::string tag;           // "code-v1.3.0", for the compare link
  std::string previous_tag;  // "" for the first release
  commits::Changes changes;
};

/// The section for `notes` in `layout`'s format, with `unreleased` (the
/// hand-written entries a Keep a Changelog file had) first; ends with a newline.
std::string render_section(const ReleaseNotes& notes, const Format& format,
                           const Layout& layout = {}, std::string_view unreleased = "");

/// A changelog edit, computed without writing anything.
struct Edit {
  std::string section;   // the new section, as inserted (and as the tag message carries it)
  std::string document;  // the whole new file
};

/// The section `notes` gets in `document` and the document with it inserted.
Edit edit_changelog(std::string_view document, const ReleaseNotes& notes, const Format& format);

/// The Insertion (version, tags, links) of `notes`.
Insertion insertion_of(const ReleaseNotes& notes, const Format& format);

/// Entries ("- ..." or "* ..." lines) in `section`.
size_t count_entries(std::string_view section);

}  // namespace relctl::gates::changelog
