// [data_release] (with its export and checks) and [code_release].

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "sections.hpp"
#include "template.hpp"

namespace relctl::config::detail {

namespace {

bool uses(const std::string& tmpl, std::string_view name) {
  const auto names = placeholders_in(tmpl);
  return std::find(names.begin(), names.end(), name) != names.end();
}

// A template read from `key`, checked against its placeholders.
std::string read_template(const TableReader& r, std::string_view key, std::string fallback,
                          const std::vector<std::string>& known) {
  std::string value = r.string(key, std::move(fallback));
  if (value.empty())
    r.fail(key, "must not be empty", fmt::format("remove {} to get the default", key));
  r.check_template(key, value, known);
  return value;
}

// `mode = "direct" | "pr"`: the only place these words are read. The
// default is named first in the error message.
Mode read_mode(const TableReader& r, Mode fallback) {
  const std::string mode = fallback == Mode::pr ? r.choice("mode", {"pr", "direct"}, "pr")
                                                : r.choice("mode", {"direct", "pr"}, "direct");
  return mode == "pr" ? Mode::pr : Mode::direct;
}

Export read_export(const TableReader& parent, const Config& cfg) {
  const toml::table* t = parent.subtable("export");
  TableReader r(parent.source(), *t, "[data_release.export]",
                {"database", "schema", "tables", "exclude", "numeric", "type_map"});
  Export e;
  e.database = r.required_string(
      "database", "add database = \"NAME\" naming the [databases.NAME] to export from");
  if (!cfg.find_database(e.database)) {
    std::string known;
    for (const auto& db : cfg.databases) known += (known.empty() ? "" : ", ") + db.name;
    r.fail("database",
           fmt::format("names \"{}\", but there is no [databases.{}]", e.database, e.database),
           known.empty()
               ? fmt::format("add a [databases.{}] table with url_env", e.database)
               : fmt::format("add a [databases.{}] table, or use one of: {}", e.database, known));
  }
  e.schema = r.string("schema", e.schema);
  if (e.schema.empty()) r.fail("schema", "must not be empty", "write schema = \"public\"");
  e.tables = r.strings("tables").value_or(e.tables);
  if (e.tables.empty()) {
    r.fail("tables", "must list at least one table",
           "write tables = [\"*\"] to export every table of the schema");
  }
  e.exclude = r.strings("exclude").value_or(e.exclude);
  e.numeric = r.choice("numeric", {"text", "real"}, e.numeric);
  e.type_map = r.string_map("type_map").value_or(e.type_map);
  return e;
}

// changelog_groups, changelog_hide, changelog_links.
void read_changelog_format(const TableReader& r, CodeRelease& c) {
  if (const toml::array* arr = r.table_array("changelog_groups")) {
    c.changelog_groups.clear();
    for (std::size_t i = 0; i < arr->size(); ++i) {
      TableReader g(r.source(), *(*arr)[i].as_table(),
                    fmt::format("changelog_groups #{} of [code_release]", i + 1),
                    {"title", "types"});
      const char* hint = "write { title = \"Features\", types = [\"feat\"] }";
      ChangelogGroup group{g.required_string("title", hint),
                           g.strings("types").value_or(std::vector<std::string>{})};
      if (group.types.empty()) g.fail("types", "must list at least one commit type", hint);
      c.changelog_groups.push_back(std::move(group));
    }
  }
  c.changelog_hide = r.strings("changelog_hide").value_or(c.changelog_hide);
  c.changelog_links = r.boolean("changelog_links", c.changelog_links);
}

}  // namespace

void read_data_release(const TableReader& root, Config& cfg) {
  const toml::table* t = root.subtable("data_release");
  if (!t) return;
  TableReader r(root.source(), *t, "[data_release]",
                {"snapshot", "manifest", "tag", "branch", "mode", "reports_dir", "ingestion_run_id",
                 "upstream_version", "max_row_drop", "allow_schema_break", "integrity",
                 "commit_message", "export", "checks", "sign", "require_signature"});
  DataRelease d;
  d.snapshot = r.required_string(
      "snapshot", "add snapshot = \"path/to/data.sqlite\" (relative to relctl.toml)");
  const auto default_manifest =
      (std::filesystem::path(d.snapshot).parent_path() / "manifest.json").generic_string();
  d.manifest = r.string("manifest", default_manifest);
  if (d.manifest.empty()) r.fail("manifest", "must not be empty", "remove it to get the default");
  if (d.manifest == d.snapshot) {
    r.fail("manifest", "is the snapshot's own path",
           "write the manifest next to the snapshot, "
           "e.g. manifest = \"data/manifest.json\"");
  }
  d.tag = read_template(r, "tag", d.tag, data_tag_placeholders);
  if (!uses(d.tag, "date")) {
    r.fail("tag", "must contain {date}, or every data release would get the same tag",
           "write tag = \"data-{date}\"");
  }
  d.branch = read_template(r, "branch", d.branch, data_branch_placeholders);
  if (!uses(d.branch, "date") && !uses(d.branch, "tag")) {
    r.fail("branch", "must contain {date} or {tag}, or every release would reuse one branch",
           "write branch = \"data-release/{date}\"");
  }
  d.mode = read_mode(r, d.mode);
  d.reports_dir = r.string("reports_dir", d.reports_dir);
  if (d.reports_dir.empty())
    r.fail("reports_dir", "must not be empty", "remove it to get the default");
  d.ingestion_run_id = r.value_source("ingestion_run_id", {"env", "sql", "file"});
  d.upstream_version = r.value_source("upstream_version", {"env", "sql", "file"});
  d.max_row_drop = r.number("max_row_drop").value_or(d.max_row_drop);
  if (d.max_row_drop < 0 || d.max_row_drop > 1) {
    r.fail("max_row_drop", fmt::format("must be between 0 and 1, got {}", d.max_row_drop),
           "it is a fraction: 0.05 allows a table to lose up to 5% of its rows");
  }
  d.allow_schema_break = r.boolean("allow_schema_break", d.allow_schema_break);
  d.sign = r.boolean("sign", d.sign);
  d.require_signature = r.boolean("require_signature", d.require_signature);
  d.integrity = r.choice("integrity", {"full", "quick"}, d.integrity);
  d.commit_message = read_template(r, "commit_message", d.commit_message, data_commit_placeholders);
  if (r.has("export")) d.export_ = read_export(r, cfg);
  if (const toml::array* arr = r.table_array("checks")) {
    for (std::size_t i = 0; i < arr->size(); ++i) {
      TableReader c(root.source(), *(*arr)[i].as_table(),
                    fmt::format("[[data_release.checks]] #{}", i + 1),
                    {"name", "table", "column", "row_count", "unique", "not_null",
                     "accepted_values", "relationship", "sql", "severity"});
      d.checks.push_back(read_check(c, i + 1, /*db_check=*/false));
    }
  }
  cfg.data_release = std::move(d);
}

std::vector<VersionFile> read_version_files(const TableReader& r, std::string_view owner) {
  std::vector<VersionFile> out;
  const toml::array* arr = r.table_array("version_files");
  if (!arr) return out;
  for (std::size_t i = 0; i < arr->size(); ++i) {
    TableReader f(r.source(), *(*arr)[i].as_table(),
                  fmt::format("version_files #{} of {}", i + 1, owner), {"path", "pattern"});
    const char* hint = "write { path = \"pyproject.toml\", pattern = 'version = \"{version}\"' }";
    VersionFile vf{f.required_string("path", hint), f.required_string("pattern", hint)};
    f.check_template("pattern", vf.pattern, version_file_placeholders);
    if (!uses(vf.pattern, "version")) {
      f.fail("pattern", "must contain {version}: it is how relctl finds the version to replace",
             hint);
    }
    out.push_back(std::move(vf));
  }
  return out;
}

void read_code_release(const TableReader& root, Config& cfg) {
  const toml::table* t = root.subtable("code_release");
  if (!t) return;
  TableReader r(root.source(), *t, "[code_release]",
                {"mode", "tag", "branch", "changelog", "commit_message", "version_files",
                 "artifacts", "require_data_release", "maintenance_branches", "prerelease_start",
                 "changelog_groups", "changelog_hide", "changelog_links", "lint_commits",
                 "commit_types", "commit_scopes", "sign", "require_signature"});
  CodeRelease c;
  c.mode = read_mode(r, c.mode);
  c.tag = read_template(r, "tag", c.tag, code_tag_placeholders);
  if (!uses(c.tag, "version")) {
    r.fail("tag", "must contain {version}, or every code release would get the same tag",
           "write tag = \"code-v{version}\"");
  }
  c.branch = read_template(r, "branch", c.branch, code_branch_placeholders);
  if (!uses(c.branch, "version") && !uses(c.branch, "tag")) {
    r.fail("branch", "must contain {version} or {tag}, or every release would reuse one branch",
           "write branch = \"release/v{version}\"");
  }
  c.changelog = r.string("changelog", c.changelog);
  c.commit_message = read_template(r, "commit_message", c.commit_message, code_commit_placeholders);
  c.version_files = read_version_files(r, "[code_release]");
  c.artifacts = r.strings("artifacts").value_or(c.artifacts);
  c.require_data_release = r.boolean("require_data_release", c.require_data_release);
  c.sign = r.boolean("sign", c.sign);
  c.require_signature = r.boolean("require_signature", c.require_signature);
  if (c.require_data_release && !cfg.data_release) {
    r.fail("require_data_release", "is true, but there is no [data_release] section",
           "add a [data_release] section, or set require_data_release = false");
  }
  c.maintenance_branches = r.strings("maintenance_branches").value_or(c.maintenance_branches);
  if (const auto start = r.integer("prerelease_start")) {
    if (*start != 0 && *start != 1) {
      r.fail("prerelease_start", fmt::format("must be 0 or 1, got {}", *start),
             "write prerelease_start = 1 for beta.1, beta.2, ... or 0 for beta.0, beta.1, ...");
    }
    c.prerelease_start = static_cast<std::uint64_t>(*start);
  }
  read_changelog_format(r, c);
  c.lint_commits = r.choice("lint_commits", {"warn", "error", "off"}, c.lint_commits);
  c.commit_types = r.strings("commit_types").value_or(c.commit_types);
  c.commit_scopes = r.strings("commit_scopes").value_or(c.commit_scopes);
  cfg.code_release = std::move(c);
}

}  // namespace relctl::config::detail
