#pragma once
// What data.export writes, worked out before a byte is written (pure logic):
// each Postgres column's SQLite type and the SQL expression that reads it as
// the text relctl stores (SPEC §6's type mapping), each table's CREATE
// TABLE, SELECT (ordered by primary key) and INSERT, and the order tables
// are created in (foreign keys first).

#include <set>
#include <string>
#include <vector>

#include "relctl/config/config.hpp"
#include "relctl/pg/export_source.hpp"

namespace relctl::gates::data {

/// How a column's COPY text becomes an SQLite value.
enum class Bind { integer, real, text, blob_hex, blob_raw };

struct ColumnPlan {
  std::string name;
  std::string sqlite_type;  // INTEGER | REAL | TEXT | BLOB
  std::string select_expr;  // over table alias t
  Bind bind = Bind::text;
};

struct TablePlan {
  std::string name;
  std::vector<ColumnPlan> columns;
  std::string create_sql;  // SQLite
  std::string select_sql;  // Postgres, for COPY (...) TO STDOUT
  std::string insert_sql;  // SQLite
};

/// The column's mapping; throws GateError naming table, column and type for
/// a type without one (and ConfigError for a type_map value that is not an
/// SQLite type).
ColumnPlan plan_column(const pg::SourceColumn& column, const std::string& table,
                       const config::Export& settings);

/// The table's statements. Primary key, NOT NULL, UNIQUE and the foreign
/// keys to tables in `exported` carry over.
TablePlan plan_table(const pg::SourceTable& table, const std::string& schema,
                     const std::set<std::string>& exported, const config::Export& settings);

/// `tables` in creation order: a table after the tables its foreign keys
/// point to; otherwise (and within a cycle) by name.
std::vector<pg::SourceTable> foreign_key_order(std::vector<pg::SourceTable> tables);

/// Which of `available` (a schema's tables) `settings` selects, sorted;
/// throws GateError for a listed table that does not exist and when nothing
/// is left.
std::vector<std::string> select_tables(const std::vector<std::string>& available,
                                       const config::Export& settings);

}  // namespace relctl::gates::data
