#include "sqlite/connection.hpp"

#include <cctype>
#include <cstring>

#include "relctl/core/error.hpp"
#include "sqlite/errors.hpp"

namespace relctl::sqlite {

namespace {

bool only_blanks(const char* s) {
  while (*s) {
    if (std::isspace(static_cast<unsigned char>(*s)) || *s == ';') {
      ++s;
    } else if (s[0] == '-' && s[1] == '-') {
      while (*s && *s != '\n') ++s;
    } else if (s[0] == '/' && s[1] == '*') {
      const char* end = std::strstr(s + 2, "*/");
      if (!end) return true;
      s = end + 2;
    } else {
      return false;
    }
  }
  return true;
}

}  // namespace

void Snapshot::Impl::fail(int code, std::string_view doing) const {
  // SQLITE_INTERRUPT may come from the progress handler for a reason the
  // error text does not know; raise() turns it into Interrupted.
  detail::raise(code, sqlite3_errmsg(handle()), path, doing);
}

Snapshot::Impl::Stmt Snapshot::Impl::prepare(const std::string& sql, std::string_view doing,
                                             bool require_read_only) const {
  sqlite3_stmt* raw = nullptr;
  const char* tail = nullptr;
  const int rc =
      sqlite3_prepare_v2(handle(), sql.c_str(), static_cast<int>(sql.size()), &raw, &tail);
  Stmt stmt(raw);
  if (rc != SQLITE_OK) fail(sqlite3_extended_errcode(handle()), doing);
  if (!stmt) {
    throw GateError("empty SQL while " + std::string(doing), "write a SELECT statement");
  }
  if (tail && !only_blanks(tail)) {
    throw GateError("more than one SQL statement while " + std::string(doing) + ": \"" +
                        std::string(tail).substr(0, 60) + "\"",
                    "a check is one SELECT statement; split it into several checks");
  }
  if (require_read_only && !sqlite3_stmt_readonly(stmt.get())) {
    throw GateError("the SQL would change the snapshot (while " + std::string(doing) + ")",
                    "checks only read: write a SELECT that returns the offending rows");
  }
  return stmt;
}

void Snapshot::Impl::bind(sqlite3_stmt* stmt, const std::vector<std::string>& params,
                          std::string_view doing) const {
  for (std::size_t i = 0; i < params.size(); ++i) {
    const int rc = sqlite3_bind_text(stmt, static_cast<int>(i + 1), params[i].data(),
                                     static_cast<int>(params[i].size()), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) fail(rc, doing);
  }
}

void Snapshot::Impl::each_row(const std::string& sql, const std::vector<std::string>& params,
                              std::string_view doing, const std::function<bool(sqlite3_stmt*)>& row,
                              bool require_read_only) const {
  Stmt stmt = prepare(sql, doing, require_read_only);
  bind(stmt.get(), params, doing);
  for (;;) {
    const int rc = sqlite3_step(stmt.get());
    if (rc == SQLITE_DONE) return;
    if (rc != SQLITE_ROW) fail(sqlite3_extended_errcode(handle()), doing);
    if (!row(stmt.get())) return;
  }
}

std::string detail::text_of(sqlite3_stmt* stmt, int col) {
  const auto* p = sqlite3_column_text(stmt, col);
  return p ? std::string(reinterpret_cast<const char*>(p),
                         static_cast<std::size_t>(sqlite3_column_bytes(stmt, col)))
           : std::string();
}

}  // namespace relctl::sqlite
