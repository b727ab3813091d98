#pragma once
// What baseline.cpp maps to files: another tool's history read into one
// shape (see baseline_tools.cpp). Private to src/pg.

#include <optional>
#include <string>
#include <vector>

#include "relctl/pg/baseline.hpp"

namespace relctl::pg {

/// How a tool's entries name the files they came from.
enum class ForeignKey {
  version,      // a version number: the file with that version
  stem,         // the file name without .sql (Prisma's migration_name)
  script,       // a path whose last part is the file name (Liquibase's filename)
  change_name,  // the name after "<version>_" (sqitch's change)
};

struct ForeignEntry {
  std::string key;
  std::string label;  // how the tool names it: "version 3 (V3__jobs.sql)"
  std::optional<int> flyway_crc32;
  std::string sha256;  // Prisma: hex SHA-256 of the file
  int changesets = 0;  // Liquibase: changesets of this file that ran
};

/// Another tool's history, read.
struct ForeignState {
  std::string source;  // "Flyway's public.flyway_schema_history"
  ForeignKey key = ForeignKey::version;
  std::vector<ForeignEntry> applied;
  std::optional<std::string> up_to;  // every file up to this version is applied
  std::string up_to_label;
  std::vector<std::string> problems;  // failed or dirty entries
  std::vector<std::string> notes;     // entries relctl leaves aside
};

/// Reads `history` (one of baseline_tools()) through `conn`.
ForeignState read_foreign_history(Connection& conn, const ForeignHistory& history);

}  // namespace relctl::pg
