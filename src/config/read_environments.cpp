// [databases.NAME] and [environments.NAME], and the references between them.

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <iterator>
#include <set>

#include "sections.hpp"
#include "suggest.hpp"

namespace relctl::config::detail {

namespace {

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

// The table of entry `key` in a section of named tables such as [databases].
const toml::table& named_table(const Source& source, std::string_view section,
                               const std::string& key, const toml::node& node) {
  if (!is_simple_name(key)) {
    source.fail(node.source(), fmt::format("'{}' in [{}] is not a usable name", key, section),
                "use letters, digits, '_' and '-' only");
  }
  if (!node.is_table()) {
    const bool secret =
        node.is_string() && node.value_or(std::string_view{}).find("://") != std::string_view::npos;
    source.fail(node.source(),
                fmt::format("'{}' in [{}] must be a table, got {}{}", key, section, type_name(node),
                            secret ? "; did you mean url_env in a [databases.NAME] table?" : ""),
                secret ? "connection strings never go in relctl.toml: write [databases.NAME] with "
                         "url_env = \"VARIABLE\" and put the URL in that variable (or .env)"
                       : fmt::format("write a [{}.{}] table", section, key));
  }
  return *node.as_table();
}

// Fails unless `name` (the value of `key`) is one of `known`, which `what` names.
void must_name(const TableReader& r, std::string_view key, const std::string& name,
               const std::vector<std::string>& known, std::string_view section) {
  if (std::find(known.begin(), known.end(), name) != known.end()) return;
  std::string what = fmt::format("names \"{}\", but there is no [{}.{}]", name, section, name);
  const std::string near = closest(name, known);
  if (!near.empty()) what += fmt::format("; did you mean \"{}\"?", near);
  r.fail(key, what,
         known.empty()
             ? fmt::format("add a [{}.{}] table", section, name)
             : fmt::format("add a [{}.{}] table, or use one of: {}", section, name, joined(known)));
}

}  // namespace

bool is_simple_name(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  });
}

std::vector<std::pair<std::string, const toml::node*>> in_file_order(const toml::table& t) {
  std::vector<std::pair<std::string, const toml::node*>> out;
  for (const auto& [key, node] : t) out.emplace_back(std::string(key.str()), &node);
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    const auto& x = a.second->source().begin;
    const auto& y = b.second->source().begin;
    return x.line != y.line ? x.line < y.line : x.column < y.column;
  });
  return out;
}

void read_databases(const TableReader& root, Config& cfg) {
  const toml::table* t = root.subtable("databases");
  if (!t) return;
  for (const auto& [name, node] : in_file_order(*t)) {
    const toml::table& table = named_table(root.source(), "databases", name, *node);
    TableReader r(root.source(), table, fmt::format("[databases.{}]", name),
                  {"url_env", "expect_database", "expect_vars", "connect_timeout"});
    Database db;
    db.name = name;
    if (!r.has("url_env")) {
      r.missing("url_env",
                fmt::format("add url_env = \"{}_URL\": the variable holding the connection "
                            "string (set it in the environment or .env, never in relctl.toml)",
                            upper(name)));
    }
    db.url_env = *r.variable_name("url_env");
    db.expect_database = r.string("expect_database", "");
    db.expect_vars = r.string_map("expect_vars").value_or(db.expect_vars);
    db.connect_timeout = r.duration("connect_timeout").value_or(db.connect_timeout);
    if (db.connect_timeout.count() <= 0) {
      r.fail("connect_timeout", "must be longer than zero", "write connect_timeout = \"10s\"");
    }
    cfg.databases.push_back(std::move(db));
  }
}

void read_environments(const TableReader& root, Config& cfg) {
  const toml::table* t = root.subtable("environments");
  if (!t) return;
  std::vector<std::string> databases, environments;
  for (const auto& db : cfg.databases) databases.push_back(db.name);
  const auto entries = in_file_order(*t);
  for (const auto& [name, node] : entries) environments.push_back(name);

  std::vector<TableReader> readers;
  readers.reserve(entries.size());
  for (const auto& [name, node] : entries) {
    const toml::table& table = named_table(root.source(), "environments", name, *node);
    const TableReader& r = readers.emplace_back(
        root.source(), table, fmt::format("[environments.{}]", name),
        std::initializer_list<std::string_view>{"database", "smoke", "after", "soak", "protected",
                                                "confirm_phrase"});
    Environment env;
    env.name = name;
    env.database = r.required_string(
        "database",
        fmt::format("add database = \"{}\", naming a [databases.{}] table", name, name));
    must_name(r, "database", env.database, databases, "databases");
    env.smoke = r.string("smoke", "");
    env.after = r.string("after", "");
    if (r.has("after")) {
      if (env.after == name) {
        r.fail("after", "names the environment itself",
               "name the environment a release must pass first, e.g. after = \"staging\"");
      }
      std::vector<std::string> others;
      std::copy_if(environments.begin(), environments.end(), std::back_inserter(others),
                   [&self = name](const std::string& e) { return e != self; });
      must_name(r, "after", env.after, others, "environments");
    }
    env.soak = r.duration("soak").value_or(env.soak);
    if (r.has("soak") && env.after.empty()) {
      r.fail("soak", "needs 'after': the soak is the time spent in the environment before this one",
             "add after = \"staging\" (the environment the release must soak in), or remove soak");
    }
    env.is_protected = r.boolean("protected", false);
    if (auto phrase = r.string("confirm_phrase")) {
      if (!env.is_protected) {
        r.fail("confirm_phrase", "is set but the environment is not protected",
               "add protected = true (or remove confirm_phrase)");
      }
      if (phrase->empty()) {
        r.fail("confirm_phrase", "must not be empty",
               fmt::format("remove it to use the default \"CONFIRM {} DEPLOYMENT\"", upper(name)));
      }
      env.confirm_phrase = *phrase;
    } else if (env.is_protected) {
      env.confirm_phrase = "CONFIRM " + upper(name) + " DEPLOYMENT";
    }
    cfg.environments.push_back(std::move(env));
  }

  // `after` must lead back to an environment without one, never round in a loop.
  for (std::size_t i = 0; i < cfg.environments.size(); ++i) {
    std::vector<std::string> chain{cfg.environments[i].name};
    std::set<std::string> seen{chain.front()};
    const Environment* e = &cfg.environments[i];
    while (!e->after.empty()) {
      chain.push_back(e->after);
      if (!seen.insert(e->after).second) {
        std::string path;
        for (const auto& c : chain) path += (path.empty() ? "" : " -> ") + c;
        readers[i].fail("after", fmt::format("makes a loop: {}", path),
                        "'after' must point to an environment that comes earlier in the "
                        "release path (dev -> staging -> prod)");
      }
      e = cfg.find_environment(e->after);
    }
  }
}

}  // namespace relctl::config::detail
