#include "gates/forge/release_content.hpp"

#include <fmt/format.h>
#include <fnmatch.h>

#include <set>
#include <sstream>

#include "gates/version/pattern.hpp"
#include "relctl/config/loader.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/file_hash.hpp"

namespace relctl::gates::forge_release {

namespace fs = std::filesystem;

namespace {

std::string trim_end(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\r')) s.pop_back();
  return s;
}

std::optional<version::SemVer> code_version(const config::Config& cfg, const std::string& tag) {
  if (!cfg.code_release) return std::nullopt;
  return version::TagTemplate(cfg.code_release->tag).version_of(tag);
}

}  // namespace

TagKind kind_of_tag(const config::Config& cfg, const std::string& tag) {
  if (code_version(cfg, tag)) return TagKind::code;
  if (cfg.data_release) {
    const std::string glob = config::render(cfg.data_release->tag, {{"date", "*"}});
    if (fnmatch(glob.c_str(), tag.c_str(), 0) == 0) return TagKind::data;
  }
  return TagKind::other;
}

bool is_prerelease(const config::Config& cfg, const std::string& tag) {
  const auto v = code_version(cfg, tag);
  return v && v->is_prerelease();
}

std::string without_trailers(const std::string& message) {
  std::istringstream in(message);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  while (!lines.empty() && (lines.back().empty() || lines.back().rfind("Relctl-", 0) == 0)) {
    lines.pop_back();
  }
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

std::string code_notes(const std::string& tag_message) {
  std::string text = without_trailers(tag_message);
  if (text.rfind("Release ", 0) == 0) {
    const auto blank = text.find("\n\n");
    text = blank == std::string::npos ? "" : text.substr(blank + 2);
  }
  return trim_end(text) + "\n";
}

std::string data_notes(const std::string& tag, const data::Manifest& m) {
  std::int64_t rows = 0;
  for (const auto& [name, t] : m.tables) rows += t.rows;
  std::string md = fmt::format("Data release {}: {} table{}, {} row{}.\n\n", tag, m.tables.size(),
                               m.tables.size() == 1 ? "" : "s", rows, rows == 1 ? "" : "s");
  md += "| table | rows | columns |\n| --- | ---: | ---: |\n";
  for (const auto& [name, t] : m.tables) {
    md += fmt::format("| {} | {} | {} |\n", name, t.rows, t.columns.size());
  }
  md += fmt::format("\n- Snapshot: `{}` ({} bytes), sha256 `{}`\n", m.snapshot_path,
                    m.snapshot_bytes, m.snapshot_sha256);
  md += fmt::format("- Schema sha256: `{}`\n", m.schema_sha256);
  if (m.ingestion_run_id) md += fmt::format("- Ingestion run: `{}`\n", *m.ingestion_run_id);
  if (m.upstream_version) md += fmt::format("- Upstream version: `{}`\n", *m.upstream_version);
  if (m.source) {
    md += fmt::format("- Exported from: `{}`.`{}` (PostgreSQL {})\n", m.source->database,
                      m.source->schema, m.source->server_version);
  }
  return md;
}

std::vector<forge::Asset> assets_from_sums(const fs::path& root, const fs::path& sums_file,
                                           const std::string& sums, const std::string& tag) {
  std::vector<forge::Asset> out;
  std::set<std::string> names;
  auto add = [&](const fs::path& file, const std::string& shown) {
    const std::string name = file.filename().string();
    if (!names.insert(name).second) {
      throw GateError("two assets of " + tag + " are named " + name + " (" + shown + ")",
                      "a release's assets are named after their files' base names: give the "
                      "artifacts distinct names");
    }
    std::error_code ec;
    out.push_back({name, file, forge::content_type_for(name), fs::file_size(file, ec)});
  };
  add(sums_file, "SHA256SUMS");
  std::istringstream in(sums);
  for (std::string line; std::getline(in, line);) {
    // sha256sum's format: "<64 hex>  <path>" ('*' before the path in binary mode).
    if (line.size() < 66) continue;
    const std::string hex = line.substr(0, 64);
    std::string path = line.substr(66);
    if (!path.empty() && path.front() == '*') path.erase(0, 1);
    const fs::path file = root / path;
    if (!fs::is_regular_file(file)) {
      throw GateError(
          path + " is listed in " + tag + "'s SHA256SUMS but is not in " + root.string(),
          "build it again (the same bytes) so that it can be uploaded, then run "
          "relctl publish " +
              tag);
    }
    if (core::sha256_file(file) != hex) {
      throw GateError(path + " differs from the one " + tag + "'s SHA256SUMS lists",
                      "upload only what was released: rebuild " + path +
                          " from the tag (reproducibly), or check out " + tag +
                          "'s artifacts, then run relctl publish " + tag);
    }
    add(file, path);
  }
  return out;
}

}  // namespace relctl::gates::forge_release
