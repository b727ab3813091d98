#pragma once
// The SQL behind the data-check grammar ([[data_release.checks]] on the
// SQLite snapshot, [[db_checks]] on live Postgres tables), for either
// dialect. Every table and column name from the config is quoted as an
// identifier, so a name is only ever a name; values travel as parameters.
// Shared by pg.checks and data.checks: the runner of each dialect executes
// the queries and hands the measured value to judge().

#include <cstdint>
#include <string>
#include <vector>

#include "relctl/config/config.hpp"
#include "relctl/core/text.hpp"

namespace relctl::gates::checks {

enum class Dialect { postgres, sqlite };

/// One rule of a check, as a query returning one row with one integer.
struct RuleQuery {
  enum class Rule { row_count, unique, not_null, accepted_values, relationship, custom };
  Rule rule = Rule::custom;
  std::string sql;                  // SELECT count(*) ...: offending rows (row_count: all rows)
  std::vector<std::string> params;  // bound as text: $1.. (postgres) or ?1.. (sqlite)
  std::string sample_sql;           // up to 5 offending values as text; empty when none apply
};

using core::quote_identifier;  // relctl/core/text.hpp: the same in both dialects
/// "schema.table" -> `"schema"."table"`; "table" -> `"table"`.
std::string quote_table(std::string_view name);

/// The check's name: the configured `name`, or "table.column rule, ..." derived from it.
std::string check_name(const config::DataCheck& check);

/// One query per rule the check sets (a check may set unique and not_null).
/// Throws ConfigError when the check sets no rule or a column rule lacks `column`.
std::vector<RuleQuery> build_rule_queries(const config::DataCheck& check, Dialect dialect);

struct RuleVerdict {
  bool ok = true;
  std::string message;  // "unique: 3 duplicated values in castaways.castaway_id"
};

/// Whether the measured `value` of `rule` passes, with a one-line message;
/// `samples` (may be empty) are shown on failure.
RuleVerdict judge(const config::DataCheck& check, const RuleQuery& rule, std::int64_t value,
                  const std::vector<std::string>& samples = {});

}  // namespace relctl::gates::checks
