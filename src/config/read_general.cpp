// [project], [ledger], [migrations], [schema_guard] and [[functions]].

#include <fmt/format.h>

#include "sections.hpp"

namespace relctl::config::detail {

namespace {

// Branch and remote names: what git refuses in a ref name, plus spaces.
bool is_ref_name(std::string_view name) {
  if (name.empty() || name.front() == '-' || name.find("..") != std::string_view::npos) {
    return false;
  }
  return name.find_first_of(" \t~^:?*[\\") == std::string_view::npos;
}

}  // namespace

void read_project(const TableReader& root, const std::string& folder, Config& cfg) {
  auto& p = cfg.project;
  p.name = folder;
  const toml::table* t = root.subtable("project");
  if (!t) {
    p.release_branches = {p.main_branch};
    return;
  }
  TableReader r(root.source(), *t, "[project]",
                {"name", "main_branch", "remote", "release_branches", "token_env", "hooks"});
  if (auto name = r.string("name")) {
    if (name->empty())
      r.fail("name", "must not be empty", "name the project, e.g. name = \"gamebot\"");
    p.name = *name;
  }
  p.main_branch = r.string("main_branch", p.main_branch);
  if (!is_ref_name(p.main_branch)) {
    r.fail("main_branch", fmt::format("is not a branch name: {}", quote(p.main_branch)),
           "write the short name of the branch releases start from, e.g. main_branch = \"main\"");
  }
  p.remote = r.string("remote", p.remote);
  if (!is_ref_name(p.remote)) {
    r.fail("remote", fmt::format("is not a remote name: {}", quote(p.remote)),
           "write the name of a git remote, e.g. remote = \"origin\" (`git remote` lists them)");
  }
  p.release_branches = r.strings("release_branches").value_or(std::vector{p.main_branch});
  if (p.release_branches.empty()) {
    r.fail("release_branches", "must list at least one branch",
           fmt::format("write release_branches = [\"{}\"] (glob patterns like \"release/*\" "
                       "work too)",
                       p.main_branch));
  }
  p.token_env = r.variable_name("token_env").value_or("");
  p.hooks = r.choice("hooks", {"run", "skip"}, p.hooks);
}

void read_ledger(const TableReader& root, Config& cfg) {
  const toml::table* t = root.subtable("ledger");
  if (!t) return;
  TableReader r(root.source(), *t, "[ledger]", {"path", "url_env"});
  cfg.ledger.path = r.string("path", cfg.ledger.path);
  cfg.ledger.url_env = r.variable_name("url_env").value_or("");
  if (r.has("path") && r.has("url_env")) {
    root.source().fail(r.at("url_env"),
                       "[ledger] sets both 'path' and 'url_env'; the ledger is either a SQLite "
                       "file or Postgres",
                       "keep path for the SQLite ledger, or url_env for a Postgres ledger");
  }
  if (r.has("path") && cfg.ledger.path.empty()) {
    r.fail("path", "must not be empty", "write path = \".relctl/ledger.db\" (the default)");
  }
}

void read_migrations(const TableReader& root, Config& cfg) {
  const toml::table* t = root.subtable("migrations");
  if (!t) return;
  TableReader r(root.source(), *t, "[migrations]",
                {"dir", "transaction", "lock_timeout", "shadow", "mixed"});
  auto& m = cfg.migrations;
  m.dir = r.string("dir", m.dir);
  if (m.dir.empty()) {
    r.fail("dir", "must not be empty", "write dir = \"migrations\" (relative to relctl.toml)");
  }
  m.transaction = r.choice("transaction", {"all", "file"}, m.transaction);
  m.lock_timeout = r.duration("lock_timeout").value_or(m.lock_timeout);
  m.shadow = r.boolean("shadow", m.shadow);
  m.mixed = r.boolean("mixed", m.mixed);
}

void read_schema_guard(const TableReader& root, Config& cfg) {
  const toml::table* t = root.subtable("schema_guard");
  if (!t) return;
  TableReader r(root.source(), *t, "[schema_guard]", {"app_version", "db_version_sql"});
  SchemaGuard g;
  if (!r.has("app_version")) {
    r.missing("app_version",
              "add app_version = { file = \"SCHEMA_VERSION\" } (read from the release's tree) or "
              "app_version = { env = \"VARIABLE\" }");
  }
  g.app_version = r.value_source("app_version", {"file", "env"});
  g.db_version_sql = r.required_string(
      "db_version_sql",
      "add db_version_sql = \"SELECT ...\": a query returning the database's schema version");
  cfg.schema_guard = std::move(g);
}

void read_functions(const TableReader& root, Config& cfg) {
  const toml::array* arr = root.table_array("functions");
  if (!arr) return;
  for (std::size_t i = 0; i < arr->size(); ++i) {
    TableReader r(root.source(), *(*arr)[i].as_table(), fmt::format("[[functions]] #{}", i + 1),
                  {"name", "args"});
    Function f;
    f.name =
        r.required_string("name", "add name = \"schema.function_name\" (the schema is optional)");
    f.args = r.strings("args").value_or(std::vector<std::string>{});
    for (std::size_t a = 0; a < f.args.size(); ++a) {
      if (f.args[a].empty()) {
        r.fail("args", fmt::format("has an empty type at item {}", a + 1),
               "list the argument types as Postgres names them, e.g. args = [\"text[]\", "
               "\"integer\"]");
      }
    }
    cfg.functions.push_back(std::move(f));
  }
}

}  // namespace relctl::config::detail
