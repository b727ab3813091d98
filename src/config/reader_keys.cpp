// The parts of reading a table that do not depend on one key's type: error
// locations, how values are named and quoted in messages, and refusing
// unknown keys with a "did you mean".

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "reader.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/redactor.hpp"
#include "suggest.hpp"
#include "template.hpp"

namespace relctl::config::detail {

namespace {

// Keys that hold a connection string (or part of one) where relctl wants
// the name of the variable holding it.
bool is_connection_key(std::string_view key) {
  static const std::vector<std::string_view> names = {
      "url",  "uri",      "dsn",          "conninfo", "connection", "connection_string",
      "conn", "db_url",   "database_url", "password", "host",       "port",
      "user", "username", "dbname"};
  return std::find(names.begin(), names.end(), key) != names.end();
}

const char* secrets_hint =
    "connection strings and passwords never go in relctl.toml: put the URL in an environment "
    "variable (or .env, not committed) and name that variable with url_env";

bool before(const toml::source_region& a, const toml::source_region& b) {
  return a.begin.line != b.begin.line ? a.begin.line < b.begin.line
                                      : a.begin.column < b.begin.column;
}

}  // namespace

void Source::fail(const toml::source_region& at, const std::string& what, std::string hint) const {
  throw ConfigError(fmt::format("{}:{}:{}: {}", name_, at.begin.line, at.begin.column, what),
                    std::move(hint));
}

std::string_view type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table:
      return "table";
    case toml::node_type::array:
      return "array";
    case toml::node_type::string:
      return "string";
    case toml::node_type::integer:
      return "integer";
    case toml::node_type::floating_point:
      return "float";
    case toml::node_type::boolean:
      return "boolean";
    case toml::node_type::date:
      return "date";
    case toml::node_type::time:
      return "time";
    case toml::node_type::date_time:
      return "date-time";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

bool has_url_password(std::string_view value) {
  return core::mask_url_passwords(value) != value;
}

std::string quote(std::string_view value) {
  return "\"" + excerpt(core::mask_url_passwords(value)) + "\"";
}

bool is_variable_name(std::string_view name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name.front()))) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

TableReader::TableReader(const Source& source, const toml::table& table, std::string where,
                         std::initializer_list<std::string_view> known)
    : source_(source), table_(table), where_(std::move(where)) {
  const std::vector<std::string> candidates(known.begin(), known.end());
  const toml::key* first = nullptr;
  for (const auto& [key, value] : table_) {
    if (std::find(known.begin(), known.end(), key.str()) != known.end()) continue;
    if (!first || before(key.source(), first->source())) first = &key;
  }
  if (!first) return;

  const std::string_view key = first->str();
  const toml::node& value = *table_.get(key);
  const bool wants_variable =
      std::find(known.begin(), known.end(), "url_env") != known.end() &&
      (is_connection_key(key) ||
       (value.is_string() &&
        value.value_or(std::string_view{}).find("://") != std::string_view::npos));
  std::string suggestion = wants_variable ? "url_env" : closest(key, candidates);
  std::string what;
  if (where_.empty() && (value.is_table() || value.is_array_of_tables())) {
    what = fmt::format("unknown section [{}]", key);
    if (!suggestion.empty()) what += fmt::format("; did you mean [{}]?", suggestion);
  } else {
    what = fmt::format("unknown key '{}' {}", key,
                       where_.empty() ? "at the top level" : "in " + where_);
    if (!suggestion.empty()) what += fmt::format("; did you mean '{}'?", suggestion);
  }

  std::string hint;
  if (wants_variable || (value.is_string() && has_url_password(*value.value<std::string>()))) {
    hint = secrets_hint;
  } else if (!suggestion.empty()) {
    hint = where_.empty() && (value.is_table() || value.is_array_of_tables())
               ? fmt::format("rename it to [{}]", suggestion)
               : fmt::format("rename it to '{}'", suggestion);
  } else if (where_.empty()) {
    std::string list;
    for (const auto& k : known) list += (list.empty() ? "[" : ", [") + std::string(k) + "]";
    hint = fmt::format("remove it, or move it into its section; the sections are {}", list);
  } else {
    std::string list;
    for (const auto& k : known) list += (list.empty() ? "" : ", ") + std::string(k);
    hint = fmt::format("remove it; {} knows: {}", where_, list);
  }
  source_.fail(first->source(), what, hint);
}

}  // namespace relctl::config::detail
