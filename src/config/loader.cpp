// Finding, reading and validating relctl.toml: the entry points of loader.hpp.

#include "relctl/config/loader.hpp"

#include <fmt/format.h>

#include "relctl/core/bounded_read.hpp"
#include "relctl/core/error.hpp"
#include "sections.hpp"

namespace relctl::config {

namespace fs = std::filesystem;

namespace detail {

namespace {

void scan_for_secrets(const Source& source, const toml::node& node, std::string_view key) {
  if (const auto* t = node.as_table()) {
    for (const auto& [k, v] : *t) scan_for_secrets(source, v, k.str());
  } else if (const auto* a = node.as_array()) {
    for (const auto& item : *a) scan_for_secrets(source, item, key);
  } else if (node.is_string() && has_url_password(*node.value<std::string>())) {
    source.fail(node.source(),
                fmt::format("'{}' holds a connection string with a password; secrets never go "
                            "in relctl.toml",
                            key),
                "put it in an environment variable (or .env, not committed); for a database, "
                "name that variable with url_env in [databases.NAME]");
  }
}

}  // namespace

void refuse_secrets(const Source& source, const toml::table& doc) {
  scan_for_secrets(source, doc, "");
}

std::string display_name(const fs::path& file) {
  std::error_code ec;
  const auto rel = fs::relative(file, fs::current_path(ec), ec);
  if (ec || rel.empty() || *rel.begin() == "..") return file.string();
  return rel.string();
}

}  // namespace detail

namespace {

using detail::display_name;

Config parse_document(std::string_view text, const std::string& shown_name, const fs::path& file) {
  const detail::Source source(shown_name);
  toml::table doc;
  try {
    doc = toml::parse(text, shown_name);
  } catch (const toml::parse_error& e) {
    source.fail(e.source(), fmt::format("invalid TOML: {}", e.description()),
                "fix the syntax at that spot (https://toml.io describes TOML); strings need "
                "quotes, tables are written [name]");
  }

  // `name = ...` above every section is a common slip: point to [project].
  for (const auto& [key, value] : doc) {
    for (const std::string_view k : {"name", "main_branch", "remote", "release_branches"}) {
      if (key.str() == k && !value.is_table()) {
        source.fail(key.source(),
                    fmt::format("unknown key '{}' at the top level; did you mean '{}' in "
                                "[project]?",
                                k, k),
                    "write [project] on a line above it");
      }
    }
  }
  const detail::TableReader root(
      source, doc, "",
      {"project", "ledger", "databases", "data_release", "code_release", "packages", "gates",
       "migrations", "schema_guard", "functions", "db_checks", "environments", "forge"});
  Config cfg;
  cfg.file = file;
  cfg.root = file.parent_path();
  // Order matters: sections that name others come after them.
  detail::read_project(root, cfg.root.filename().string(), cfg);
  detail::read_ledger(root, cfg);
  detail::read_databases(root, cfg);
  detail::read_data_release(root, cfg);
  detail::read_code_release(root, cfg);
  detail::read_packages(root, cfg);
  detail::read_commands(root, cfg);
  detail::read_migrations(root, cfg);
  detail::read_schema_guard(root, cfg);
  detail::read_functions(root, cfg);
  detail::read_environments(root, cfg);
  detail::read_db_checks(root, cfg);
  detail::read_forge(root, cfg);
  detail::refuse_secrets(source, doc);
  return cfg;
}

}  // namespace

std::optional<fs::path> discover(const fs::path& start) {
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec).lexically_normal();
  if (ec) return std::nullopt;
  while (true) {
    const fs::path candidate = dir / "relctl.toml";
    if (fs::is_regular_file(candidate, ec)) return candidate;
    if (!dir.has_relative_path()) return std::nullopt;  // reached the filesystem root
    dir = dir.parent_path();
  }
}

Config load(const fs::path& file) {
  std::error_code ec;
  const fs::path absolute = fs::absolute(file, ec).lexically_normal();
  const auto read = core::read_bounded(absolute, max_config_bytes);
  if (!read.bytes) {
    throw ConfigError(fmt::format("{} {}", display_name(absolute), read.problem),
                      fmt::format("relctl.toml must be a readable regular file of at most {}; "
                                  "pass --config PATH of one, or run `relctl init`",
                                  core::describe_size(max_config_bytes)));
  }
  load_dotenv(absolute.parent_path() / ".env");
  return parse_document(*read.bytes, display_name(absolute), absolute);
}

Config parse(std::string_view text, const std::string& file_name) {
  return parse_document(text, file_name, fs::path(file_name));
}

const Database* Config::find_database(std::string_view name) const {
  for (const auto& db : databases) {
    if (db.name == name) return &db;
  }
  return nullptr;
}

const Environment* Config::find_environment(std::string_view name) const {
  for (const auto& env : environments) {
    if (env.name == name) return &env;
  }
  return nullptr;
}

const Package* Config::find_package(std::string_view name) const {
  for (const auto& p : packages) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

std::vector<ChangelogGroup> default_changelog_groups() {
  return {{"Breaking changes", {"!"}},
          {"Features", {"feat"}},
          {"Fixes", {"fix"}},
          {"Performance", {"perf"}},
          {"Other", {"*"}}};
}

std::string_view to_string(Phase p) {
  switch (p) {
    case Phase::verify:
      return "verify";
    case Phase::build:
      return "build";
    case Phase::freeze:
      return "freeze";
    case Phase::deploy:
      return "deploy";
    case Phase::smoke:
      return "smoke";
  }
  return "verify";
}

std::string_view to_string(Mode m) {
  return m == Mode::pr ? "pr" : "direct";
}

}  // namespace relctl::config
