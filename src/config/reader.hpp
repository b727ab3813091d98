#pragma once
// Reading one TOML table of relctl.toml into typed values. Every getter
// checks the type and fails with "<file>:<line>:<col>: <what>" plus a hint;
// a TableReader refuses keys its table does not know, suggesting the
// closest known one. toml++ stays inside src/config.

#include <toml++/toml.h>

#include <filesystem>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "relctl/config/config.hpp"

namespace relctl::config::detail {

/// The file being read, for error messages.
class Source {
 public:
  explicit Source(std::string display_name) : name_(std::move(display_name)) {}

  /// Throws ConfigError "<file>:<line>:<col>: <what>" with `hint`.
  [[noreturn]] void fail(const toml::source_region& at, const std::string& what,
                         std::string hint) const;
  const std::string& name() const { return name_; }

 private:
  std::string name_;
};

/// How error messages name `file`: relative to the working directory when
/// it is below it, else absolute.
std::string display_name(const std::filesystem::path& file);

/// "string", "integer", "float", "boolean", "array", "table", "date", ...
std::string_view type_name(const toml::node& node);

/// `value` quoted for a message, shortened, with any URL password masked.
std::string quote(std::string_view value);

/// True for "scheme://user:password@..." (a connection string with a secret).
bool has_url_password(std::string_view value);

/// True for a usable environment variable name: [A-Za-z_][A-Za-z0-9_]*.
bool is_variable_name(std::string_view name);

class TableReader {
 public:
  /// `where` names the table in messages: "[project]", "[[gates.command]] #2",
  /// "row_count of [[data_release.checks]] #1". Fails on any key not in `known`.
  TableReader(const Source& source, const toml::table& table, std::string where,
              std::initializer_list<std::string_view> known);

  const toml::table& table() const { return table_; }
  const std::string& where() const { return where_; }
  const Source& source() const { return source_; }
  bool has(std::string_view key) const { return table_.contains(key); }

  /// Where `key`'s value is, or the table itself when the key is absent.
  const toml::source_region& at(std::string_view key) const;
  [[noreturn]] void fail(std::string_view key, const std::string& what, std::string hint) const;
  /// Fails about the table as a whole: "<where> <what>".
  [[noreturn]] void fail_here(const std::string& what, std::string hint) const;
  /// Fails because `key` is absent.
  [[noreturn]] void missing(std::string_view key, std::string hint) const;

  std::optional<std::string> string(std::string_view key) const;
  std::string string(std::string_view key, std::string fallback) const;
  /// A present, non-empty string.
  std::string required_string(std::string_view key, std::string hint) const;
  /// A string naming an environment variable (not its value).
  std::optional<std::string> variable_name(std::string_view key) const;
  bool boolean(std::string_view key, bool fallback) const;
  std::optional<std::int64_t> integer(std::string_view key) const;
  /// An integer or a float.
  std::optional<double> number(std::string_view key) const;
  std::optional<std::vector<std::string>> strings(std::string_view key) const;
  std::optional<Duration> duration(std::string_view key) const;
  /// An inline table of string values: `{ KEY = "value" }`.
  std::optional<std::map<std::string, std::string>> string_map(std::string_view key) const;
  /// One of `allowed`, or `fallback` when absent.
  std::string choice(std::string_view key, std::initializer_list<std::string_view> allowed,
                     std::string fallback) const;
  /// A sub-table (inline or not), or nullptr when absent.
  const toml::table* subtable(std::string_view key) const;
  /// An array whose every element is a table ([[x]] or [{...}]), or nullptr.
  const toml::array* table_array(std::string_view key) const;
  /// `{ env = "X" }`, `{ sql = "..." }` or `{ file = "..." }` restricted to `allowed`.
  ValueSource value_source(std::string_view key,
                           std::initializer_list<std::string_view> allowed) const;
  /// Fails unless template `value` (read from `key`) only uses `known` placeholders.
  void check_template(std::string_view key, const std::string& value,
                      const std::vector<std::string>& known) const;

 private:
  [[noreturn]] void wrong_type(std::string_view key, const toml::node& node,
                               std::string_view expected, std::string hint) const;
  std::string name(std::string_view key) const;

  const Source& source_;
  const toml::table& table_;
  std::string where_;
};

}  // namespace relctl::config::detail
