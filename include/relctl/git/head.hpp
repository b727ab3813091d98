#pragma once
#include <filesystem>
#include <optional>
#include <string>

namespace relctl::git {

/// The commit id HEAD points at in the repository containing `dir`, or
/// nullopt outside a repository or before the first commit. Never throws.
std::optional<std::string> head_commit(const std::filesystem::path& dir);

/// libgit2's version, "1.5.1".
std::string libgit2_version();

}  // namespace relctl::git
