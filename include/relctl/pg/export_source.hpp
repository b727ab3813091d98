#pragma once
// Reading tables out of Postgres for data.export: the catalogue (columns,
// keys, constraints) and the rows, streamed with COPY ... TO STDOUT, all in
// one REPEATABLE READ read-only transaction so that every table comes from
// the same instant. Speaks libpq directly (COPY needs the raw protocol that
// libpqxx 6 only offers for whole tables); errors become relctl errors here,
// every password masked.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "relctl/pg/connection.hpp"

namespace relctl::pg {

/// One column as the catalogue describes it.
struct SourceColumn {
  std::string name;
  std::string type;       // format_type(): "timestamp with time zone", "mood", "text[]"
  std::string base_type;  // typname after domains are unwrapped: "timestamptz", "mood", "_text"
  char type_kind = 'b';   // typtype of the base type: b base, e enum, c composite, r range, ...
  char category = 'U';    // typcategory of the base type: N numeric, S string, A array, ...
  bool not_null = false;
};

struct SourceForeignKey {
  std::vector<std::string> columns;
  std::string table;  // in the same schema
  std::vector<std::string> ref_columns;
};

/// One table: columns in their Postgres order, keys and constraints.
struct SourceTable {
  std::string name;
  std::vector<SourceColumn> columns;
  std::vector<std::string> primary_key;           // empty when there is none
  std::vector<std::vector<std::string>> uniques;  // UNIQUE constraints and unique indexes
  std::vector<SourceForeignKey> foreign_keys;     // to tables of the same schema
};

/// Where an export read from.
struct SourceFacts {
  std::string server_version;
  std::string database;
  std::string user;
};

/// One row of COPY text output: each field unescaped, nullopt for NULL.
/// The views are valid only during the callback.
using CopyRow = std::vector<std::optional<std::string_view>>;

class ExportSource {
 public:
  /// Connects (masking the password everywhere) and opens the read-only
  /// REPEATABLE READ transaction with UTC, ISO dates and ISO-8601 intervals.
  static std::unique_ptr<ExportSource> open(const ConnectOptions& options,
                                            core::Redactor& redactor);
  ~ExportSource();
  ExportSource(const ExportSource&) = delete;
  ExportSource& operator=(const ExportSource&) = delete;

  SourceFacts facts();
  bool schema_exists(const std::string& schema);
  /// Ordinary and partitioned tables of `schema` (not partitions), sorted.
  std::vector<std::string> tables(const std::string& schema);
  /// The table's description; throws GateError when it does not exist.
  SourceTable describe(const std::string& schema, const std::string& table);
  /// The table's exact row count (in the export's transaction).
  std::int64_t count_rows(const std::string& schema, const std::string& table);
  /// Whether the current user may SELECT every column of the table.
  bool can_select(const std::string& schema, const std::string& table);

  /// Runs `COPY (select_sql) TO STDOUT` and calls `on_row` per row. Ctrl-C
  /// cancels the COPY and throws Interrupted; a lost connection throws
  /// DependencyError naming `what`.
  void copy(const std::string& select_sql, const std::string& what,
            const std::function<void(const CopyRow&)>& on_row);

  /// Ends the transaction (read-only: nothing to keep).
  void close() noexcept;

 private:
  struct Impl;
  explicit ExportSource(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// Splits one line of COPY text format (without its newline) into fields,
/// undoing COPY's backslash escapes into `scratch` (reused between rows).
/// Exposed for unit tests.
void parse_copy_line(std::string_view line, std::string& scratch, CopyRow& fields);

}  // namespace relctl::pg
