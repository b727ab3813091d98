// The snapshot's own checks: SQLite's integrity and foreign-key pragmas.

#include <algorithm>

#include "sqlite/connection.hpp"

namespace relctl::sqlite {

using detail::text_of;

std::vector<std::string> Snapshot::integrity_problems(bool quick, std::size_t max) {
  const std::string sql = std::string("PRAGMA ") + (quick ? "quick_check" : "integrity_check") +
                          "(" + std::to_string(std::max<std::size_t>(max, 1)) + ")";
  std::vector<std::string> problems;
  impl_->each_row(sql, {}, quick ? "running quick_check" : "running integrity_check",
                  [&](sqlite3_stmt* s) {
                    std::string line = text_of(s, 0);
                    if (line != "ok") problems.push_back(std::move(line));
                    return true;
                  });
  return problems;
}

std::vector<std::string> Snapshot::integrity_problems_of(const std::string& table,
                                                         std::size_t max) {
  std::vector<std::string> problems;
  impl_->each_row("PRAGMA integrity_check(" + quote_literal(table) + ")", {},
                  "running integrity_check on " + quote_identifier(table), [&](sqlite3_stmt* s) {
                    std::string line = text_of(s, 0);
                    if (line != "ok" && problems.size() < max) problems.push_back(std::move(line));
                    return true;
                  });
  return problems;
}

std::vector<std::string> Snapshot::btree_tables() {
  std::vector<std::string> out;
  impl_->each_row(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND rootpage > 0 "
      "ORDER BY name",
      {}, "listing tables", [&](sqlite3_stmt* s) {
        out.push_back(text_of(s, 0));
        return true;
      });
  return out;
}

int Snapshot::index_count(const std::string& table) {
  int n = 0;
  impl_->each_row("SELECT count(*) FROM pragma_index_list(?)", {table},
                  "listing the indexes of " + quote_identifier(table), [&](sqlite3_stmt* s) {
                    n = sqlite3_column_int(s, 0);
                    return false;
                  });
  return n;
}

std::uint64_t Snapshot::work_done() const {
  return impl_->ticks.load(std::memory_order_relaxed);
}

ForeignKeyReport Snapshot::foreign_key_violations(std::size_t max_examples) {
  ForeignKeyReport report;
  struct Raw {
    std::string table;
    std::optional<std::int64_t> rowid;
    std::string parent;
    int fkid;
  };
  std::vector<Raw> raw;
  impl_->each_row("PRAGMA foreign_key_check", {}, "running foreign_key_check",
                  [&](sqlite3_stmt* s) {
                    ++report.violations;
                    if (raw.size() < max_examples) {
                      Raw r{text_of(s, 0), std::nullopt, text_of(s, 2), sqlite3_column_int(s, 3)};
                      if (sqlite3_column_type(s, 1) != SQLITE_NULL) {
                        r.rowid = sqlite3_column_int64(s, 1);
                      }
                      raw.push_back(std::move(r));
                    }
                    return true;
                  });
  for (auto& r : raw) {
    ForeignKeyViolation v{r.table, r.rowid, r.parent, {}, {}};
    impl_->each_row(
        "SELECT \"from\", coalesce(\"to\", '') FROM pragma_foreign_key_list(?) "
        "WHERE id = CAST(? AS INTEGER) ORDER BY seq",
        {r.table, std::to_string(r.fkid)}, "reading foreign keys", [&](sqlite3_stmt* s) {
          v.columns.push_back(text_of(s, 0));
          v.parent_columns.push_back(text_of(s, 1));
          return true;
        });
    report.examples.push_back(std::move(v));
  }
  return report;
}

}  // namespace relctl::sqlite
