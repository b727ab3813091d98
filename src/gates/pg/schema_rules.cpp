#include "gates/pg/schema_rules.hpp"

#include <fmt/format.h>

#include <charconv>
#include <tuple>

namespace relctl::gates {

namespace {

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

bool parse_number(std::string_view part, long& out) {
  if (part.empty() || part.size() > 9) return false;
  for (char c : part) {
    if (c < '0' || c > '9') return false;
  }
  const auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), out);
  return ec == std::errc() && ptr == part.data() + part.size();
}

std::string show(const SchemaVersion& v) {
  return fmt::format("{}.{}.{}", v.major, v.minor, v.patch);
}

}  // namespace

std::optional<SchemaVersion> parse_schema_version(std::string_view text) {
  text = trim(text);
  if (!text.empty() && (text.front() == 'v' || text.front() == 'V')) text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  long parts[3] = {0, 0, 0};
  int n = 0;
  while (true) {
    if (n == 3) return std::nullopt;
    const auto dot = text.find('.');
    if (!parse_number(text.substr(0, dot), parts[n++])) return std::nullopt;
    if (dot == std::string_view::npos) break;
    text.remove_prefix(dot + 1);
  }
  return SchemaVersion{parts[0], parts[1], parts[2]};
}

SchemaVerdict judge_schema_versions(std::string_view app_text, std::string_view db_text) {
  const auto app = parse_schema_version(app_text);
  const auto db = parse_schema_version(db_text);
  if (!app) {
    return {
        false,
        fmt::format("the application's schema version \"{}\" is not MAJOR.MINOR.PATCH", app_text),
        "fix the application's schema version (for example 1.4.0)"};
  }
  if (!db) {
    return {false,
            fmt::format("the database's schema version \"{}\" is not MAJOR.MINOR.PATCH", db_text),
            "fix the version the database records (db_version_sql), for example 1.4.0"};
  }
  const auto a = std::tie(app->major, app->minor, app->patch);
  const auto d = std::tie(db->major, db->minor, db->patch);
  if (app->major != db->major) {
    return {false,
            fmt::format("major schema versions differ: application {}, database {}", show(*app),
                        show(*db)),
            app->major > db->major
                ? "run the migrations of this release (relctl migrate) first"
                : "the database is a major version ahead: this release cannot run on it"};
  }
  if (a == d) return {true, fmt::format("schema version {} on both sides", show(*app)), ""};
  if (d > a) {
    return {true,
            fmt::format("database schema {} is ahead of the application's {} in minor/patch: "
                        "compatible",
                        show(*db), show(*app)),
            ""};
  }
  return {false,
          fmt::format("the application needs schema {} but the database is at {}", show(*app),
                      show(*db)),
          "run migrations (relctl migrate --env ENV) before deploying this release"};
}

}  // namespace relctl::gates
