#include "gates/checks/check_sql.hpp"

#include <fmt/format.h>

#include <cctype>

#include "relctl/core/error.hpp"
#include "relctl/core/text.hpp"

namespace relctl::gates::checks {

namespace {

using Rule = RuleQuery::Rule;

std::string placeholder(Dialect d, std::size_t n) {
  return (d == Dialect::postgres ? "$" : "?") + std::to_string(n);
}

// Custom SQL may end with ';' and blanks; as a subquery it must not.
std::string strip_terminator(std::string sql) {
  while (!sql.empty() &&
         (sql.back() == ';' || std::isspace(static_cast<unsigned char>(sql.back())))) {
    sql.pop_back();
  }
  return sql;
}

std::string where(const config::DataCheck& c) {
  return c.column.empty() ? c.table : c.table + "." + c.column;
}

std::string describe_samples(const std::vector<std::string>& samples) {
  if (samples.empty()) return "";
  std::string out;
  for (const auto& s : samples) out += (out.empty() ? "" : ", ") + fmt::format("'{}'", s);
  return " (e.g. " + out + ")";
}

}  // namespace

std::string quote_table(std::string_view name) {
  const auto dot = name.find('.');
  if (dot == std::string_view::npos) return quote_identifier(name);
  return quote_identifier(name.substr(0, dot)) + "." + quote_identifier(name.substr(dot + 1));
}

std::string check_name(const config::DataCheck& c) {
  if (!c.name.empty()) return c.name;
  std::vector<std::string> rules;
  if (c.row_count) rules.emplace_back("row_count");
  if (c.unique) rules.emplace_back("unique");
  if (c.not_null) rules.emplace_back("not_null");
  if (!c.accepted_values.empty()) rules.emplace_back("accepted_values");
  if (c.relationship) rules.emplace_back("relationship");
  if (!c.sql.empty()) rules.emplace_back("sql");
  return fmt::format("{} {}", where(c), fmt::join(rules, "+"));
}

std::vector<RuleQuery> build_rule_queries(const config::DataCheck& c, Dialect d) {
  std::vector<RuleQuery> out;
  const std::string table = quote_table(c.table);
  const std::string col = quote_identifier(c.column);
  auto need_column = [&](const char* rule) {
    if (c.column.empty()) {
      throw ConfigError(fmt::format("check {}: {} needs a column", check_name(c), rule),
                        "add column = \"...\" to the check");
    }
  };
  if (c.row_count) {
    out.push_back({Rule::row_count, "SELECT count(*) FROM " + table, {}, ""});
  }
  if (c.unique) {
    need_column("unique");
    const std::string dup = fmt::format(
        "SELECT {0} AS v FROM {1} WHERE {0} IS NOT NULL GROUP BY {0} HAVING count(*) > 1", col,
        table);
    out.push_back({Rule::unique,
                   "SELECT count(*) FROM (" + dup + ") AS relctl_dup",
                   {},
                   "SELECT CAST(v AS TEXT) FROM (" + dup + ") AS relctl_dup LIMIT 5"});
  }
  if (c.not_null) {
    need_column("not_null");
    out.push_back({Rule::not_null,
                   fmt::format("SELECT count(*) FROM {} WHERE {} IS NULL", table, col),
                   {},
                   ""});
  }
  if (!c.accepted_values.empty()) {
    need_column("accepted_values");
    std::string list;
    for (std::size_t i = 0; i < c.accepted_values.size(); ++i) {
      list += (i ? ", " : "") + placeholder(d, i + 1);
    }
    const std::string cond =
        fmt::format("{0} IS NOT NULL AND CAST({0} AS TEXT) NOT IN ({1})", col, list);
    out.push_back({Rule::accepted_values,
                   fmt::format("SELECT count(*) FROM {} WHERE {}", table, cond), c.accepted_values,
                   fmt::format("SELECT DISTINCT CAST({} AS TEXT) FROM {} WHERE {} LIMIT 5", col,
                               table, cond)});
  }
  if (c.relationship) {
    need_column("relationship");
    const std::string orphan = fmt::format(
        "FROM {0} AS relctl_child WHERE relctl_child.{1} IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM {2} AS relctl_parent WHERE relctl_parent.{3} = relctl_child.{1})",
        table, col, quote_table(c.relationship->table), quote_identifier(c.relationship->column));
    out.push_back(
        {Rule::relationship,
         "SELECT count(*) " + orphan,
         {},
         fmt::format("SELECT DISTINCT CAST(relctl_child.{} AS TEXT) {} LIMIT 5", col, orphan)});
  }
  if (!c.sql.empty()) {
    // The user's own query, by design: rows returned are failures.
    out.push_back({Rule::custom,
                   "SELECT count(*) FROM (" + strip_terminator(c.sql) + ") AS relctl_custom",
                   {},
                   ""});
  }
  if (out.empty()) {
    throw ConfigError("check " + check_name(c) + " sets no rule",
                      "give it row_count, unique, not_null, accepted_values, relationship or sql");
  }
  return out;
}

RuleVerdict judge(const config::DataCheck& c, const RuleQuery& rule, std::int64_t value,
                  const std::vector<std::string>& samples) {
  const std::string at = where(c);
  const std::string eg = describe_samples(samples);
  switch (rule.rule) {
    case Rule::row_count: {
      const auto& rc = *c.row_count;
      if (rc.min && value < *rc.min) {
        return {false, fmt::format("row_count: {} has {} {}, fewer than the minimum {}", at, value,
                                   core::plural(value, "row"), *rc.min)};
      }
      if (rc.max && value > *rc.max) {
        return {false, fmt::format("row_count: {} has {} {}, more than the maximum {}", at, value,
                                   core::plural(value, "row"), *rc.max)};
      }
      return {true, fmt::format("row_count: {} has {} {}", at, value, core::plural(value, "row"))};
    }
    case Rule::unique:
      if (value == 0) return {true, "unique: " + at + " has no duplicates"};
      return {false, fmt::format("unique: {} has {} duplicated {}{}", at, value,
                                 core::plural(value, "value"), eg)};
    case Rule::not_null:
      if (value == 0) return {true, "not_null: " + at + " has no NULLs"};
      return {false, fmt::format("not_null: {} has {} {}", at, value, core::plural(value, "NULL"))};
    case Rule::accepted_values:
      if (value == 0) return {true, "accepted_values: every " + at + " is accepted"};
      return {false,
              fmt::format("accepted_values: {} {} of {} {}{}", value, core::plural(value, "row"),
                          at, core::plural(value, "holds another value", "hold other values"), eg)};
    case Rule::relationship:
      if (value == 0) {
        return {true, fmt::format("relationship: every {} exists in {}.{}", at,
                                  c.relationship->table, c.relationship->column)};
      }
      return {false, fmt::format("relationship: {} {} of {} {} no match in {}.{}{}", value,
                                 core::plural(value, "row"), at, core::plural(value, "has", "have"),
                                 c.relationship->table, c.relationship->column, eg)};
    case Rule::custom:
      if (value == 0) return {true, "sql: no rows"};
      return {false, fmt::format("sql: returned {} {} (rows mean failure)", value,
                                 core::plural(value, "row"))};
  }
  return {false, "unknown rule"};
}

}  // namespace relctl::gates::checks
