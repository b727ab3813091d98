#pragma once
// manifest.json (SPEC §6): what a data release contains, written so that it
// diffs well (keys sorted, 2-space indent, trailing newline) and so that the
// same snapshot always gives the same bytes apart from created_at and
// git_commit.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace relctl::gates::data {

/// The largest manifest relctl reads; one that lists a few thousand tables
/// is a few megabytes.
constexpr std::size_t max_manifest_bytes = 64 * 1024 * 1024;

struct ManifestTable {
  std::int64_t rows = 0;
  std::vector<std::pair<std::string, std::string>> columns;  // [name, declared type], in order
};

/// Where data.export read the snapshot from: one REPEATABLE READ read-only
/// transaction on this server, database and schema.
struct ManifestSource {
  std::string server_version;
  std::string database;
  std::string schema;
  std::string read = "repeatable read, read only";
};

struct Manifest {
  std::string relctl_version;
  std::string created_at;                       // UTC ISO-8601
  std::string git_commit;                       // the commit the release was built on
  std::optional<std::string> ingestion_run_id;  // null when not configured
  std::optional<std::string> upstream_version;  // null when not configured
  std::string snapshot_path;                    // as configured, '/' separated
  std::uintmax_t snapshot_bytes = 0;
  std::string snapshot_sha256;
  std::string schema_sha256;
  std::map<std::string, ManifestTable> tables;
  std::optional<ManifestSource> source;  // "source": only for exported snapshots

  /// The file's exact bytes.
  std::string to_json() const;

  /// Reads a manifest written by any relctl version; unknown keys are
  /// ignored. Throws GateError naming `where` when it is not one: larger
  /// than max_manifest_bytes, not JSON, or a field of the wrong type (named
  /// with the type it must have).
  static Manifest parse(std::string_view text, const std::string& where);

  /// The {manifest.*} template values (SPEC §5): manifest.table_count,
  /// manifest.tables ("a, b, c"), manifest.snapshot.sha256, ...
  std::map<std::string, std::string> placeholders() const;

  /// "castaways (810 rows), seasons (45 rows)": for tag messages and notes.
  std::string table_summary() const;
};

}  // namespace relctl::gates::data
