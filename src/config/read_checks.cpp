// The data check grammar shared by [[data_release.checks]] (on the SQLite
// snapshot) and [[db_checks]] (on live Postgres tables).

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "sections.hpp"

namespace relctl::config::detail {

namespace {

const char* kinds_hint =
    "add one of row_count = { min = 1 }, unique = true, not_null = true, accepted_values = "
    "[...], relationship = { table = \"...\", column = \"...\" } or sql = \"SELECT ...\"";

RowCount read_row_count(const TableReader& r) {
  const toml::table* t = r.subtable("row_count");
  TableReader inner(r.source(), *t, "row_count of " + r.where(), {"min", "max"});
  RowCount rc;
  rc.min = inner.integer("min");
  rc.max = inner.integer("max");
  if (!rc.min && !rc.max) {
    r.fail("row_count", "needs min, max or both", "write row_count = { min = 1 }");
  }
  for (const auto& [bound, value] : {std::pair{"min", rc.min}, std::pair{"max", rc.max}}) {
    if (value && *value < 0) {
      inner.fail(bound, "must not be negative", "a table has zero rows or more");
    }
  }
  if (rc.min && rc.max && *rc.min > *rc.max) {
    inner.fail("max", fmt::format("is {}, less than min ({})", *rc.max, *rc.min),
               "swap them, or widen the range");
  }
  return rc;
}

Relationship read_relationship(const TableReader& r) {
  const toml::table* t = r.subtable("relationship");
  TableReader inner(r.source(), *t, "relationship of " + r.where(), {"table", "column"});
  const char* hint =
      "write relationship = { table = \"parent_table\", column = \"parent_column\" }";
  return {inner.required_string("table", hint), inner.required_string("column", hint)};
}

std::string derived_name(const DataCheck& c, std::size_t ordinal) {
  if (!c.sql.empty()) {
    return c.table.empty() ? fmt::format("custom sql #{}", ordinal)
                           : fmt::format("{} custom sql #{}", c.table, ordinal);
  }
  std::vector<std::string> parts;
  if (c.row_count) {
    const auto& rc = *c.row_count;
    if (rc.min && rc.max) {
      parts.push_back(fmt::format("row_count {}..{}", *rc.min, *rc.max));
    } else if (rc.min) {
      parts.push_back(fmt::format("row_count >= {}", *rc.min));
    } else {
      parts.push_back(fmt::format("row_count <= {}", *rc.max));
    }
  }
  if (c.unique) parts.emplace_back("unique");
  if (c.not_null) parts.emplace_back("not_null");
  if (!c.accepted_values.empty()) parts.emplace_back("accepted_values");
  if (c.relationship) {
    parts.push_back(fmt::format("-> {}.{}", c.relationship->table, c.relationship->column));
  }
  std::string name = c.column.empty() ? c.table : c.table + "." + c.column;
  for (std::size_t i = 0; i < parts.size(); ++i) name += (i == 0 ? " " : ", ") + parts[i];
  return name;
}

}  // namespace

DataCheck read_check(const TableReader& r, std::size_t ordinal, bool db_check) {
  DataCheck c;
  c.sql = r.string("sql", "");
  if (r.has("sql") && c.sql.empty()) {
    r.fail("sql", "must not be empty",
           "write the query that returns the offending rows: any row fails the check");
  }
  c.table = r.string("table", "");
  c.column = r.string("column", "");
  if (r.has("row_count")) c.row_count = read_row_count(r);
  c.unique = r.boolean("unique", false);
  c.not_null = r.boolean("not_null", false);
  c.accepted_values = r.strings("accepted_values").value_or(std::vector<std::string>{});
  if (r.has("accepted_values") && c.accepted_values.empty()) {
    r.fail("accepted_values", "must list at least one value",
           "write accepted_values = [\"a\", \"b\"]");
  }
  if (r.has("relationship")) c.relationship = read_relationship(r);
  c.severity = r.choice("severity", {"error", "warn"}, "error") == "warn" ? CheckSeverity::warn
                                                                          : CheckSeverity::error;
  if (db_check) c.environments = r.strings("environments").value_or(c.environments);

  const bool column_check = c.unique || c.not_null || !c.accepted_values.empty() || c.relationship;
  if (!c.sql.empty()) {
    // A custom query stands alone: it says everything about what it checks.
    for (const auto* other :
         {"column", "row_count", "unique", "not_null", "accepted_values", "relationship"}) {
      if (r.has(other)) {
        r.fail(other, "cannot be combined with 'sql' in one check",
               "put the sql check and this one in separate entries");
      }
    }
  } else {
    if (!column_check && !c.row_count) r.fail_here("checks nothing", kinds_hint);
    if (!r.has("table")) {
      r.missing("table",
                "add table = \"...\" naming the table to check (or use sql = \"SELECT "
                "...\" for a custom query)");
    }
    if (c.table.empty()) r.fail("table", "must not be empty", "name the table to check");
    if (c.column.empty() && column_check) {
      const char* kind = c.unique         ? "unique"
                         : c.not_null     ? "not_null"
                         : c.relationship ? "relationship"
                                          : "accepted_values";
      r.fail(kind, "needs 'column'", "add column = \"...\" naming the column to check");
    }
    if (r.has("column") && !column_check) {
      r.fail("column", "is set, but no column check uses it",
             "add unique, not_null, accepted_values or relationship, or remove column "
             "(row_count counts the whole table)");
    }
  }
  c.name = r.string("name", "");
  if (r.has("name") && c.name.empty()) {
    r.fail("name", "must not be empty", "name the check, or remove name to get a derived one");
  }
  if (c.name.empty()) c.name = derived_name(c, ordinal);
  return c;
}

void read_db_checks(const TableReader& root, Config& cfg) {
  const toml::array* arr = root.table_array("db_checks");
  if (!arr) return;
  std::vector<std::string> environments;
  for (const auto& e : cfg.environments) environments.push_back(e.name);
  for (std::size_t i = 0; i < arr->size(); ++i) {
    TableReader r(root.source(), *(*arr)[i].as_table(), fmt::format("[[db_checks]] #{}", i + 1),
                  {"name", "table", "column", "row_count", "unique", "not_null", "accepted_values",
                   "relationship", "sql", "severity", "environments"});
    DataCheck c = read_check(r, i + 1, /*db_check=*/true);
    for (const auto& env : c.environments) {
      if (std::find(environments.begin(), environments.end(), env) == environments.end()) {
        r.fail("environments",
               fmt::format("names \"{}\", but there is no [environments.{}]", env, env),
               "list environments defined in relctl.toml, or remove environments to run the "
               "check in every environment");
      }
    }
    cfg.db_checks.push_back(std::move(c));
  }
}

}  // namespace relctl::config::detail
