// sqlite.foreign-keys: every declared foreign key of the snapshot finds its
// parent row (PRAGMA foreign_key_check is empty). SQLite does not enforce
// foreign keys unless asked, so an export can break them silently.

#include <fmt/format.h>

#include "gates/data/data_run.hpp"
#include "relctl/core/error.hpp"

namespace relctl::gates {

namespace {

using sqlite::quote_identifier;

std::string join(const std::vector<std::string>& items, const char* sep = ", ") {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : sep) + i;
  return out;
}

class SqliteForeignKeys final : public DataGate {
 public:
  explicit SqliteForeignKeys(std::shared_ptr<DataRun> run)
      : DataGate("sqlite.foreign-keys", std::move(run)) {}

  core::Outcome run(core::Context& ctx) override {
    if (auto why = unreadable_snapshot(ctx); !why.empty()) return record(core::Outcome::skip(why));
    auto& scan = data(ctx).scan();
    const auto& report = scan.foreign_keys();
    run_->findings.foreign_keys = report;
    if (report.violations == 0) {
      return record(core::Outcome::pass("every foreign key finds its parent row"));
    }
    std::vector<std::string> shown;
    for (const auto& v : report.examples) {
      if (shown.size() == 3) break;  // readable; report.json keeps five
      const std::string values = child_values(scan.connection(), v);
      const std::string parent =
          v.parent + (v.parent_columns.empty() || v.parent_columns.front().empty()
                          ? ""
                          : "." + join(v.parent_columns, ","));
      shown.push_back(fmt::format("{} rowid {} ({}) has no {}", v.table,
                                  v.rowid ? std::to_string(*v.rowid) : "?", values, parent));
    }
    if (report.violations > shown.size()) {
      shown.push_back(fmt::format("and {} more", report.violations - shown.size()));
    }
    const std::string file = run_->snapshot_file().string();
    throw GateError(fmt::format("{} foreign-key violation{} in {}: {}", report.violations,
                                report.violations == 1 ? "" : "s", file, join(shown, "; ")),
                    "give every referencing row its parent (or fix the export); `sqlite3 " + file +
                        " 'PRAGMA foreign_key_check'` lists them all");
  }

 private:
  // "castaway_id = 'US9999'": the broken key's values, for the message.
  static std::string child_values(sqlite::Snapshot& snap, const sqlite::ForeignKeyViolation& v) {
    if (!v.rowid || v.columns.empty()) return join(v.columns);
    std::string select;
    for (const auto& c : v.columns) select += (select.empty() ? "" : ", ") + quote_identifier(c);
    try {
      const auto r = snap.query(
          "SELECT " + select + " FROM main." + quote_identifier(v.table) + " WHERE rowid = ?",
          {std::to_string(*v.rowid)}, 1);
      if (r.rows.empty()) return join(v.columns);
      std::vector<std::string> parts;
      for (std::size_t i = 0; i < v.columns.size(); ++i) {
        const auto& val = r.rows.front().values[i];
        parts.push_back(v.columns[i] + " = " +
                        (val.is_null()                           ? std::string("NULL")
                         : val.type == sqlite::Value::Type::text ? sqlite::quote_literal(val.text)
                                                                 : val.text));
      }
      return join(parts);
    } catch (const Error&) {
      return join(v.columns);  // the violation matters, not the decoration
    }
  }
};

}  // namespace

std::unique_ptr<core::Gate> make_sqlite_foreign_keys(std::shared_ptr<DataRun> run) {
  return std::make_unique<SqliteForeignKeys>(std::move(run));
}

}  // namespace relctl::gates
