// Migration files: names, versions, normalised text and checksums.

#include <algorithm>
#include <regex>

#include "relctl/core/sha256.hpp"
#include "relctl/pg/migrations.hpp"

namespace relctl::pg {

std::string normalise_sql_text(std::string_view raw) {
  if (raw.substr(0, 3) == "\xEF\xBB\xBF") raw.remove_prefix(3);
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n') continue;
    out += raw[i];
  }
  return out;
}

std::string migration_checksum(std::string_view raw) {
  return "sha256:" + core::sha256_hex(normalise_sql_text(raw));
}

std::optional<std::pair<std::string, std::string>> parse_migration_name(std::string_view name) {
  static const std::regex re(R"(^([0-9]+)_(.*)\.sql$)");
  std::match_results<std::string_view::const_iterator> m;
  if (!std::regex_match(name.begin(), name.end(), m, re)) return std::nullopt;
  std::string description = m[2].str();
  std::replace(description.begin(), description.end(), '_', ' ');
  return std::make_pair(m[1].str(), description);
}

int compare_versions(std::string_view a, std::string_view b) {
  auto strip = [](std::string_view v) {
    const auto nz = v.find_first_not_of('0');
    return nz == std::string_view::npos ? std::string_view{} : v.substr(nz);
  };
  a = strip(a);
  b = strip(b);
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  return a.compare(b) < 0 ? -1 : (a.compare(b) > 0 ? 1 : 0);
}

namespace {

bool starts_with_no_transaction(const std::string& sql) {
  static const std::regex re(R"(^[ \t]*--[ \t]*relctl:[ \t]*no-transaction[ \t]*(\n|$))",
                             std::regex::icase);
  return std::regex_search(sql, re);
}

}  // namespace

std::vector<MigrationFile> make_migrations(
    const std::vector<std::pair<std::string, std::string>>& files, const std::string& where) {
  std::vector<MigrationFile> out;
  for (const auto& [name, raw] : files) {
    if (name.size() < 4 || name.substr(name.size() - 4) != ".sql") continue;
    const auto parsed = parse_migration_name(name);
    if (!parsed) {
      throw ConfigError(where + ": " + name + " is not named <version>_<description>.sql",
                        "rename it (for example 20240101120000_add_jobs.sql) or move it out of "
                        "the migrations folder; relctl never skips a .sql file silently");
    }
    MigrationFile f;
    f.version = parsed->first;
    f.description = parsed->second;
    f.script = name;
    f.sql = normalise_sql_text(raw);
    f.checksum = "sha256:" + core::sha256_hex(f.sql);
    f.no_transaction = starts_with_no_transaction(f.sql);
    out.push_back(std::move(f));
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return compare_versions(a.version, b.version) < 0;
  });
  for (std::size_t i = 1; i < out.size(); ++i) {
    if (compare_versions(out[i - 1].version, out[i].version) == 0) {
      throw ConfigError(where + ": " + out[i - 1].script + " and " + out[i].script +
                            " have the same version " + out[i].version,
                        "give one of them a new, later version");
    }
  }
  return out;
}

}  // namespace relctl::pg
