#pragma once
// Private to src/sqlite: the connection behind a Snapshot and the statement
// helpers every part of the adapter uses. SQLiteCpp opens and owns the
// connection; statements use SQLite's C API directly because relctl needs
// the parts SQLiteCpp hides (the unparsed tail of a statement, whether it
// writes, the progress handler for Ctrl-C).

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "relctl/sqlite/snapshot.hpp"

namespace relctl::sqlite {

struct Snapshot::Impl {
  std::filesystem::path path;
  FileFacts facts;
  std::unique_ptr<SQLite::Database> db;
  std::atomic<bool> cancelled{false};
  std::atomic<std::uint64_t> ticks{0};  // progress-handler calls: thousands of VM steps

  sqlite3* handle() const { return db->getHandle(); }

  /// Throws the relctl error for `code` (see errors.hpp), naming the file.
  [[noreturn]] void fail(int code, std::string_view doing) const;

  struct StmtDeleter {
    void operator()(sqlite3_stmt* s) const noexcept { sqlite3_finalize(s); }
  };
  using Stmt = std::unique_ptr<sqlite3_stmt, StmtDeleter>;

  /// Prepares exactly one statement; anything but blanks, comments and
  /// semicolons after it is refused (a check must not smuggle in a second
  /// one), and so is a writing statement when `require_read_only`.
  Stmt prepare(const std::string& sql, std::string_view doing, bool require_read_only) const;

  /// Binds `params` as text to ?1, ?2, ...
  void bind(sqlite3_stmt* stmt, const std::vector<std::string>& params,
            std::string_view doing) const;

  /// Steps through every row, calling `row` until it returns false.
  void each_row(const std::string& sql, const std::vector<std::string>& params,
                std::string_view doing, const std::function<bool(sqlite3_stmt*)>& row,
                bool require_read_only = true) const;
};

namespace detail {

/// Column `col` of the current row as text ("" for NULL).
std::string text_of(sqlite3_stmt* stmt, int col);

}  // namespace detail

}  // namespace relctl::sqlite
