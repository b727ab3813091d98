#pragma once
// Reading a release's files: from the work tree, or from a tag's tree in
// git (through the git adapter, never the git CLI). Promote and rollback
// read the migrations, the schema version file and the smoke SQL of the
// release they deploy this way, never from whatever is checked out.

#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace relctl::release {

/// The regular files directly inside `dir` (a path relative to `root`), by
/// name, with their bytes. With an empty `tag` they come from the work tree
/// under `root`; otherwise from that tag's tree in the repository that
/// contains `root` (`dir` still relative to `root`). nullopt when `dir` does
/// not exist there. Throws UsageError for an unknown tag, ConfigError when
/// `root` is in no git repository but a tag was asked for.
std::optional<std::map<std::string, std::string>> read_dir_at(const std::filesystem::path& root,
                                                              const std::string& tag,
                                                              const std::string& dir);

/// One file (path relative to `root`) from the work tree or from `tag`'s
/// tree; nullopt when it does not exist there. Throws like read_dir_at.
std::optional<std::string> read_file_at(const std::filesystem::path& root, const std::string& tag,
                                        const std::string& path);

/// "tag v1.2.0" or "the work tree", for messages.
std::string describe_tree(const std::string& tag);

}  // namespace relctl::release
