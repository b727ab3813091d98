#pragma once
// The changelog's Markdown: one section per release (version, date, groups
// Breaking changes, Features, Fixes, Performance, Other; scope in bold;
// short hash), and finding or prepending a section in a CHANGELOG.md.

#include <optional>
#include <string>
#include <string_view>

#include "gates/commits/conventional.hpp"

namespace relctl::gates::changelog {

/// "## 1.3.0 - 2026-11-22" followed by the groups that have entries and a
/// trailing newline. `date` is "YYYY-MM-DD".
std::string render_section(const std::string& version, const std::string& date,
                           const commits::Changes& changes);

/// True when `document` already has a "## <version>" heading (also "## [<version>]").
bool has_section(std::string_view document, const std::string& version);

/// The section for `version` in `document` (heading to the next "## "
/// heading), or nullopt.
std::optional<std::string> find_section(std::string_view document, const std::string& version);

/// The version of the first "## " heading, or nullopt.
std::optional<std::string> newest_section_version(std::string_view document);

/// `document` with `section` inserted before its first "## " heading (after
/// the title and any preamble); a new document gets a "# Changelog" title.
std::string prepend_section(std::string_view document, const std::string& section);

}  // namespace relctl::gates::changelog
