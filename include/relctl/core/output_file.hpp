#pragma once
// Writing files so that no reader ever sees half of one: the bytes go to a
// temporary file in the same folder, which is then renamed into place. The
// one writer every part of relctl uses (changelog, version files,
// SHA256SUMS, manifest, reports, the starter relctl.toml). OutputFile adds
// what an action needs to be undone: it puts back what was there before.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace relctl::core {

/// The bytes of the file at `path`, or nullopt when it does not exist or
/// cannot be opened.
std::optional<std::string> read_file(const std::filesystem::path& path);

/// Replaces `path` with `bytes` through a temporary file in its folder and
/// a rename; creates missing parent folders and keeps an existing file's
/// permissions (an executable script stays executable). Throws GateError
/// naming the path; the temporary file never stays behind.
void write_atomically(const std::filesystem::path& path, std::string_view bytes);

/// Creates `dir` (and its parents) for relctl's own files (ledger, logs):
/// a folder it creates, and a folder named .relctl always, gets a
/// .gitignore of `*`, so that they never make a work tree dirty. Throws
/// std::filesystem::filesystem_error when it cannot be created.
void make_private_folder(const std::filesystem::path& dir);

/// A file a release action writes (changelog, version files, SHA256SUMS,
/// manifest, reports) and puts back on undo.
class OutputFile {
 public:
  explicit OutputFile(std::filesystem::path path) : path_(std::move(path)) {}

  const std::filesystem::path& path() const { return path_; }
  /// The current content, or nullopt when the file does not exist.
  std::optional<std::string> read() const { return read_file(path_); }
  /// Remembers the current content and the folders that do not exist yet
  /// (once), then writes `content` with write_atomically(). Throws GateError.
  void write(std::string_view content);
  /// Puts back what was there before the first write: the old content, or
  /// no file and none of the folders write() created (when they are empty).
  /// Throws GateError naming the path.
  void restore();

 private:
  std::filesystem::path path_;
  std::optional<std::string> previous_;
  std::vector<std::filesystem::path> created_dirs_;  // deepest first
  bool written_ = false;
};

}  // namespace relctl::core
