#pragma once
// A file a release action rewrites (changelog, version files, SHA256SUMS):
// read it, replace it atomically, and put the previous content back on undo.

#include <filesystem>
#include <optional>
#include <string>

namespace relctl::gates {

class OutputFile {
 public:
  explicit OutputFile(std::filesystem::path path) : path_(std::move(path)) {}

  const std::filesystem::path& path() const { return path_; }
  /// The current content, or nullopt when the file does not exist.
  std::optional<std::string> read() const;
  /// Remembers the current content (once), then writes `content` through a
  /// temporary file and a rename. Throws GateError naming the path.
  void write(const std::string& content);
  /// Puts back what was there before the first write (or removes the file
  /// if there was none). Throws GateError naming the path.
  void restore();
  bool written() const { return written_; }

 private:
  std::filesystem::path path_;
  std::optional<std::string> previous_;
  bool written_ = false;
};

}  // namespace relctl::gates
