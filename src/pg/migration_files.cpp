// Migration files: names, versions, normalised text and checksums.

#include <algorithm>
#include <cctype>
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

namespace fs = std::filesystem;

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

std::string trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  return std::string(s.substr(first, s.find_last_not_of(" \t\r") - first + 1));
}

// `line` without surrounding blanks, lower-cased, inner runs of blanks as one space.
std::string squeeze(std::string_view line) {
  std::string out;
  for (char c : line) {
    if (c == ' ' || c == '\t' || c == '\r') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// Reads the file's markers: relctl's header on the first line, the
// no-transaction markers of goose, dbmate and postgres-migrations on any
// line, and where a goose or dbmate down section starts.
void read_markers(MigrationFile& f) {
  f.run_size = f.sql.size();
  std::size_t at = 0;
  bool first = true;
  while (at < f.sql.size()) {
    const std::size_t nl = f.sql.find('\n', at);
    const std::size_t end = nl == std::string::npos ? f.sql.size() : nl;
    const std::string_view raw = std::string_view(f.sql).substr(at, end - at);
    // Only comment lines can be markers; skip everything else cheaply.
    const auto lead = raw.find_first_not_of(" \t");
    if (lead != std::string_view::npos && raw.compare(lead, 2, "--") == 0) {
      const std::string line = squeeze(raw.substr(lead + 2));
      const bool relctl =
          first && (line == "relctl: no-transaction" || line == "relctl:no-transaction");
      if (relctl || line == "+goose no transaction" ||
          line == "postgres-migrations disable-transaction" ||
          line.rfind("migrate:up transaction:false", 0) == 0) {
        if (!f.no_transaction) f.marker = "-- " + trim(raw.substr(lead + 2));
        f.no_transaction = true;
      }
      if (line == "+goose down" || line.rfind("migrate:down", 0) == 0) {
        f.run_size = at;
        return;
      }
    }
    first = false;
    at = end + 1;
  }
}

// What a directory entry is, when it is not a regular file (or a symlink to one).
std::string irregular_kind(const fs::directory_entry& entry) {
  std::error_code ec;
  const fs::file_status st = entry.status(ec);
  if (!ec && fs::is_regular_file(st)) return {};
  const bool link = fs::is_symlink(entry.symlink_status(ec));
  switch (st.type()) {
    case fs::file_type::directory:
      return link ? "a symlink to a directory" : "a directory";
    case fs::file_type::fifo:
      return "a FIFO";
    case fs::file_type::block:
      return "a block device";
    case fs::file_type::character:
      return "a character device";
    case fs::file_type::socket:
      return "a socket";
    case fs::file_type::not_found:
      return link ? "a dangling symlink" : "gone while relctl read the folder";
    default:
      return link ? "a symlink relctl cannot follow" : "not a regular file";
  }
}

}  // namespace

std::vector<MigrationFile> make_migrations(
    const std::vector<std::pair<std::string, std::string>>& files, const std::string& where) {
  std::vector<MigrationFile> out;
  for (const auto& [name, raw] : files) {
    if (!ends_with(name, ".sql")) continue;
    if (ends_with(name, ".down.sql")) {
      throw ConfigError(where + ": " + name + " is a down migration",
                        "relctl applies every .sql file of the folder and has no down "
                        "migrations: move the .down.sql files out of it (keep them elsewhere "
                        "if another tool still needs them)");
    }
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
    read_markers(f);
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

void refuse_irregular_entries(const fs::path& folder, const std::string& where) {
  std::vector<std::string> bad;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (!ends_with(name, ".sql")) continue;
    if (const std::string kind = irregular_kind(*it); !kind.empty()) {
      bad.push_back(name + " (" + kind + ")");
    }
  }
  if (bad.empty()) return;
  std::sort(bad.begin(), bad.end());
  std::string list;
  for (const auto& b : bad) list += (list.empty() ? "" : ", ") + b;
  throw ConfigError(where + ": " + list + (bad.size() == 1 ? " is" : " are") +
                        " named like a migration but not a regular file",
                    "make it a regular file, or rename or move it out of the migrations folder; "
                    "relctl never skips a migration silently");
}

}  // namespace relctl::pg
