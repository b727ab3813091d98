#include "gates/data/report_content.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "gates/data/json_text.hpp"
#include "relctl/core/sanitize.hpp"
#include "relctl/version.hpp"

namespace relctl::gates::data {

namespace {

using nlohmann::json;

// The gates whose outcome the report summarises, in pipeline order.
const std::vector<std::string> report_gates = {"sqlite.integrity", "sqlite.foreign-keys",
                                               "data.checks",      "data.row-drop",
                                               "data.schema-diff", "data.changed"};

json value_json(const sqlite::Value& v) {
  using T = sqlite::Value::Type;
  switch (v.type) {
    case T::null:
      return nullptr;
    case T::integer: {
      try {
        return std::stoll(v.text);
      } catch (...) {
        return v.text;
      }
    }
    case T::real: {
      try {
        return std::stod(v.text);
      } catch (...) {
        return v.text;
      }
    }
    default:
      return v.text;
  }
}

json check_json(const CheckFinding& c) {
  const json examples = rows_json(c.example_columns, c.examples);
  return {{"name", c.name},
          {"kind", c.kind},
          {"table", c.table},
          {"column", c.column},
          {"severity", c.warn_only ? "warn" : "error"},
          {"status", c.status},
          {"message", c.message},
          {"failing", c.failing},
          {"examples", examples}};
}

std::string gate_status(const ReportInput& in, const std::string& id, std::string* message) {
  if (const auto s = in.skipped.find(id); s != in.skipped.end()) {
    if (message) *message = "skipped with --skip: " + s->second;
    return "skipped";
  }
  const auto& gates = in.findings->gates;
  if (const auto g = gates.find(id); g != gates.end()) {
    if (message) *message = g->second.message;
    return g->second.status;
  }
  if (message) *message = "not part of this run";
  return "not run";
}

std::optional<std::int64_t> previous_rows(const ReportInput& in, const std::string& table) {
  if (!in.previous || !in.previous->manifest) return std::nullopt;
  const auto& t = in.previous->manifest->tables;
  const auto it = t.find(table);
  if (it == t.end()) return std::nullopt;
  return it->second.rows;
}

// A Markdown table cell or list item: data values are outside text, shown
// on one line with control characters escaped.
std::string md_escape(std::string s) {
  std::string out;
  for (char c : core::sanitize_line(s)) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n')
      out += ' ';
    else
      out += c;
  }
  return out;
}

std::string md_value(const sqlite::Value& v) {
  return v.is_null() ? "NULL" : md_escape(v.text);
}

void md_examples(std::string& md, const CheckFinding& c) {
  if (c.examples.empty()) return;
  md += "\n  | ";
  for (const auto& col : c.example_columns) md += md_escape(col) + " | ";
  md += "\n  |";
  for (std::size_t i = 0; i < c.example_columns.size(); ++i) md += " --- |";
  md += "\n";
  for (const auto& row : c.examples) {
    md += "  | ";
    for (const auto& v : row.values) md += md_value(v) + " | ";
    md += "\n";
  }
}

std::string status_mark(const std::string& status) {
  if (status == "passed") return "✅ passed";
  if (status == "failed" || status == "error") return "❌ " + status;
  if (status == "warned") return "⚠️ warned";
  return status;
}

}  // namespace

json rows_json(const std::vector<std::string>& columns, const std::vector<sqlite::Row>& rows) {
  json out = json::array();
  for (const auto& row : rows) {
    json r = json::object();
    for (std::size_t i = 0; i < row.values.size() && i < columns.size(); ++i) {
      r[columns[i]] = value_json(row.values[i]);
    }
    out.push_back(r);
  }
  return out;
}

std::string report_json(const ReportInput& in) {
  const Manifest& m = *in.manifest;
  json gates = json::object();
  for (const auto& id : report_gates) {
    std::string message;
    const std::string status = gate_status(in, id, &message);
    gates[id] = {{"status", status}, {"message", message}};
  }
  json tables = json::array();
  json schema = json::object();
  for (const auto& t : in.tables) {
    const auto before = previous_rows(in, t.name);
    tables.push_back({{"name", t.name},
                      {"rows", t.rows},
                      {"previous_rows", before ? json(*before) : json(nullptr)}});
    json columns = json::array();
    for (const auto& c : t.columns) {
      columns.push_back({{"name", c.name},
                         {"type", c.type},
                         {"not_null", c.not_null},
                         {"primary_key", c.primary_key}});
    }
    schema[t.name] = columns;
  }
  json checks = json::array(), duplicates = json::array(), relationships = json::array();
  for (const auto& c : in.findings->checks) {
    checks.push_back(check_json(c));
    if (c.kind == "unique") duplicates.push_back(check_json(c));
    if (c.kind == "relationship") relationships.push_back(check_json(c));
  }
  json fk = nullptr;
  if (const auto& f = in.findings->foreign_keys) {
    json examples = json::array();
    for (const auto& v : f->examples) {
      examples.push_back({{"table", v.table},
                          {"rowid", v.rowid ? json(*v.rowid) : json(nullptr)},
                          {"columns", v.columns},
                          {"parent", v.parent},
                          {"parent_columns", v.parent_columns}});
    }
    fk = {{"violations", f->violations}, {"examples", examples}};
  }
  json previous = nullptr;
  if (in.previous && !in.previous->first()) {
    previous = {{"tag", in.previous->tag},
                {"commit", in.previous->commit},
                {"sha256", in.previous->manifest ? json(in.previous->manifest->snapshot_sha256)
                                                 : json(nullptr)}};
  }
  json doc = {{"relctl", std::string(version_string)},
              {"run_id", in.run_id},
              {"created_at", in.created_at},
              {"tag", in.tag},
              {"snapshot",
               {{"path", in.snapshot_path},
                {"bytes", m.snapshot_bytes},
                {"sha256", m.snapshot_sha256},
                {"schema_sha256", m.schema_sha256}}},
              {"previous", previous},
              {"gates", gates},
              {"integrity", {{"problems", in.findings->integrity_problems}}},
              {"foreign_keys", fk},
              {"tables", tables},
              {"schema", schema},
              {"checks", checks},
              {"duplicates", duplicates},
              {"relationships", relationships}};
  return diffable_json(doc);
}

std::string report_markdown(const ReportInput& in) {
  const Manifest& m = *in.manifest;
  std::string md = fmt::format("# Data release {} — validation report\n\n", in.tag);
  md +=
      fmt::format("- Snapshot: `{}` ({} bytes)\n- sha256: `{}`\n- Run: `{}` at {}\n",
                  in.snapshot_path, m.snapshot_bytes, m.snapshot_sha256, in.run_id, in.created_at);
  if (m.ingestion_run_id) md += fmt::format("- Ingestion run: `{}`\n", *m.ingestion_run_id);
  if (m.upstream_version) md += fmt::format("- Upstream version: `{}`\n", *m.upstream_version);
  const bool has_previous = in.previous && !in.previous->first();
  md += has_previous ? fmt::format("- Compared with: `{}`\n", in.previous->tag)
                     : std::string("- Compared with: nothing (first data release)\n");

  md += "\n## Gates\n\n| gate | result | message |\n| --- | --- | --- |\n";
  for (const auto& id : report_gates) {
    std::string message;
    const std::string status = gate_status(in, id, &message);
    md += fmt::format("| {} | {} | {} |\n", id, status_mark(status), md_escape(message));
  }

  md += "\n## Row counts\n\n| table | rows | previous | change |\n| --- | ---: | ---: | ---: |\n";
  for (const auto& t : in.tables) {
    const auto before = previous_rows(in, t.name);
    std::string change = "new";
    if (before) {
      change = *before == 0
                   ? (t.rows == 0 ? "0" : "+" + std::to_string(t.rows))
                   : fmt::format("{:+.1f}%", 100.0 * static_cast<double>(t.rows - *before) /
                                                 static_cast<double>(*before));
    } else if (!has_previous) {
      change = "";
    }
    md += fmt::format("| {} | {} | {} | {} |\n", md_escape(t.name), t.rows,
                      before ? std::to_string(*before) : std::string(), change);
  }

  md += "\n## Schema\n";
  for (const auto& t : in.tables) {
    md += fmt::format(
        "\n### {}\n\n| column | type | not null | primary key |\n| --- | --- | --- | --- |\n",
        md_escape(t.name));
    for (const auto& c : t.columns) {
      md +=
          fmt::format("| {} | {} | {} | {} |\n", md_escape(c.name), md_escape(c.type),
                      c.not_null ? "yes" : "", c.primary_key ? std::to_string(c.primary_key) : "");
    }
  }

  auto section = [&](const char* title, const std::string& kind, const char* none) {
    md += fmt::format("\n## {}\n\n", title);
    bool any = false;
    for (const auto& c : in.findings->checks) {
      if (!kind.empty() && c.kind != kind) continue;
      any = true;
      md += fmt::format("- **{}** — {}: {}", md_escape(c.name), status_mark(c.status),
                        md_escape(c.message));
      if (c.warn_only) md += " _(severity warn)_";
      md += "\n";
      md_examples(md, c);
    }
    if (!any) md += none;
  };
  section("Duplicates", "unique", "No `unique` checks are configured.\n");
  md += "\n## Referential integrity\n\n";
  if (const auto& f = in.findings->foreign_keys) {
    md += f->violations == 0
              ? "Declared foreign keys: every reference finds its parent row.\n"
              : fmt::format("Declared foreign keys: **{} violation(s)**.\n", f->violations);
  } else {
    md += "Declared foreign keys: not checked in this run.\n";
  }
  for (const auto& c : in.findings->checks) {
    if (c.kind != "relationship") continue;
    md += fmt::format("- **{}** — {}: {}\n", md_escape(c.name), status_mark(c.status),
                      md_escape(c.message));
    md_examples(md, c);
  }
  section("Every check", "", "No `[[data_release.checks]]` are configured.\n");
  if (!in.findings->integrity_problems.empty()) {
    md += "\n## Integrity problems\n\n";
    for (const auto& p : in.findings->integrity_problems) md += "- " + md_escape(p) + "\n";
  }
  return md;
}

}  // namespace relctl::gates::data
