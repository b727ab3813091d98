#pragma once
// relctl's SQLite adapter: a thin RAII layer over SQLiteCpp (which never
// appears in this header) for reading a data snapshot. The file is opened
// read-only and never changed. Every SQLite failure becomes a relctl::Error
// that names the file and says what to do: a missing file, a file that is
// not a database, a truncated or corrupt one and a locked one each have
// their own message (GateError, exit 1); Ctrl-C becomes relctl::Interrupted.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "relctl/core/text.hpp"

namespace relctl::sqlite {

using core::quote_identifier;  // relctl/core/text.hpp
using core::quote_literal;

/// One value of a result row, as SQLite typed it.
struct Value {
  enum class Type { null, integer, real, text, blob };
  Type type = Type::null;
  std::string
      text;  // integers and reals in SQLite's text form; blobs as x'..' hex (first 32 bytes)
  bool is_null() const { return type == Type::null; }
};

struct Row {
  std::vector<Value> values;
};

struct QueryResult {
  std::vector<std::string> columns;
  std::vector<Row> rows;
};

struct Column {
  std::string name;
  std::string type;  // the declared type as written ("INTEGER", "" when none)
  bool not_null = false;
  int primary_key = 0;  // 1-based position in the primary key, 0 if not part of it
};

/// One row of `PRAGMA foreign_key_check`, with the columns of the broken key.
struct ForeignKeyViolation {
  std::string table;
  std::optional<std::int64_t> rowid;  // absent for WITHOUT ROWID tables
  std::string parent;
  std::vector<std::string> columns;         // child columns of the key
  std::vector<std::string> parent_columns;  // parent columns ("" = the parent's primary key)
};

struct ForeignKeyReport {
  std::size_t violations = 0;                 // every violation found
  std::vector<ForeignKeyViolation> examples;  // the first few
};

struct OpenOptions {
  /// How long to wait for a writer that holds the file locked before failing.
  int busy_timeout_ms = 3000;
  /// Map the file into memory (up to this many bytes; 0 = off): the integrity
  /// check then reads pages without copying them.
  std::int64_t mmap_bytes = 0;
  /// SQLite's page cache for this connection, in KiB.
  int cache_kib = 16 * 1024;
};

/// The cheap facts read from a database file's 100-byte header.
struct FileFacts {
  std::uintmax_t bytes = 0;
  std::uint32_t page_size = 0;
  std::uint32_t page_count = 0;  // from the header (0 when the header does not say)
  bool wal = false;              // the header says WAL mode
};

/// Checks that `path` looks like a complete SQLite database without opening
/// it with SQLite: exists, is a regular file, has the "SQLite format 3"
/// header, a valid page size and no fewer bytes than its header promises.
/// Throws GateError with a message of its own for each problem.
FileFacts inspect_file(const std::filesystem::path& path);

/// A snapshot opened read-only. One object is one connection: use it from
/// one thread at a time; interrupt() may be called from any thread.
class Snapshot {
 public:
  /// Opens `path` read-only after inspect_file(), refuses a WAL-mode file or
  /// one with a leftover rollback journal, and reads its schema once to make
  /// sure it is a readable database. Throws GateError (missing, not a
  /// database, truncated, corrupt, locked, WAL, hot journal).
  static std::unique_ptr<Snapshot> open(const std::filesystem::path& path,
                                        const OpenOptions& options = {});
  ~Snapshot();
  Snapshot(const Snapshot&) = delete;
  Snapshot& operator=(const Snapshot&) = delete;

  const std::filesystem::path& path() const;
  const FileFacts& facts() const;

  /// `PRAGMA integrity_check` (or `quick_check`): the problems SQLite lists,
  /// at most `max` of them; empty when the database is sound.
  std::vector<std::string> integrity_problems(bool quick, std::size_t max = 100);

  /// `PRAGMA integrity_check(table)`: that table and its indexes only, index
  /// contents and UNIQUE constraints included. Together with quick_check
  /// (structure of every b-tree, page accounting, NOT NULL) over all
  /// btree_tables() it covers what one full integrity_check covers, and lets
  /// a caller tell how far along it is.
  std::vector<std::string> integrity_problems_of(const std::string& table, std::size_t max = 100);

  /// Every table stored in a b-tree, SQLite's own (sqlite_sequence, ...)
  /// included, virtual tables excluded.
  std::vector<std::string> btree_tables();
  /// How many indexes `table` has.
  int index_count(const std::string& table);

  /// A measure of the work this connection has done: thousands of SQLite
  /// virtual-machine steps so far. Safe from any thread; for progress lines.
  std::uint64_t work_done() const;

  /// `PRAGMA foreign_key_check` over the whole database.
  ForeignKeyReport foreign_key_violations(std::size_t max_examples = 5);

  /// The user tables (no views, no sqlite_ internals), sorted by name.
  std::vector<std::string> tables();
  std::vector<Column> columns(const std::string& table);
  bool has_table(const std::string& table);
  std::int64_t count_rows(const std::string& table);

  /// Every schema object (type, name, table, SQL) in a canonical text form,
  /// sorted, one per line: what `schema_sha256` in the manifest hashes.
  std::string schema_text();

  /// Runs one read-only statement with text parameters bound to `?`s and
  /// returns its column names and up to `max_rows` rows. A second statement
  /// in `sql`, or a statement that would write, throws GateError.
  QueryResult query(const std::string& sql, const std::vector<std::string>& params = {},
                    std::size_t max_rows = std::numeric_limits<std::size_t>::max());

  /// The first column of the first row of `sql`, or nullopt for no row / NULL.
  std::optional<Value> scalar(const std::string& sql, const std::vector<std::string>& params = {});

  /// Makes the statement running now (in another thread) stop soon; it then
  /// throws relctl::Interrupted. Safe from any thread.
  void interrupt();

  struct Impl;

 private:
  explicit Snapshot(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace relctl::sqlite
