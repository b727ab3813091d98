// sqlite::Writer over SQLite's C API (the insert loop is the export's hot
// path); SQLiteCpp opens and owns the connection like everywhere else.

#include "relctl/sqlite/writer.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdio>

#include "relctl/core/error.hpp"
#include "sqlite/errors.hpp"

namespace relctl::sqlite {

namespace fs = std::filesystem;

struct Writer::Impl {
  fs::path path;
  std::unique_ptr<SQLite::Database> db;
  sqlite3_stmt* insert = nullptr;

  ~Impl() {
    if (insert) sqlite3_finalize(insert);
  }

  sqlite3* handle() const { return db->getHandle(); }

  [[noreturn]] void fail(int code, std::string_view doing) const {
    detail::raise(code, sqlite3_errmsg(handle()), path, doing);
  }

  void run(const std::string& sql, std::string_view doing) {
    char* error = nullptr;
    const int rc = sqlite3_exec(handle(), sql.c_str(), nullptr, nullptr, &error);
    if (rc != SQLITE_OK) {
      const std::string message = error ? error : sqlite3_errstr(rc);
      sqlite3_free(error);
      detail::raise(sqlite3_extended_errcode(handle()), message, path, doing);
    }
  }

  void check_bind(int rc) const {
    if (rc != SQLITE_OK) fail(rc, "binding a value");
  }
};

Writer::Writer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Writer::~Writer() = default;

std::unique_ptr<Writer> Writer::create(const fs::path& path) {
  std::error_code ec;
  if (fs::exists(path, ec)) {
    throw GateError("cannot create " + path.string() + ": it exists already",
                    "remove it, then run again");
  }
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  try {
    impl->db = std::make_unique<SQLite::Database>(
        path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX);
  } catch (const SQLite::Exception& e) {
    detail::raise(e.getExtendedErrorCode(), e.what(), path, "creating the snapshot");
  }
  // page_size before the first table fixes the layout; no journal and no
  // fsync while writing (the temp file is discarded on any failure); one
  // writer; a bounded page cache keeps memory flat whatever the row count.
  impl->run(
      "PRAGMA page_size = 4096;"
      "PRAGMA journal_mode = OFF;"
      "PRAGMA synchronous = OFF;"
      "PRAGMA locking_mode = EXCLUSIVE;"
      "PRAGMA temp_store = FILE;"
      "PRAGMA cache_size = -16384;"
      "BEGIN;",
      "preparing the snapshot");
  return std::unique_ptr<Writer>(new Writer(std::move(impl)));
}

void Writer::exec(const std::string& sql) {
  impl_->run(sql, "creating the snapshot's tables");
}

void Writer::prepare_insert(const std::string& sql) {
  if (impl_->insert) {
    sqlite3_finalize(impl_->insert);
    impl_->insert = nullptr;
  }
  const int rc = sqlite3_prepare_v3(impl_->handle(), sql.c_str(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &impl_->insert, nullptr);
  if (rc != SQLITE_OK) impl_->fail(rc, "preparing an insert");
}

void Writer::bind_null(int index) {
  impl_->check_bind(sqlite3_bind_null(impl_->insert, index));
}

void Writer::bind_integer(int index, std::int64_t value) {
  impl_->check_bind(sqlite3_bind_int64(impl_->insert, index, value));
}

void Writer::bind_real(int index, double value) {
  impl_->check_bind(sqlite3_bind_double(impl_->insert, index, value));
}

void Writer::bind_text(int index, std::string_view value) {
  impl_->check_bind(sqlite3_bind_text64(impl_->insert, index, value.data(), value.size(),
                                        SQLITE_STATIC, SQLITE_UTF8));
}

void Writer::bind_blob(int index, std::string_view bytes) {
  // A zero-length blob is still a blob, not NULL: SQLite needs a non-null pointer.
  static const char empty = 0;
  impl_->check_bind(sqlite3_bind_blob64(impl_->insert, index, bytes.empty() ? &empty : bytes.data(),
                                        bytes.size(), SQLITE_STATIC));
}

void Writer::insert_row() {
  const int rc = sqlite3_step(impl_->insert);
  if (rc != SQLITE_DONE) impl_->fail(sqlite3_extended_errcode(impl_->handle()), "inserting a row");
  sqlite3_reset(impl_->insert);
}

void Writer::finish() {
  if (impl_->insert) {
    sqlite3_finalize(impl_->insert);
    impl_->insert = nullptr;
  }
  impl_->run("COMMIT;", "writing the snapshot");
  bool sound = true;
  std::string problem;
  {
    SQLite::Statement check(*impl_->db, "PRAGMA quick_check");
    while (check.executeStep()) {
      const std::string line = check.getColumn(0).getString();
      if (line != "ok") {
        sound = false;
        problem = line;
      }
    }
  }
  if (!sound) {
    throw GateError("the exported snapshot " + impl_->path.string() + " is not sound: " + problem,
                    "this is a bug in relctl; please report it with the command you ran");
  }
  impl_->db.reset();  // closes the file
  // Nothing was synced while writing: make the bytes durable before the rename.
  if (FILE* f = std::fopen(impl_->path.c_str(), "rb+")) {
    const bool synced = ::fsync(fileno(f)) == 0;
    std::fclose(f);
    if (!synced) {
      throw GateError("cannot sync " + impl_->path.string() + " to disk",
                      "check the disk (full? read-only?), then run again");
    }
  }
}

const fs::path& Writer::path() const {
  return impl_->path;
}

}  // namespace relctl::sqlite
