#pragma once
// Fixtures for the data-release tests: real SQLite snapshots built with
// SQLiteCpp, and a real git repository with a bare origin holding a
// relctl.toml with a [data_release] section. Shared by the integration and
// e2e tests of the data area.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "support/support.hpp"

namespace relctl::test::data {

namespace fs = std::filesystem;

/// A small survivor warehouse: seasons (10), castaways (`castaways` rows)
/// and votes (one per castaway; votes.castaway_id is a declared foreign key,
/// votes.voted_for is not), with foreign keys; `extra_sql` runs after
/// (to break or change it). Replaces any file at `path`.
void make_snapshot(const fs::path& path, const std::string& extra_sql = "", int castaways = 120);

/// Runs `sql` on the database at `path` (read-write).
void exec_sql(const fs::path& path, const std::string& sql);

/// XORs `count` bytes at `offset` of the file with 0x5a.
void flip_bytes(const fs::path& path, std::uintmax_t offset, std::size_t count);

/// The byte offset of the first leaf page of `table` in the database at
/// `path` (from SQLite's dbstat table). Bytes 8.. of it hold its cell pointers.
std::uintmax_t leaf_page_offset(const fs::path& path, const std::string& table);

/// The SHA-256 of the file, computed by `sha256sum` (independent of relctl).
std::string sha256sum(const fs::path& path);

/// The checks of the default test config (all pass on make_snapshot()).
std::string default_checks();

/// The [data_release] section of the default test config, `mode` direct or pr.
std::string data_release_toml(const std::string& mode = "direct", const std::string& extra = "");

/// A work repository with a bare origin: relctl.toml, .gitignore (*.sqlite),
/// one commit pushed to origin/main, and the snapshot built (not committed).
class DataRepo {
 public:
  explicit DataRepo(const std::string& toml_sections = data_release_toml());

  const fs::path& work() const { return work_; }
  const fs::path& origin() const { return origin_; }
  fs::path snapshot() const { return work_ / "data/snap.sqlite"; }
  fs::path manifest() const { return work_ / "data/manifest.json"; }
  fs::path reports() const { return work_ / "reports"; }

  /// Runs relctl in the work tree with a pinned environment.
  ProcessResult relctl(const std::vector<std::string>& args,
                       std::map<std::string, std::string> env = {}) const;
  /// The same with more process options (signals); `options.env` is added.
  ProcessResult relctl_with(const std::vector<std::string>& args, RunOptions options) const;
  /// Runs a shell command (git CLI for setup and inspection) in the work tree.
  std::string git(const std::string& command) const;
  /// Runs a shell command in the bare origin.
  std::string origin_git(const std::string& command) const;
  /// Rewrites relctl.toml and commits and pushes it.
  void set_config(const std::string& toml_sections);
  /// A fresh clone of origin (for reviewers merging a pull request).
  fs::path clone(const std::string& name) const;

 private:
  TempDir tmp_;
  fs::path origin_, work_;
};

/// Everything a release could change, for before/after comparisons: refs,
/// HEAD, the index, the object store, every file of the work tree (the
/// ledger's folder excepted) and the origin's refs.
struct RepoState {
  std::string refs;
  std::string head;
  std::string index;
  std::string objects;
  std::string files;
  std::string origin_refs;
  bool operator==(const RepoState&) const = default;
};
RepoState capture(const DataRepo& repo);

}  // namespace relctl::test::data
