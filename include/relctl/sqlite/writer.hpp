#pragma once
// Writing a new SQLite file for data.export: fixed page size, no journal, no
// fsync until the end (nobody reads the file before it is complete and
// renamed into place), one transaction, prepared inserts. The same
// statements and rows give the same bytes.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace relctl::sqlite {

class Writer {
 public:
  /// Creates `path`, which must not exist. Throws GateError naming it.
  static std::unique_ptr<Writer> create(const std::filesystem::path& path);
  ~Writer();
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  /// Runs DDL (CREATE TABLE ...).
  void exec(const std::string& sql);

  /// Prepares the insert that bind_*() and insert_row() use from now on.
  void prepare_insert(const std::string& sql);
  /// Parameters are 1-based, like SQLite's. Text and blobs are copied only
  /// by the insert itself: the views must live until insert_row().
  void bind_null(int index);
  void bind_integer(int index, std::int64_t value);
  void bind_real(int index, double value);
  void bind_text(int index, std::string_view value);
  void bind_blob(int index, std::string_view bytes);
  void insert_row();

  /// Commits, checks that the file is sound (`PRAGMA quick_check`), syncs
  /// it to disk and closes it. Throws GateError if anything fails.
  void finish();

  const std::filesystem::path& path() const;

 private:
  struct Impl;
  explicit Writer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace relctl::sqlite
