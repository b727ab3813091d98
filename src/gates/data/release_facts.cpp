#include "gates/data/release_facts.hpp"

#include <cstdlib>

#include "relctl/config/loader.hpp"
#include "relctl/core/bounded_read.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/sanitize.hpp"
#include "relctl/version.hpp"

namespace relctl::gates::data {

namespace fs = std::filesystem;

namespace {

std::string trim(std::string s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

// `{ env = "X" }`, `{ sql = "SELECT ..." }` (on the snapshot) or
// `{ file = "PATH" }`; nullopt when the key is not configured.
std::optional<std::string> resolve(core::Context& ctx, DataRun& run,
                                   const config::ValueSource& source, const std::string& key) {
  using From = config::ValueSource::From;
  const std::string where = "data_release." + key;
  switch (source.from) {
    case From::none:
      return std::nullopt;
    case From::env: {
      const char* v = std::getenv(source.value.c_str());
      if (!v || !*v) {
        throw GateError(where + " comes from $" + source.value + ", which is not set",
                        "export " + source.value + "=... (or put it in .env next to relctl.toml)");
      }
      return trim(v);
    }
    case From::sql: {
      const auto v = run.scan().connection().scalar(source.value);
      if (!v) {
        throw GateError(where + ": the query returned no row (or NULL) on the snapshot",
                        "make `" + source.value + "` return one value");
      }
      return v->text;
    }
    case From::file: {
      fs::path p(source.value);
      if (p.is_relative()) p = ctx.root() / p;
      const auto read = core::read_bounded(p, config::max_config_bytes);
      if (!read.bytes) {
        throw GateError(where + " is read from " + p.string() + ", which " + read.problem,
                        "write the value into that file, or change " + where);
      }
      return trim(*read.bytes);
    }
  }
  return std::nullopt;
}

// Table names and values from outside go into the release commit's and
// tag's messages: a newline in one would write lines of its own there (a
// forged Relctl-* trailer), an escape sequence would reach every terminal
// that shows the log. Such a release is refused rather than rewritten.
void refuse_control_characters(const Manifest& m) {
  const auto check = [](const std::string& what, const std::string& value,
                        const std::string& hint) {
    if (!core::has_control_characters(value)) return;
    throw GateError(what + " \"" + core::sanitize_line(value) +
                        "\" holds a control character (or invalid UTF-8): relctl does not put "
                        "it into a commit or tag message",
                    hint);
  };
  for (const auto& [name, table] : m.tables) {
    check("table name", name,
          "rename the table in the snapshot (or in the schema it is exported from)");
  }
  if (m.ingestion_run_id) {
    check("data_release.ingestion_run_id", *m.ingestion_run_id,
          "fix the value where data_release.ingestion_run_id reads it from");
  }
  if (m.upstream_version) {
    check("data_release.upstream_version", *m.upstream_version,
          "fix the value where data_release.upstream_version reads it from");
  }
}

std::string tag_message(const DataRun& run, const Manifest& m, const std::string& run_id) {
  std::string text = "Data release " + run.request().date + "\n\n";
  text += std::to_string(m.tables.size()) + (m.tables.size() == 1 ? " table: " : " tables: ") +
          m.table_summary() + "\n\n";
  text += "Snapshot: " + m.snapshot_path + " (" + std::to_string(m.snapshot_bytes) +
          " bytes, sha256 " + m.snapshot_sha256 + ")\n";
  if (m.ingestion_run_id) text += "Ingestion run: " + *m.ingestion_run_id + "\n";
  if (m.upstream_version) text += "Upstream version: " + *m.upstream_version + "\n";
  text += "\nRelctl-Run: " + run_id + "\nRelctl-Snapshot-Sha256: " + m.snapshot_sha256 + "\n";
  return text;
}

}  // namespace

Manifest build_manifest(core::Context& ctx, DataRun& run) {
  auto& scan = run.scan();
  Manifest m;
  m.relctl_version = std::string(version_string);
  m.created_at = core::utc_iso8601(ctx.clock.now());
  m.git_commit = run.repo(ctx).head_id();
  m.ingestion_run_id = resolve(ctx, run, run.config().ingestion_run_id, "ingestion_run_id");
  m.upstream_version = resolve(ctx, run, run.config().upstream_version, "upstream_version");
  m.snapshot_path = run.in_worktree(ctx, run.config().snapshot);
  m.snapshot_bytes = scan.bytes();
  m.snapshot_sha256 = scan.sha256();
  m.schema_sha256 = scan.schema_sha256();
  for (const auto& t : scan.tables()) {
    ManifestTable table;
    table.rows = t.rows;
    for (const auto& c : t.columns) table.columns.emplace_back(c.name, c.type);
    m.tables.emplace(t.name, std::move(table));
  }
  if (run.exported) {
    m.source =
        ManifestSource{run.exported->server_version, run.exported->database, run.exported->schema};
  }
  return m;
}

void apply_manifest(core::Context& ctx, DataRun& run, const Manifest& manifest) {
  refuse_control_characters(manifest);
  release::ReleasePlan& plan = run.plan();
  for (auto& [k, v] : manifest.placeholders()) ctx.vars[k] = v;
  std::map<std::string, std::string> vars = manifest.placeholders();
  vars["date"] = run.request().date;
  vars["tag"] = run.tag();
  vars["branch"] = run.branch();
  if (!run.joint()) {
    plan.commit_message = config::render(run.config().commit_message, vars) +
                          "\n\nRelctl-Run: " + ctx.run_id + "\nRelctl-Data-Tag: " + run.tag() +
                          "\nRelctl-Snapshot-Sha256: " + manifest.snapshot_sha256 + "\n";
  }
  const std::string message = tag_message(run, manifest, ctx.run_id);
  bool found = false;
  for (auto& t : plan.tags) {
    if (t.name == run.tag()) {
      t.message = message;
      found = true;
    }
  }
  if (!found) plan.tags.push_back({run.tag(), message});
}

}  // namespace relctl::gates::data
