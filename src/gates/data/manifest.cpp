#include "gates/data/manifest.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "gates/data/json_text.hpp"
#include "relctl/core/bounded_read.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/sanitize.hpp"

namespace relctl::gates::data {

namespace {

using nlohmann::json;

json optional_string(const std::optional<std::string>& v) {
  return v ? json(*v) : json(nullptr);
}

// Reads a manifest field by field; a field of the wrong type fails naming
// it ("tables.castaways.rows") and the type it must have.
class Reader {
 public:
  explicit Reader(std::string where) : where_(std::move(where)) {}

  [[noreturn]] void wrong(const std::string& field, const std::string& expected,
                          const json& got) const {
    throw GateError(fmt::format("{}: {} must be {}, got {}", where_, core::sanitize(field),
                                expected, type_of(got)),
                    "restore it from git, or rebuild it with relctl data-release");
  }

  std::string string(const json& doc, const char* key, const std::string& field) const {
    if (!doc.contains(key) || doc[key].is_null()) return "";
    if (!doc[key].is_string()) wrong(field, "a string", doc[key]);
    return doc[key].get<std::string>();
  }

  // ingestion_run_id and upstream_version: a string, a number (as text) or null.
  std::optional<std::string> optional_text(const json& doc, const char* key) const {
    if (!doc.contains(key) || doc[key].is_null()) return std::nullopt;
    if (doc[key].is_string()) return doc[key].get<std::string>();
    if (!doc[key].is_number()) wrong(key, "a string, a number or null", doc[key]);
    return doc[key].dump();
  }

  template <typename Int>
  Int count(const json& doc, const char* key, const std::string& field) const {
    if (!doc.contains(key) || doc[key].is_null()) return 0;
    const json& v = doc[key];
    if (!v.is_number_integer() || (!v.is_number_unsigned() && v.get<std::int64_t>() < 0)) {
      wrong(field, "a whole number, not negative", v);
    }
    return v.get<Int>();
  }

  const json* object(const json& doc, const char* key, const std::string& field) const {
    if (!doc.contains(key) || doc[key].is_null()) return nullptr;
    if (!doc[key].is_object()) wrong(field, "an object", doc[key]);
    return &doc[key];
  }

  ManifestTable table(const json& t, const std::string& field) const {
    if (!t.is_object()) wrong(field, "an object with rows and columns", t);
    ManifestTable table;
    table.rows = count<std::int64_t>(t, "rows", field + ".rows");
    if (!t.contains("columns") || t["columns"].is_null()) return table;
    const json& columns = t["columns"];
    if (!columns.is_array()) wrong(field + ".columns", "an array of [name, type] pairs", columns);
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const json& c = columns[i];
      if (!c.is_array() || c.size() != 2 || !c[0].is_string() || !c[1].is_string()) {
        wrong(fmt::format("{}.columns[{}]", field, i), "a [name, type] pair of strings", c);
      }
      table.columns.emplace_back(c[0].get<std::string>(), c[1].get<std::string>());
    }
    return table;
  }

 private:
  static std::string type_of(const json& v) {
    if (v.is_array()) return "an array";
    if (v.is_object()) return "an object";
    if (v.is_string()) return "a string";
    if (v.is_boolean()) return "a boolean";
    if (v.is_null()) return "null";
    if (v.is_number_integer() && !v.is_number_unsigned() && v.get<std::int64_t>() < 0) {
      return "a negative number";
    }
    return v.is_number_integer() ? "a whole number" : "a number with a fraction";
  }

  std::string where_;
};

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
  const std::string hint = "it should be a manifest.json written by relctl; restore it from git";
  if (text.size() > max_manifest_bytes) {
    throw GateError(fmt::format("{} is larger than {}: not a manifest relctl wrote", where,
                                core::describe_size(max_manifest_bytes)),
                    hint);
  }
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::parse_error& e) {
    throw GateError(fmt::format("{} is not valid JSON (at byte {})", where, e.byte), hint);
  } catch (const json::exception&) {
    // A number too large for any type (found by fuzzing: 41e4649).
    throw GateError(where + " is not valid JSON (a number out of range)", hint);
  }
  if (!doc.is_object()) throw GateError(where + " is not a JSON object", hint);
  const Reader r(where);
  Manifest m;
  m.relctl_version = r.string(doc, "relctl_version", "relctl_version");
  m.created_at = r.string(doc, "created_at", "created_at");
  m.git_commit = r.string(doc, "git_commit", "git_commit");
  m.ingestion_run_id = r.optional_text(doc, "ingestion_run_id");
  m.upstream_version = r.optional_text(doc, "upstream_version");
  if (const json* s = r.object(doc, "snapshot", "snapshot")) {
    m.snapshot_path = r.string(*s, "path", "snapshot.path");
    m.snapshot_bytes = r.count<std::uintmax_t>(*s, "bytes", "snapshot.bytes");
    m.snapshot_sha256 = r.string(*s, "sha256", "snapshot.sha256");
  }
  m.schema_sha256 = r.string(doc, "schema_sha256", "schema_sha256");
  if (const json* s = r.object(doc, "source", "source")) {
    m.source = ManifestSource{r.string(*s, "server_version", "source.server_version"),
                              r.string(*s, "database", "source.database"),
                              r.string(*s, "schema", "source.schema"),
                              r.string(*s, "read", "source.read")};
  }
  if (const json* tables = r.object(doc, "tables", "tables")) {
    for (const auto& [name, t] : tables->items()) {
      m.tables.emplace(name, r.table(t, "tables." + name));
    }
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
