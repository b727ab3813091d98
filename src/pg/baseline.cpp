// Mapping another tool's history to the migration files and recording it in
// relctl.schema_history (see baseline.hpp).

#include "relctl/pg/baseline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <set>

#include "pg/baseline_internal.hpp"
#include "pg/migrator_internal.hpp"
#include "relctl/core/sha256.hpp"
#include "relctl/pg/connection.hpp"

namespace relctl::pg {

namespace {

std::uint32_t crc32_update(std::uint32_t crc, std::string_view bytes) {
  static const auto table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
      std::uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  for (unsigned char b : bytes) crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8);
  return crc;
}

bool all_digits(const std::string& s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
}

// "<version>_add_users.sql" -> "add_users"
std::string change_name(const MigrationFile& f) {
  const std::string& s = f.script;
  const auto us = s.find('_');
  return s.substr(us + 1, s.size() - us - 1 - 4);
}

int changeset_lines(std::string_view sql) {
  int n = 0;
  for (std::size_t at = 0; (at = sql.find("--changeset", at)) != std::string_view::npos; ++at) {
    if (at == 0 || sql[at - 1] == '\n') ++n;
  }
  return n;
}

const MigrationFile* match(const ForeignState& s, const ForeignEntry& e,
                           const std::vector<MigrationFile>& files) {
  for (const auto& f : files) {
    const bool hit = (s.key == ForeignKey::version && compare_versions(f.version, e.key) == 0) ||
                     (s.key == ForeignKey::stem && f.script == e.key + ".sql") ||
                     (s.key == ForeignKey::script && f.script == e.key) ||
                     (s.key == ForeignKey::change_name && change_name(f) == e.key);
    if (hit) return &f;
  }
  return nullptr;
}

// Why `f` is not what the tool ran, or empty; `evidence` gains what was checked.
std::string content_check(const ForeignEntry& e, const MigrationFile& f, std::string& evidence) {
  if (e.flyway_crc32) {
    if (flyway_checksum(f.sql) != *e.flyway_crc32) {
      return fmt::format(
          "{} differs from what ran as {}: Flyway recorded checksum {}, the file "
          "has {}",
          f.script, e.label, *e.flyway_crc32, flyway_checksum(f.sql));
    }
    evidence += ", checksum matches";
  }
  if (e.sha256.size() == 64) {
    if (core::sha256_hex(f.sql) != e.sha256) {
      return f.script + " differs from what ran as " + e.label + " (its SHA-256 " + e.sha256 +
             " is not the file's)";
    }
    evidence += ", checksum matches";
  }
  if (e.changesets > 0) {
    const int in_file = changeset_lines(f.sql);
    if (in_file > e.changesets) {
      return fmt::format("{}: {} of its {} changesets ran", f.script, e.changesets, in_file);
    }
    evidence += fmt::format(", {} changeset{}", e.changesets, e.changesets == 1 ? "" : "s");
  }
  return {};
}

}  // namespace

int flyway_checksum(std::string_view sql) {
  if (sql.substr(0, 3) == "\xEF\xBB\xBF") sql.remove_prefix(3);
  std::uint32_t crc = 0xFFFFFFFFu;
  std::size_t at = 0;
  while (at < sql.size()) {
    const std::size_t end = sql.find_first_of("\r\n", at);
    crc = crc32_update(crc, sql.substr(at, end == std::string_view::npos ? end : end - at));
    if (end == std::string_view::npos) break;
    at = end + (sql[end] == '\r' && end + 1 < sql.size() && sql[end + 1] == '\n' ? 2 : 1);
  }
  return static_cast<int>(crc ^ 0xFFFFFFFFu);
}

BaselinePlan plan_baseline(Connection& conn, const ForeignHistory& history,
                           const std::vector<MigrationFile>& files) {
  const ForeignState s = read_foreign_history(conn, history);
  BaselinePlan plan{s.source, {}, s.notes};
  std::vector<std::string> problems = s.problems;
  std::set<const MigrationFile*> applied;
  auto add = [&](const MigrationFile* f, std::string evidence) {
    if (applied.insert(f).second) plan.entries.push_back({f, std::move(evidence)});
  };
  if (s.up_to) {
    for (const auto& f : files) {
      if (compare_versions(f.version, *s.up_to) <= 0) add(&f, s.up_to_label);
    }
  }
  for (const auto& e : s.applied) {
    if (s.key == ForeignKey::version && !all_digits(e.key)) {
      problems.push_back(e.label + " has no relctl file: relctl versions are whole numbers");
      continue;
    }
    const MigrationFile* f = match(s, e, files);
    if (!f) {
      problems.push_back(e.label + " ran, but no file in the migrations folder matches it");
      continue;
    }
    std::string evidence = e.label;
    if (std::string why = content_check(e, *f, evidence); !why.empty()) {
      problems.push_back(why);
      continue;
    }
    add(f, evidence);
  }
  const MigrationFile* newest = nullptr;
  for (const auto* f : applied) {
    if (!newest || compare_versions(f->version, newest->version) > 0) newest = f;
  }
  for (const auto& f : files) {
    if (newest && !applied.count(&f) && compare_versions(f.version, newest->version) < 0) {
      problems.push_back(f.script + " did not run according to " + s.source + ", but " +
                         newest->script + " (newer) did");
    }
  }
  if (!problems.empty()) {
    std::string list;
    for (const auto& p : problems) list += (list.empty() ? "" : "; ") + p;
    throw GateError("the files and " + s.source + " disagree: " + list + "; nothing was recorded",
                    "make the migrations folder hold exactly what that tool applied (as "
                    "<version>_<description>.sql files), or record by hand with "
                    "`relctl migrate baseline --version V`");
  }
  if (plan.entries.empty()) {
    throw GateError(s.source + " records no applied migration; nothing to baseline",
                    "run `relctl migrate` to apply the files instead");
  }
  std::sort(plan.entries.begin(), plan.entries.end(), [](const auto& a, const auto& b) {
    return compare_versions(a.file->version, b.file->version) < 0;
  });
  return plan;
}

BaselinePlan plan_baseline_to(const std::string& version, const std::vector<MigrationFile>& files) {
  BaselinePlan plan{"--version " + version, {}, {}};
  bool found = false;
  for (const auto& f : files) {
    if (compare_versions(f.version, version) > 0) break;
    found = found || compare_versions(f.version, version) == 0;
    plan.entries.push_back({&f, "at or below --version " + version});
  }
  if (!all_digits(version) || !found) {
    throw UsageError("--version " + version + ": no migration file has that version",
                     "pass the version (leading digits) of the newest file already applied");
  }
  return plan;
}

void write_baseline(Connection& conn, const BaselinePlan& plan, const std::string& run_id) {
  ensure_history(conn);
  ScopedTransaction tx(conn);
  conn.query("LOCK TABLE relctl.schema_history IN EXCLUSIVE MODE");
  const std::string rows =
      conn.query_value("SELECT count(*) FROM relctl.schema_history").value_or("0");
  if (rows != "0") {
    throw GateError("relctl.schema_history already records " + rows +
                        " migrations; baseline adopts a database relctl has not migrated yet",
                    "run `relctl check pg.history` to compare the files with it; nothing was "
                    "recorded");
  }
  for (const auto& e : plan.entries) {
    const auto [sql, params] = history_insert({e.file, 0, "baseline", "none", run_id});
    conn.query(sql, params);
  }
  tx.commit();
}

void remove_baseline(Connection& conn, const std::string& run_id) {
  conn.query("DELETE FROM relctl.schema_history WHERE status = 'baseline' AND run_id = $1",
             {run_id});
}

}  // namespace relctl::pg
