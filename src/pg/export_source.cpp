// ExportSource over libpq (see export_source.hpp).

#include "relctl/pg/export_source.hpp"

#include <libpq-fe.h>

#include <algorithm>

#include "pg/libpq_open.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/interrupt.hpp"
#include "relctl/core/log.hpp"
#include "relctl/core/redactor.hpp"
#include "relctl/core/text.hpp"

namespace relctl::pg {

namespace {

struct ResultDeleter {
  void operator()(PGresult* r) const noexcept { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

// The session settings that make every value's text the same whatever the
// server's or the user's defaults: UTC, ISO dates, ISO-8601 intervals,
// shortest exact floats, hex bytea.
constexpr const char* session_sql =
    "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;"
    "SET LOCAL TimeZone = 'UTC';"
    "SET LOCAL DateStyle = 'ISO, YMD';"
    "SET LOCAL IntervalStyle = 'iso_8601';"
    "SET LOCAL extra_float_digits = 1;"
    "SET LOCAL bytea_output = 'hex';"
    "SET LOCAL statement_timeout = 0;";

// Column names joined with the unit separator (string_agg(..., E'\x1f')).
std::vector<std::string> split_names(std::string_view joined) {
  std::vector<std::string> out;
  while (true) {
    const auto sep = joined.find('\x1f');
    out.emplace_back(joined.substr(0, sep));
    if (sep == std::string_view::npos) break;
    joined.remove_prefix(sep + 1);
  }
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

void parse_copy_line(std::string_view line, std::string& scratch, CopyRow& fields) {
  fields.clear();
  scratch.clear();
  scratch.reserve(line.size());  // unescaping never grows: views into scratch stay valid
  std::size_t i = 0;
  while (true) {
    const std::size_t start = scratch.size();
    bool null = false;
    if (line.compare(i, 2, "\\N") == 0 && (i + 2 == line.size() || line[i + 2] == '\t')) {
      null = true;
      i += 2;
    } else {
      while (i < line.size() && line[i] != '\t') {
        char c = line[i++];
        if (c == '\\' && i < line.size()) {
          const char e = line[i++];
          switch (e) {
            case 'b':
              c = '\b';
              break;
            case 'f':
              c = '\f';
              break;
            case 'n':
              c = '\n';
              break;
            case 'r':
              c = '\r';
              break;
            case 't':
              c = '\t';
              break;
            case 'v':
              c = '\v';
              break;
            case 'x': {
              int v = 0, n = 0;
              while (n < 2 && i < line.size() && hex_value(line[i]) >= 0) {
                v = v * 16 + hex_value(line[i++]);
                ++n;
              }
              c = n > 0 ? static_cast<char>(v) : 'x';
              break;
            }
            default:
              if (e >= '0' && e <= '7') {
                int v = e - '0', n = 1;
                while (n < 3 && i < line.size() && line[i] >= '0' && line[i] <= '7') {
                  v = v * 8 + (line[i++] - '0');
                  ++n;
                }
                c = static_cast<char>(v);
              } else {
                c = e;  // \\ and any other escaped character stand for themselves
              }
          }
        }
        scratch.push_back(c);
      }
    }
    if (null) {
      fields.emplace_back(std::nullopt);
    } else {
      fields.emplace_back(std::string_view(scratch.data() + start, scratch.size() - start));
    }
    if (i >= line.size()) break;
    ++i;  // the tab
  }
}

struct ExportSource::Impl {
  PGconn* conn = nullptr;
  std::string label;
  core::Redactor* redactor = nullptr;

  ~Impl() {
    if (conn) PQfinish(conn);
  }

  std::string error_text() const {
    std::string m = conn ? PQerrorMessage(conn) : "out of memory";
    while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
    return redactor->mask(m);
  }

  [[noreturn]] void fail(const std::string& doing, const PGresult* r) const {
    std::string message = r ? PQresultErrorMessage(r) : "";
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
      message.pop_back();
    }
    if (message.empty()) message = error_text();
    const bool lost = !conn || PQstatus(conn) != CONNECTION_OK;
    throw DependencyError(
        redactor->mask(label + ": " + doing + ": " + message),
        lost ? "the connection to " + label + " was lost; check the server, then run again"
             : "check that the export's user may read it, then run again");
  }

  Result exec(const std::string& sql, const std::vector<std::string>& params, const char* doing) {
    core::throw_if_interrupted();
    core::log_debug("pg {}: {} ({} parameter(s))", label, sql, params.size());
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& p : params) values.push_back(p.c_str());
    // Without parameters, PQexec: it also takes several statements (the session setup).
    Result r(params.empty() ? PQexec(conn, sql.c_str())
                            : PQexecParams(conn, sql.c_str(), static_cast<int>(values.size()),
                                           nullptr, values.data(), nullptr, nullptr, 0));
    const auto status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) fail(doing, r.get());
    return r;
  }

  std::vector<std::vector<std::string>> rows(const std::string& sql,
                                             const std::vector<std::string>& params,
                                             const char* doing) {
    const Result r = exec(sql, params, doing);
    std::vector<std::vector<std::string>> out;
    const int n = PQntuples(r.get()), cols = PQnfields(r.get());
    for (int row = 0; row < n; ++row) {
      auto& o = out.emplace_back();
      for (int c = 0; c < cols; ++c) o.emplace_back(PQgetvalue(r.get(), row, c));
    }
    return out;
  }

  // Cancels the statement in flight (Ctrl-C) and drains what is left of it.
  void cancel() noexcept {
    if (PGcancel* c = PQgetCancel(conn)) {
      char buf[256];
      PQcancel(c, buf, sizeof buf);
      PQfreeCancel(c);
    }
    char* data = nullptr;
    while (PQgetCopyData(conn, &data, 0) > 0) PQfreemem(data);
    while (PGresult* r = PQgetResult(conn)) PQclear(r);
  }
};

ExportSource::ExportSource(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

ExportSource::~ExportSource() {
  close();
}

std::unique_ptr<ExportSource> ExportSource::open(const ConnectOptions& options,
                                                 core::Redactor& redactor) {
  auto impl = std::make_unique<Impl>();
  impl->label = options.label;
  impl->redactor = &redactor;
  impl->conn = open_libpq(options, redactor);
  impl->exec(session_sql, {}, "cannot start the export's read-only transaction");
  return std::unique_ptr<ExportSource>(new ExportSource(std::move(impl)));
}

SourceFacts ExportSource::facts() {
  const auto r = impl_->rows(
      "SELECT current_setting('server_version'), current_database(), current_user::text", {},
      "cannot read the server version");
  return {r.at(0).at(0), r.at(0).at(1), r.at(0).at(2)};
}

bool ExportSource::schema_exists(const std::string& schema) {
  return !impl_
              ->rows("SELECT 1 FROM pg_namespace WHERE nspname = $1", {schema},
                     "cannot look up the schema")
              .empty();
}

std::vector<std::string> ExportSource::tables(const std::string& schema) {
  std::vector<std::string> out;
  for (auto& row :
       impl_->rows("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                   "WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition "
                   "ORDER BY c.relname COLLATE \"C\"",
                   {schema}, "cannot list the tables")) {
    out.push_back(std::move(row.at(0)));
  }
  return out;
}

SourceTable ExportSource::describe(const std::string& schema, const std::string& table) {
  const std::string qualified = schema + "." + table;
  const auto oid_rows = impl_->rows(
      "SELECT c.oid::text FROM pg_class c "
      "JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'p')",
      {schema, table}, "cannot look up the table");
  if (oid_rows.empty()) {
    throw GateError("table " + qualified + " does not exist",
                    "fix data_release.export.tables, or create the table");
  }
  const std::string oid = oid_rows[0][0];
  SourceTable t;
  t.name = table;

  // Columns in their order; domains unwrapped to their base type.
  for (const auto& r :
       impl_->rows("SELECT a.attname, format_type(a.atttypid, a.atttypmod), "
                   "  coalesce(b.typname, t.typname), coalesce(b.typtype, t.typtype)::text, "
                   "  coalesce(b.typcategory, t.typcategory)::text, "
                   "  a.attnotnull::text "
                   "FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid "
                   "LEFT JOIN pg_type b ON t.typtype = 'd' AND b.oid = t.typbasetype "
                   "WHERE a.attrelid = $1::oid AND a.attnum > 0 AND NOT a.attisdropped "
                   "ORDER BY a.attnum",
                   {oid}, "cannot read the columns")) {
    SourceColumn c;
    c.name = r[0];
    c.type = r[1];
    c.base_type = r[2];
    c.type_kind = r[3].empty() ? 'b' : r[3][0];
    c.category = r[4].empty() ? 'U' : r[4][0];
    c.not_null = r[5] == "true";
    t.columns.push_back(std::move(c));
  }

  // Keys: the primary key, unique constraints and unique indexes on plain
  // columns (no expressions, no partial indexes), and foreign keys.
  for (const auto& r :
       impl_->rows("SELECT i.indisprimary::text, "
                   "  (SELECT string_agg(a.attname, E'\\x1f' ORDER BY k.ord) "
                   "   FROM unnest(i.indkey) WITH ORDINALITY k(attnum, ord) "
                   "   JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum) "
                   "FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid "
                   "WHERE i.indrelid = $1::oid AND i.indisunique AND i.indpred IS NULL "
                   "  AND i.indexprs IS NULL "
                   "ORDER BY i.indisprimary DESC, ic.relname COLLATE \"C\"",
                   {oid}, "cannot read the keys")) {
    std::vector<std::string> cols = split_names(r[1]);
    if (r[0] == "true") {
      t.primary_key = std::move(cols);
    } else if (std::find(t.uniques.begin(), t.uniques.end(), cols) == t.uniques.end()) {
      t.uniques.push_back(std::move(cols));
    }
  }
  for (const auto& r :
       impl_->rows("SELECT c.conname, rt.relname, "
                   "  (SELECT string_agg(a.attname, E'\\x1f' ORDER BY k.ord) "
                   "   FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord) "
                   "   JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum), "
                   "  (SELECT string_agg(a.attname, E'\\x1f' ORDER BY k.ord) "
                   "   FROM unnest(c.confkey) WITH ORDINALITY k(attnum, ord) "
                   "   JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum) "
                   "FROM pg_constraint c JOIN pg_class rt ON rt.oid = c.confrelid "
                   "JOIN pg_namespace rn ON rn.oid = rt.relnamespace "
                   "WHERE c.conrelid = $1::oid AND c.contype = 'f' AND rn.nspname = $2 "
                   "ORDER BY c.conname COLLATE \"C\"",
                   {oid, schema}, "cannot read the foreign keys")) {
    t.foreign_keys.push_back({split_names(r[2]), r[1], split_names(r[3])});
  }
  return t;
}

std::int64_t ExportSource::count_rows(const std::string& schema, const std::string& table) {
  const auto r = impl_->rows("SELECT count(*)::text FROM " + core::quote_identifier(schema) + "." +
                                 core::quote_identifier(table),
                             {}, "cannot count the rows");
  return std::stoll(r.at(0).at(0));
}

bool ExportSource::can_select(const std::string& schema, const std::string& table) {
  const auto r = impl_->rows(
      "SELECT has_schema_privilege(n.oid, 'USAGE') AND "
      "  (has_table_privilege(c.oid, 'SELECT') OR NOT EXISTS ("
      "     SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 "
      "     AND NOT a.attisdropped AND NOT has_column_privilege(c.oid, a.attnum, 'SELECT'))) "
      "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE n.nspname = $1 AND c.relname = $2",
      {schema, table}, "cannot check the privileges");
  return !r.empty() && r[0][0] == "t";
}

void ExportSource::copy(const std::string& select_sql, const std::string& what,
                        const std::function<void(const CopyRow&)>& on_row) {
  Impl& i = *impl_;
  core::throw_if_interrupted();
  const std::string sql = "COPY (" + select_sql + ") TO STDOUT";
  core::log_debug("pg {}: {}", i.label, sql);
  Result start(PQexec(i.conn, sql.c_str()));
  if (!start || PQresultStatus(start.get()) != PGRES_COPY_OUT) {
    i.fail("cannot read " + what, start.get());
  }
  start.reset();
  std::string scratch;
  CopyRow fields;
  std::uint32_t since_check = 0;
  while (true) {
    char* data = nullptr;
    const int n = PQgetCopyData(i.conn, &data, 0);
    if (n == -1) break;  // done: the final result follows
    if (n < 0) {
      Result r(PQgetResult(i.conn));
      i.fail("reading " + what + " stopped", r.get());
    }
    std::string_view line(data, static_cast<std::size_t>(n));
    if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
    try {
      parse_copy_line(line, scratch, fields);
      on_row(fields);
    } catch (...) {
      PQfreemem(data);
      i.cancel();
      throw;
    }
    PQfreemem(data);
    if (++since_check == 4096) {
      since_check = 0;
      if (core::interrupt_requested()) {
        i.cancel();
        throw Interrupted();
      }
    }
  }
  Result end(PQgetResult(i.conn));
  if (!end || PQresultStatus(end.get()) != PGRES_COMMAND_OK) {
    i.fail("reading " + what + " stopped", end.get());
  }
  while (PGresult* extra = PQgetResult(i.conn)) PQclear(extra);
}

void ExportSource::close() noexcept {
  if (impl_ && impl_->conn && PQstatus(impl_->conn) == CONNECTION_OK &&
      PQtransactionStatus(impl_->conn) != PQTRANS_IDLE) {
    PQclear(PQexec(impl_->conn, "ROLLBACK"));
  }
}

}  // namespace relctl::pg
