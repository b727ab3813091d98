// Snapshot: one read-only SQLite connection to a data snapshot: opening it
// safely, and reading its tables, schema and query results.

#include "relctl/sqlite/snapshot.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "relctl/core/error.hpp"
#include "relctl/core/interrupt.hpp"
#include "sqlite/connection.hpp"
#include "sqlite/errors.hpp"

namespace relctl::sqlite {

namespace fs = std::filesystem;
using detail::text_of;

namespace {

Value value_of(sqlite3_stmt* stmt, int col) {
  Value v;
  switch (sqlite3_column_type(stmt, col)) {
    case SQLITE_NULL:
      v.type = Value::Type::null;
      break;
    case SQLITE_INTEGER:
      v.type = Value::Type::integer;
      v.text = text_of(stmt, col);
      break;
    case SQLITE_FLOAT:
      v.type = Value::Type::real;
      v.text = text_of(stmt, col);
      break;
    case SQLITE_BLOB: {
      v.type = Value::Type::blob;
      const auto* p = static_cast<const unsigned char*>(sqlite3_column_blob(stmt, col));
      const int n = sqlite3_column_bytes(stmt, col);
      static constexpr char hex[] = "0123456789abcdef";
      v.text = "x'";
      for (int i = 0; i < n && i < 32; ++i) {
        v.text += hex[p[i] >> 4];
        v.text += hex[p[i] & 15];
      }
      v.text += n > 32 ? "...'" : "'";
      break;
    }
    default:
      v.type = Value::Type::text;
      v.text = text_of(stmt, col);
  }
  return v;
}

// SQLite calls this every thousand virtual-machine steps; a non-zero answer
// stops the statement with SQLITE_INTERRUPT. That is how Ctrl-C reaches a
// long check. Counting the calls measures the work done, for progress lines.
int should_stop(void* arg) {
  auto* impl = static_cast<Snapshot::Impl*>(arg);
  impl->ticks.fetch_add(1, std::memory_order_relaxed);
  return impl->cancelled.load() || core::interrupt_requested() ? 1 : 0;
}

// The snapshot as an immutable database: SQLite reads the file alone and
// creates nothing beside it (no -shm for a stray -wal, no journal), and the
// dry run leaves the folder as it found it. What it reads is exactly the
// file a release carries: a stray -wal's pages are not part of it.
std::string immutable_uri(const fs::path& path) {
  std::string uri = "file:";
  for (const unsigned char c : fs::absolute(path).string()) {
    if (c == '%' || c == '?' || c == '#' || c < 0x20 || c >= 0x7f) {
      uri += fmt::format("%{:02X}", c);
    } else {
      uri += static_cast<char>(c);
    }
  }
  return uri + "?immutable=1";
}

}  // namespace

std::unique_ptr<Snapshot> Snapshot::open(const fs::path& path, const OpenOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->facts = inspect_file(path);
  if (impl->facts.wal) {
    throw GateError("snapshot " + path.string() + " is in WAL mode: part of its data may live in " +
                        path.string() + "-wal, which a release does not carry",
                    "make it one self-contained file: sqlite3 " + path.string() +
                        " 'PRAGMA journal_mode=DELETE'");
  }
  // Opened immutable (below), SQLite would not look for a hot journal: relctl does.
  std::error_code ec;
  const fs::path journal = path.string() + "-journal";
  if (fs::is_regular_file(journal, ec) && fs::file_size(journal, ec) > 0) {
    throw GateError("snapshot " + path.string() + " has a leftover rollback journal (" +
                        journal.string() + "): a write to it was interrupted",
                    "open it once with sqlite3 to roll the interrupted write back, or "
                    "rebuild the snapshot");
  }
  try {
    // A stray -wal beside a rollback-mode snapshot would make SQLite open
    // it in WAL mode and create a -shm: then the file is read immutable.
    // Otherwise it is opened read-only with locking, so that a writer
    // holding it is noticed.
    const bool stray_wal = fs::exists(path.string() + "-wal", ec);
    impl->db = stray_wal ? std::make_unique<SQLite::Database>(
                               immutable_uri(path), SQLite::OPEN_READONLY | SQLite::OPEN_URI,
                               options.busy_timeout_ms)
                         : std::make_unique<SQLite::Database>(path, SQLite::OPEN_READONLY,
                                                              options.busy_timeout_ms);
  } catch (const SQLite::Exception& e) {
    detail::raise(e.getExtendedErrorCode(), e.what(), path, "opening it");
  }
  sqlite3_progress_handler(impl->handle(), 1000, &should_stop, impl.get());
  auto pragma = [&](const std::string& sql) {
    impl->each_row(
        sql, {}, "configuring the connection", [](sqlite3_stmt*) { return true; },
        /*require_read_only=*/false);
  };
  pragma("PRAGMA query_only = 1");
  pragma("PRAGMA cache_size = -" + std::to_string(std::max(options.cache_kib, 64)));
  if (options.mmap_bytes > 0) pragma("PRAGMA mmap_size = " + std::to_string(options.mmap_bytes));
  // Reading the schema takes the shared lock and parses every CREATE
  // statement: a locked, foreign or damaged file fails here, by name.
  impl->each_row("SELECT count(*) FROM sqlite_master", {}, "reading its schema",
                 [](sqlite3_stmt*) { return true; });
  return std::unique_ptr<Snapshot>(new Snapshot(std::move(impl)));
}

Snapshot::Snapshot(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Snapshot::~Snapshot() = default;

const fs::path& Snapshot::path() const {
  return impl_->path;
}
const FileFacts& Snapshot::facts() const {
  return impl_->facts;
}

void Snapshot::interrupt() {
  impl_->cancelled = true;
  sqlite3_interrupt(impl_->handle());
}

std::vector<std::string> Snapshot::tables() {
  std::vector<std::string> out;
  impl_->each_row(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
      "'sqlite\\_%' ESCAPE '\\' ORDER BY name",
      {}, "listing tables", [&](sqlite3_stmt* s) {
        out.push_back(text_of(s, 0));
        return true;
      });
  return out;
}

std::vector<Column> Snapshot::columns(const std::string& table) {
  std::vector<Column> out;
  impl_->each_row("SELECT name, type, \"notnull\", pk FROM pragma_table_info(?) ORDER BY cid",
                  {table}, "reading the columns of " + quote_identifier(table),
                  [&](sqlite3_stmt* s) {
                    out.push_back({text_of(s, 0), text_of(s, 1), sqlite3_column_int(s, 2) != 0,
                                   sqlite3_column_int(s, 3)});
                    return true;
                  });
  return out;
}

bool Snapshot::has_table(const std::string& table) {
  bool found = false;
  impl_->each_row("SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?",
                  {table}, "looking up a table", [&](sqlite3_stmt*) {
                    found = true;
                    return false;
                  });
  return found;
}

std::int64_t Snapshot::count_rows(const std::string& table) {
  std::int64_t n = 0;
  impl_->each_row("SELECT count(*) FROM main." + quote_identifier(table), {},
                  "counting the rows of " + quote_identifier(table), [&](sqlite3_stmt* s) {
                    n = sqlite3_column_int64(s, 0);
                    return false;
                  });
  return n;
}

std::string Snapshot::schema_text() {
  std::string out;
  impl_->each_row(
      "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master WHERE name "
      "NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name",
      {}, "reading the schema", [&](sqlite3_stmt* s) {
        for (int c = 0; c < 4; ++c) out += text_of(s, c) + (c == 3 ? "\n" : "\t");
        return true;
      });
  return out;
}

QueryResult Snapshot::query(const std::string& sql, const std::vector<std::string>& params,
                            std::size_t max_rows) {
  const std::string_view doing = "running a query";
  auto stmt = impl_->prepare(sql, doing, /*require_read_only=*/true);
  impl_->bind(stmt.get(), params, doing);
  QueryResult result;
  const int n = sqlite3_column_count(stmt.get());
  for (int c = 0; c < n; ++c) result.columns.emplace_back(sqlite3_column_name(stmt.get(), c));
  while (result.rows.size() < max_rows) {
    const int rc = sqlite3_step(stmt.get());
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) impl_->fail(sqlite3_extended_errcode(impl_->handle()), doing);
    Row row;
    for (int c = 0; c < n; ++c) row.values.push_back(value_of(stmt.get(), c));
    result.rows.push_back(std::move(row));
  }
  return result;
}

std::optional<Value> Snapshot::scalar(const std::string& sql,
                                      const std::vector<std::string>& params) {
  auto r = query(sql, params, 1);
  if (r.rows.empty() || r.rows.front().values.empty() || r.rows.front().values.front().is_null()) {
    return std::nullopt;
  }
  return r.rows.front().values.front();
}

}  // namespace relctl::sqlite
