#include "gates/data/export_plan.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include "relctl/core/error.hpp"
#include "relctl/core/text.hpp"

namespace relctl::gates::data {

namespace {

using core::quote_identifier;

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

std::string column_list(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + quote_identifier(n);
  return out;
}

// A type_map entry for the column, matched on its declared type, its base
// type's name or (for arrays) "array".
const std::string* mapped(const pg::SourceColumn& c, const config::Export& settings) {
  for (const std::string& key : {c.type, c.base_type}) {
    const auto it = settings.type_map.find(key);
    if (it != settings.type_map.end()) return &it->second;
  }
  return nullptr;
}

}  // namespace

ColumnPlan plan_column(const pg::SourceColumn& c, const std::string& table,
                       const config::Export& settings) {
  const std::string q = "t." + quote_identifier(c.name);
  ColumnPlan p;
  p.name = c.name;
  auto as = [&](std::string type, std::string expr, Bind bind) {
    p.sqlite_type = std::move(type);
    p.select_expr = std::move(expr);
    p.bind = bind;
    return p;
  };

  if (const std::string* to = mapped(c, settings)) {
    const std::string type = upper(*to);
    if (type == "TEXT") return as("TEXT", q + "::text", Bind::text);
    if (type == "INTEGER") return as("INTEGER", q + "::text", Bind::integer);
    if (type == "REAL") return as("REAL", q + "::text", Bind::real);
    if (type == "BLOB") return as("BLOB", q + "::text", Bind::blob_raw);
    throw ConfigError("data_release.export.type_map maps " + c.type + " to '" + *to +
                          "', which is not an SQLite type",
                      "use TEXT, INTEGER, REAL or BLOB");
  }

  const std::string& b = c.base_type;
  if (b == "int2" || b == "int4" || b == "int8" || b == "oid") {
    return as("INTEGER", q, Bind::integer);
  }
  if (b == "float4" || b == "float8") return as("REAL", q, Bind::real);
  if (b == "numeric") {
    if (settings.numeric == "real") return as("REAL", q + "::float8", Bind::real);
    return as("TEXT", q + "::text", Bind::text);
  }
  if (b == "bool") return as("INTEGER", q + "::int", Bind::integer);
  if (b == "date") return as("TEXT", q + "::text", Bind::text);
  if (b == "timestamp") {
    // Written as stored: a timestamp without time zone has no zone to convert.
    return as("TEXT", "regexp_replace(" + q + "::text, ' ', 'T')", Bind::text);
  }
  if (b == "timestamptz") {
    return as("TEXT",
              "CASE WHEN isfinite(" + q + ") THEN regexp_replace((" + q +
                  " AT TIME ZONE 'UTC')::text, ' ', 'T') || 'Z' ELSE " + q + "::text END",
              Bind::text);
  }
  if (b == "time" || b == "timetz" || b == "interval" || b == "uuid" || b == "json" ||
      b == "jsonb" || b == "xml") {
    return as("TEXT", q + "::text", Bind::text);
  }
  if (b == "bytea") return as("BLOB", "encode(" + q + ", 'hex')", Bind::blob_hex);
  if (c.category == 'A' || c.type_kind == 'c') {
    return as("TEXT", "to_json(" + q + ")::text", Bind::text);
  }
  // Strings (text, varchar, char, name, citext), enums and network addresses.
  if (c.category == 'S' || c.type_kind == 'e' || c.category == 'I') {
    return as("TEXT", q + "::text", Bind::text);
  }
  throw GateError("column " + table + "." + c.name + " has type " + c.type +
                      ", which data.export has no mapping for",
                  "map it in relctl.toml: [data_release.export] type_map = { \"" + c.type +
                      "\" = \"TEXT\" }, or leave the table out with exclude");
}

TablePlan plan_table(const pg::SourceTable& table, const std::string& schema,
                     const std::set<std::string>& exported, const config::Export& settings) {
  TablePlan p;
  p.name = table.name;
  std::string defs, select, params;
  int index = 0;
  for (const auto& c : table.columns) {
    ColumnPlan col = plan_column(c, schema + "." + table.name, settings);
    defs += (defs.empty() ? "\n  " : ",\n  ") + quote_identifier(c.name) + " " + col.sqlite_type +
            (c.not_null ? " NOT NULL" : "");
    select += (select.empty() ? "" : ", ") + col.select_expr;
    params += (params.empty() ? "?" : ", ?") + std::to_string(++index);
    p.columns.push_back(std::move(col));
  }
  if (!table.primary_key.empty()) {
    defs += ",\n  PRIMARY KEY (" + column_list(table.primary_key) + ")";
  }
  for (const auto& u : table.uniques) defs += ",\n  UNIQUE (" + column_list(u) + ")";
  for (const auto& fk : table.foreign_keys) {
    if (!exported.count(fk.table)) continue;  // its parent is not in the snapshot
    defs += ",\n  FOREIGN KEY (" + column_list(fk.columns) + ") REFERENCES " +
            quote_identifier(fk.table) + " (" + column_list(fk.ref_columns) + ")";
  }
  p.create_sql = "CREATE TABLE " + quote_identifier(table.name) + " (" + defs + "\n)";

  // Rows in primary-key order, or by every column: the same data, the same bytes.
  std::string order;
  if (!table.primary_key.empty()) {
    for (const auto& k : table.primary_key) {
      order += (order.empty() ? "" : ", ") + std::string("t.") + quote_identifier(k);
    }
  } else {
    for (std::size_t i = 1; i <= table.columns.size(); ++i) {
      order += (order.empty() ? "" : ", ") + std::to_string(i);
    }
  }
  p.select_sql = "SELECT " + select + " FROM " + quote_identifier(schema) + "." +
                 quote_identifier(table.name) + " AS t" +
                 (order.empty() ? "" : " ORDER BY " + order);
  p.insert_sql = "INSERT INTO " + quote_identifier(table.name) + " VALUES (" + params + ")";
  return p;
}

std::vector<pg::SourceTable> foreign_key_order(std::vector<pg::SourceTable> tables) {
  std::sort(tables.begin(), tables.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  std::map<std::string, std::set<std::string>> needs;  // table -> exported parents
  std::set<std::string> names;
  for (const auto& t : tables) names.insert(t.name);
  for (const auto& t : tables) {
    auto& n = needs[t.name];
    for (const auto& fk : t.foreign_keys) {
      if (fk.table != t.name && names.count(fk.table)) n.insert(fk.table);
    }
  }
  std::vector<pg::SourceTable> out;
  std::vector<bool> done(tables.size(), false);
  std::set<std::string> created;
  while (out.size() < tables.size()) {
    bool progressed = false;
    for (std::size_t i = 0; i < tables.size(); ++i) {
      if (done[i]) continue;
      const auto& n = needs[tables[i].name];
      if (std::all_of(n.begin(), n.end(), [&](const auto& p) { return created.count(p) > 0; })) {
        created.insert(tables[i].name);
        out.push_back(tables[i]);
        done[i] = true;
        progressed = true;
        break;  // restart: keep name order among the tables that are ready
      }
    }
    if (!progressed) {
      // A cycle: take the first remaining table by name (SQLite does not
      // enforce foreign keys while the file is written).
      const auto i =
          static_cast<std::size_t>(std::find(done.begin(), done.end(), false) - done.begin());
      created.insert(tables[i].name);
      out.push_back(tables[i]);
      done[i] = true;
    }
  }
  return out;
}

std::vector<std::string> select_tables(const std::vector<std::string>& available,
                                       const config::Export& settings) {
  std::set<std::string> chosen;
  const std::string where = "schema " + settings.schema;
  for (const auto& name : settings.tables) {
    if (name == "*") {
      chosen.insert(available.begin(), available.end());
    } else if (std::find(available.begin(), available.end(), name) != available.end()) {
      chosen.insert(name);
    } else {
      throw GateError(
          "table " + settings.schema + "." + name + " does not exist",
          "fix data_release.export.tables (the " + where + " has " +
              std::to_string(available.size()) +
              (available.size() == 1 ? " table), or create it" : " tables), or create it"));
    }
  }
  for (const auto& name : settings.exclude) chosen.erase(name);
  if (chosen.empty()) {
    throw GateError("no tables to export from " + where +
                        " (tables = " + std::to_string(settings.tables.size()) + " entries, " +
                        std::to_string(settings.exclude.size()) + " excluded, " +
                        std::to_string(available.size()) + " in the schema)",
                    "check data_release.export.schema, tables and exclude");
  }
  return {chosen.begin(), chosen.end()};
}

}  // namespace relctl::gates::data
