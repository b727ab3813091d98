#pragma once
// The relctl.toml that `relctl init` writes: what it guessed about the
// project, and the commented text built from those guesses.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace relctl::config {

/// What `relctl init` found out about a project. `why` says, per field name
/// ("main_branch", "remote", "snapshot", "migrations_dir", "name",
/// "code_tag"), how the value was guessed, for the summary init prints.
struct StarterGuess {
  std::string name;
  std::string main_branch = "main";
  std::string remote = "origin";
  std::string snapshot;                      // '/'-separated, relative; "" = none found
  std::vector<std::string> other_snapshots;  // more candidates, not used
  std::string migrations_dir;                // '/'-separated, relative; "" = none found
  std::string code_tag;  // the tag template existing release tags follow; "" = none found
  std::map<std::string, std::string> why;
};

/// Fills `guess.snapshot` and `guess.migrations_dir` from the files below
/// `root`: SQLite files (*.sqlite, *.sqlite3, and *.db starting with the
/// SQLite header) and folders named `migrations`, at most 5 folders deep,
/// skipping hidden folders, build* and node_modules; the shallowest wins,
/// then the first in alphabetical order. Unreadable folders are skipped.
void guess_layout(const std::filesystem::path& root, StarterGuess& guess);

/// The commented relctl.toml for `guess`; config::parse() accepts it.
/// With `examples_active`, the commented-out examples are written as live
/// TOML as well (tests use that to prove the examples are valid).
std::string starter_toml(const StarterGuess& guess, bool examples_active = false);

}  // namespace relctl::config
