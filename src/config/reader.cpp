// Typed getters of TableReader: each checks the type and the value, and
// fails with the key's location and a hint showing the right spelling.

#include <fmt/format.h>

#include <algorithm>

#include "duration.hpp"
#include "reader.hpp"
#include "relctl/core/error.hpp"
#include "suggest.hpp"
#include "template.hpp"

namespace relctl::config::detail {

std::string TableReader::name(std::string_view key) const {
  return where_.empty() ? fmt::format("'{}'", key) : fmt::format("'{}' in {}", key, where_);
}

const toml::source_region& TableReader::at(std::string_view key) const {
  if (const toml::node* n = table_.get(key)) return n->source();
  return table_.source();
}

void TableReader::fail(std::string_view key, const std::string& what, std::string hint) const {
  source_.fail(at(key), fmt::format("{} {}", name(key), what), std::move(hint));
}

void TableReader::fail_here(const std::string& what, std::string hint) const {
  source_.fail(table_.source(), fmt::format("{} {}", where_, what), std::move(hint));
}

void TableReader::missing(std::string_view key, std::string hint) const {
  source_.fail(table_.source(), fmt::format("{} is missing '{}'", where_, key), std::move(hint));
}

void TableReader::wrong_type(std::string_view key, const toml::node& node,
                             std::string_view expected, std::string hint) const {
  source_.fail(node.source(),
               fmt::format("{} must be {}, got {}", name(key), expected, type_name(node)),
               std::move(hint));
}

std::optional<std::string> TableReader::string(std::string_view key) const {
  const toml::node* n = table_.get(key);
  if (!n) return std::nullopt;
  if (!n->is_string()) {
    wrong_type(key, *n, "a string", fmt::format("put the value in quotes: {} = \"...\"", key));
  }
  return *n->value<std::string>();
}

std::string TableReader::string(std::string_view key, std::string fallback) const {
  auto v = string(key);
  return v ? *v : std::move(fallback);
}

std::string TableReader::required_string(std::string_view key, std::string hint) const {
  auto v = string(key);
  if (!v) missing(key, std::move(hint));
  if (v->empty()) fail(key, "must not be empty", std::move(hint));
  return *v;
}

std::optional<std::string> TableReader::variable_name(std::string_view key) const {
  auto v = string(key);
  if (!v) return v;
  if (v->find("://") != std::string::npos || has_url_password(*v)) {
    fail(key, "must name an environment variable, not hold the connection string",
         fmt::format("put the connection string in a variable (or .env) and write {} = "
                     "\"THAT_VARIABLE\"",
                     key));
  }
  if (!is_variable_name(*v)) {
    fail(key, fmt::format("must be an environment variable name, got {}", quote(*v)),
         "use letters, digits and '_', not starting with a digit, e.g. \"WAREHOUSE_URL\"");
  }
  return v;
}

bool TableReader::boolean(std::string_view key, bool fallback) const {
  const toml::node* n = table_.get(key);
  if (!n) return fallback;
  if (!n->is_boolean()) {
    wrong_type(key, *n, "a boolean",
               fmt::format("write {} = true or {} = false, without quotes", key, key));
  }
  return *n->value<bool>();
}

std::optional<std::int64_t> TableReader::integer(std::string_view key) const {
  const toml::node* n = table_.get(key);
  if (!n) return std::nullopt;
  if (!n->is_integer()) {
    wrong_type(key, *n, "an integer",
               fmt::format("write a whole number without quotes, e.g. "
                           "{} = 100",
                           key));
  }
  return *n->value<std::int64_t>();
}

std::optional<double> TableReader::number(std::string_view key) const {
  const toml::node* n = table_.get(key);
  if (!n) return std::nullopt;
  if (!n->is_number()) {
    wrong_type(key, *n, "a number",
               fmt::format("write a number without quotes, e.g. {} = 0.05", key));
  }
  return *n->value<double>();
}

std::optional<std::vector<std::string>> TableReader::strings(std::string_view key) const {
  const toml::node* n = table_.get(key);
  if (!n) return std::nullopt;
  const std::string hint = fmt::format("write it as a list of strings: {} = [\"a\", \"b\"]", key);
  if (!n->is_array()) wrong_type(key, *n, "an array of strings", hint);
  std::vector<std::string> out;
  const auto& arr = *n->as_array();
  for (std::size_t i = 0; i < arr.size(); ++i) {
    const toml::node& item = arr[i];
    if (!item.is_string()) {
      source_.fail(
          item.source(),
          fmt::format("item {} of {} must be a string, got {}", i + 1, name(key), type_name(item)),
          hint);
    }
    out.push_back(*item.value<std::string>());
  }
  return out;
}

std::optional<Duration> TableReader::duration(std::string_view key) const {
  const toml::node* n = table_.get(key);
  if (!n) return std::nullopt;
  const std::string hint = fmt::format(
      "write a whole number and a unit in quotes, e.g. {} = \"30s\" (units: ms, s, m, h, d; "
      "combine as \"1h30m\")",
      key);
  if (!n->is_string()) wrong_type(key, *n, "a duration string", hint);
  const auto text = *n->value<std::string>();
  Duration d{};
  if (auto problem = duration_problem(text, d); !problem.empty()) {
    fail(key, fmt::format("is not a valid duration ({}): {}", quote(text), problem), hint);
  }
  return d;
}

std::optional<std::map<std::string, std::string>> TableReader::string_map(
    std::string_view key) const {
  const toml::node* n = table_.get(key);
  if (!n) return std::nullopt;
  const std::string hint = fmt::format("write it as {} = {{ NAME = \"value\" }}", key);
  if (!n->is_table()) wrong_type(key, *n, "a table", hint);
  std::map<std::string, std::string> out;
  for (const auto& [k, v] : *n->as_table()) {
    if (!v.is_string()) {
      source_.fail(v.source(),
                   fmt::format("{} must be a string, got {}",
                               name(std::string(key) + "." + std::string(k.str())), type_name(v)),
                   hint);
    }
    out[std::string(k.str())] = *v.value<std::string>();
  }
  return out;
}

std::string TableReader::choice(std::string_view key,
                                std::initializer_list<std::string_view> allowed,
                                std::string fallback) const {
  auto v = string(key);
  if (!v) return fallback;
  if (std::find(allowed.begin(), allowed.end(), *v) != allowed.end()) return *v;
  std::string list;
  std::vector<std::string> candidates;
  for (const auto& a : allowed) {
    list += (list.empty() ? "\"" : ", \"") + std::string(a) + "\"";
    candidates.emplace_back(a);
  }
  std::string what = fmt::format("must be one of {}, got {}", list, quote(*v));
  const std::string near = closest(*v, candidates);
  if (!near.empty()) what += fmt::format("; did you mean \"{}\"?", near);
  fail(key, what, fmt::format("write {} = \"{}\"", key, near.empty() ? fallback : near));
}

const toml::table* TableReader::subtable(std::string_view key) const {
  const toml::node* n = table_.get(key);
  if (!n) return nullptr;
  if (!n->is_table()) {
    wrong_type(key, *n, "a table", fmt::format("write it as a [section] or {} = {{ ... }}", key));
  }
  return n->as_table();
}

const toml::array* TableReader::table_array(std::string_view key) const {
  const toml::node* n = table_.get(key);
  if (!n) return nullptr;
  std::string full(key);
  if (where_.size() > 2 && where_.front() == '[' && where_[1] != '[' && where_.back() == ']') {
    full = where_.substr(1, where_.size() - 2) + "." + full;
  }
  const std::string hint = fmt::format("write one [[{}]] block per entry (double brackets)", full);
  if (!n->is_array()) wrong_type(key, *n, "an array of tables", hint);
  const auto& arr = *n->as_array();
  for (std::size_t i = 0; i < arr.size(); ++i) {
    if (!arr[i].is_table()) {
      source_.fail(
          arr[i].source(),
          fmt::format("item {} of {} must be a table, got {}", i + 1, name(key), type_name(arr[i])),
          hint);
    }
  }
  return &arr;
}

ValueSource TableReader::value_source(std::string_view key,
                                      std::initializer_list<std::string_view> allowed) const {
  const toml::node* n = table_.get(key);
  if (!n) return {};
  std::string forms;
  for (const auto& a : allowed) {
    forms += fmt::format("{}{{ {} = \"...\" }}", forms.empty() ? "" : " or ", a);
  }
  const std::string hint = fmt::format("write {} = {}", key, forms);
  if (!n->is_table()) wrong_type(key, *n, "a table", hint);
  const toml::table& t = *n->as_table();
  for (const auto& [k, v] : t) {
    const auto kind = k.str();
    if ((kind == "env" || kind == "sql" || kind == "file") &&
        std::find(allowed.begin(), allowed.end(), kind) == allowed.end()) {
      source_.fail(k.source(), fmt::format("{} cannot come from {} here", name(key), kind), hint);
    }
  }
  TableReader inner(source_, t, fmt::format("{} of {}", key, where_), allowed);
  if (t.size() != 1) {
    std::vector<std::string> names;
    for (const auto& [k, v] : t) names.emplace_back(k.str());
    std::string choices;
    for (std::size_t i = 0; i < allowed.size(); ++i) {
      choices += (i == 0                    ? ""
                  : i + 1 == allowed.size() ? " or "
                                            : ", ") +
                 std::string(allowed.begin()[i]);
    }
    fail(key,
         names.empty() ? fmt::format("is empty; it needs one of {}", choices)
                       : fmt::format("needs exactly one of {}, not both {} and {}", choices,
                                     names[0], names[1]),
         hint);
  }
  const std::string which(t.cbegin()->first.str());
  ValueSource vs;
  vs.from = which == "env"   ? ValueSource::From::env
            : which == "sql" ? ValueSource::From::sql
                             : ValueSource::From::file;
  vs.value = vs.from == ValueSource::From::env ? *inner.variable_name(which)
                                               : inner.required_string(which, hint);
  return vs;
}

void TableReader::check_template(std::string_view key, const std::string& value,
                                 const std::vector<std::string>& known) const {
  if (auto problem = detail::check_template(value, known); !problem.empty()) {
    fail(key, fmt::format("is not a valid template: {}", problem),
         "placeholders are written {name}; write {{ and }} for literal braces; `man relctl` "
         "(CONFIGURATION) "
         "lists the placeholders of every template");
  }
}

}  // namespace relctl::config::detail
