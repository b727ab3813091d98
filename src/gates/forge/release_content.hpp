#pragma once
// What a forge release of a tag holds: its notes (a code release's
// changelog section, a data release's manifest facts and tables), whether
// it is a prerelease, and its assets (SHA256SUMS and every file it lists,
// each checked against its sum). Private to src/gates/forge.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "gates/data/manifest.hpp"
#include "relctl/config/config.hpp"
#include "relctl/forge/forge.hpp"

namespace relctl::gates::forge_release {

enum class TagKind { code, data, other };

/// Which template of relctl.toml made `tag`.
TagKind kind_of_tag(const config::Config& cfg, const std::string& tag);

/// True for a code tag whose version has a prerelease part (1.4.0-beta.2).
bool is_prerelease(const config::Config& cfg, const std::string& tag);

/// The changelog section in a code tag's message: the message without its
/// first line ("Release 1.3.0") and its Relctl-* trailers.
std::string code_notes(const std::string& tag_message);

/// A data release's notes: its tables with rows and columns, the snapshot,
/// the ingestion run and upstream version.
std::string data_notes(const std::string& tag, const data::Manifest& manifest);

/// A tag's message without its Relctl-* trailers (tags of other templates).
std::string without_trailers(const std::string& message);

/// SHA256SUMS (`sums_file`, whose text is `sums`) and every file it lists
/// (paths relative to `root`), each checked against its sum. Throws
/// GateError for a listed file that is missing or differs, or two files
/// with one base name.
std::vector<forge::Asset> assets_from_sums(const std::filesystem::path& root,
                                           const std::filesystem::path& sums_file,
                                           const std::string& sums, const std::string& tag);

}  // namespace relctl::gates::forge_release
