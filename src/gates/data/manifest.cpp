#include "gates/data/manifest.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "gates/data/json_text.hpp"
#include "relctl/core/error.hpp"

namespace relctl::gates::data {

namespace {

using nlohmann::json;

json optional_string(const std::optional<std::string>& v) {
  return v ? json(*v) : json(nullptr);
}

std::optional<std::string> read_optional(const json& doc, const char* key) {
  if (!doc.contains(key) || doc[key].is_null()) return std::nullopt;
  if (doc[key].is_string()) return doc[key].get<std::string>();
  return doc[key].dump();
}

}  // namespace

std::string Manifest::to_json() const {
  // nlohmann's default object keeps its keys in a std::map: sorted.
  json tables_json = json::object();
  for (const auto& [name, t] : tables) {
    json columns = json::array();
    for (const auto& [column, type] : t.columns) columns.push_back(json::array({column, type}));
    tables_json[name] = {{"rows", t.rows}, {"columns", columns}};
  }
  json doc = {{"relctl_version", relctl_version},
              {"created_at", created_at},
              {"git_commit", git_commit},
              {"ingestion_run_id", optional_string(ingestion_run_id)},
              {"upstream_version", optional_string(upstream_version)},
              {"snapshot",
               {{"path", snapshot_path}, {"bytes", snapshot_bytes}, {"sha256", snapshot_sha256}}},
              {"schema_sha256", schema_sha256},
              {"table_count", tables.size()},
              {"tables", tables_json}};
  if (source) {
    doc["source"] = {{"server_version", source->server_version},
                     {"database", source->database},
                     {"schema", source->schema},
                     {"read", source->read}};
  }
  return diffable_json(doc);
}

Manifest Manifest::parse(std::string_view text, const std::string& where) {
  const json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    throw GateError(where + " is not valid JSON",
                    "it should be a manifest.json written by relctl; restore it from git");
  }
  Manifest m;
  try {
    m.relctl_version = doc.value("relctl_version", "");
    m.created_at = doc.value("created_at", "");
    m.git_commit = doc.value("git_commit", "");
    m.ingestion_run_id = read_optional(doc, "ingestion_run_id");
    m.upstream_version = read_optional(doc, "upstream_version");
    if (doc.contains("snapshot") && doc["snapshot"].is_object()) {
      const auto& s = doc["snapshot"];
      m.snapshot_path = s.value("path", "");
      m.snapshot_bytes = s.value("bytes", std::uintmax_t{0});
      m.snapshot_sha256 = s.value("sha256", "");
    }
    m.schema_sha256 = doc.value("schema_sha256", "");
    if (doc.contains("source") && doc["source"].is_object()) {
      const auto& s = doc["source"];
      m.source = ManifestSource{s.value("server_version", ""), s.value("database", ""),
                                s.value("schema", ""), s.value("read", "")};
    }
    if (doc.contains("tables") && doc["tables"].is_object()) {
      for (const auto& [name, t] : doc["tables"].items()) {
        ManifestTable table;
        table.rows = t.value("rows", std::int64_t{0});
        if (t.contains("columns")) {
          for (const auto& c : t["columns"]) {
            table.columns.emplace_back(c.at(0).get<std::string>(), c.at(1).get<std::string>());
          }
        }
        m.tables.emplace(name, std::move(table));
      }
    }
  } catch (const json::exception& e) {
    throw GateError(where + " does not have the shape of a relctl manifest (" + e.what() + ")",
                    "restore it from git, or rebuild it with relctl data-release");
  }
  return m;
}

std::map<std::string, std::string> Manifest::placeholders() const {
  std::string names;
  for (const auto& [name, t] : tables) names += (names.empty() ? "" : ", ") + name;
  return {{"manifest.created_at", created_at},
          {"manifest.git_commit", git_commit},
          {"manifest.ingestion_run_id", ingestion_run_id.value_or("")},
          {"manifest.relctl_version", relctl_version},
          {"manifest.schema_sha256", schema_sha256},
          {"manifest.snapshot.bytes", std::to_string(snapshot_bytes)},
          {"manifest.snapshot.path", snapshot_path},
          {"manifest.snapshot.sha256", snapshot_sha256},
          {"manifest.table_count", std::to_string(tables.size())},
          {"manifest.tables", names},
          {"manifest.upstream_version", upstream_version.value_or("")}};
}

std::string Manifest::table_summary() const {
  std::string out;
  for (const auto& [name, t] : tables) {
    out += fmt::format("{}{} ({} row{})", out.empty() ? "" : ", ", name, t.rows,
                       t.rows == 1 ? "" : "s");
  }
  return out;
}

}  // namespace relctl::gates::data
