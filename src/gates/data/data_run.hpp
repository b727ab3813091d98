#pragma once
// DataRun: what the data gates of one run share (see relctl/gates/data.hpp),
// and DataGate, their common base. Private to src/gates.

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gates/data/manifest.hpp"
#include "gates/git/support.hpp"
#include "gates/registered.hpp"
#include "relctl/config/config.hpp"
#include "relctl/core/context.hpp"
#include "relctl/gates/data.hpp"
#include "relctl/sqlite/scan.hpp"

namespace relctl::gates {

namespace data {

/// The data release before this one: its tag and manifest, read from git.
struct Previous {
  std::string tag;  // "" for a first release
  std::string commit;
  std::optional<Manifest> manifest;
  std::string problem;  // why there is no manifest to compare with
  bool first() const { return tag.empty(); }
};

/// One data check as it ended, for the gate's output and the report.
struct CheckFinding {
  std::string name;
  std::string kind;  // row_count | unique | not_null | accepted_values | relationship | sql
  std::string table;
  std::string column;
  bool warn_only = false;  // severity = "warn"
  std::string status;      // passed | failed | warned | error
  std::string message;     // one line: what was found
  std::int64_t failing = 0;
  std::vector<std::string> example_columns;
  std::vector<sqlite::Row> examples;  // up to 5
  std::string sql;                    // what ran
};

/// How a gate ended, as the report shows it.
struct GateFinding {
  std::string status;
  std::string message;
};

/// Where data.export read the snapshot from (the manifest's "source").
struct ExportFacts {
  std::string server_version;
  std::string database;
  std::string schema;
  std::size_t tables = 0;
  std::int64_t rows = 0;
};

struct Findings {
  std::map<std::string, GateFinding> gates;  // by gate id
  std::vector<CheckFinding> checks;
  std::optional<sqlite::ForeignKeyReport> foreign_keys;
  std::vector<std::string> integrity_problems;
};

}  // namespace data

class DataRun {
 public:
  DataRun(const core::Context& ctx, DataRequest request,
          std::shared_ptr<release::ReleasePlan> plan);

  const DataRequest& request() const { return request_; }
  /// The release's shape (the plan's): finalize, push, joint or not.
  const release::ReleaseShape& shape() const { return plan_->shape; }
  /// Part of a code release: one commit, both tags on it.
  bool joint() const { return plan_->shape.kind == release::Kind::joint; }
  const config::DataRelease& config() const { return config_; }
  release::ReleasePlan& plan() { return *plan_; }
  const std::string& tag() const { return tag_; }
  const std::string& branch() const { return branch_; }
  /// Releases under `date` (YYYYMMDD) instead: renames the tag and branch,
  /// in the plan too (--finalize takes the date of the merged manifest).
  void set_date(const std::string& date);
  const std::filesystem::path& snapshot_file() const { return snapshot_file_; }
  const std::filesystem::path& manifest_file() const { return manifest_file_; }
  std::filesystem::path reports_root() const;
  /// The glob of every tag the tag template makes ("data-*").
  std::string tag_glob() const;

  /// A plan holding only the data tag, for the data tag's git.tag-free in a
  /// joint release (the code release's plan gets the data tag later).
  const std::shared_ptr<release::ReleasePlan>& tag_plan() const { return tag_plan_; }
  /// git.tag-free's hint when the data tag exists already.
  std::string taken_hint() const;

  /// The snapshot, read once for every gate of the run.
  sqlite::SnapshotScan& scan();
  /// True in a dry run that exports: the snapshot is built only in a real
  /// run, so the gates that read it have nothing to read.
  bool snapshot_pending(const core::Context& ctx) const {
    return request_.export_ && ctx.dry_run();
  }
  /// Where the progress of long steps goes (may be null).
  const std::shared_ptr<core::Progress>& progress() const { return progress_; }

  /// The repository (the command's, or one opened for relctl check).
  git::Repository& repo(core::Context& ctx) { return repo_.get(ctx); }
  /// `path` from relctl.toml, relative to the git work tree.
  std::string in_worktree(core::Context& ctx, const std::string& path);

  /// The newest data-* tag before this release's, and its manifest.
  const data::Previous& previous(core::Context& ctx);

  /// What the gates found, for data.report.
  data::Findings findings;
  /// The manifest data.manifest wrote (or would write).
  std::optional<data::Manifest> manifest;
  /// What data.export read, once it has.
  std::optional<data::ExportFacts> exported;

 private:
  DataRequest request_;
  config::DataRelease config_;
  std::filesystem::path root_;
  std::shared_ptr<release::ReleasePlan> plan_;
  std::shared_ptr<release::ReleasePlan> tag_plan_ = std::make_shared<release::ReleasePlan>();
  std::shared_ptr<core::Progress> progress_;
  std::string tag_;
  std::string branch_;
  std::filesystem::path snapshot_file_;
  std::filesystem::path manifest_file_;
  std::unique_ptr<sqlite::SnapshotScan> scan_;
  std::optional<data::Previous> previous_;
  git_support::RepoAccess repo_;
};

/// Base of the data gates: reaches the run, or makes a run of its own when
/// the gate was built alone (relctl check).
class DataGate : public RegisteredGate {
 public:
  DataGate(std::string_view id, std::shared_ptr<DataRun> run)
      : RegisteredGate(id), run_(std::move(run)) {}

 protected:
  DataRun& data(core::Context& ctx);
  /// Records how the gate ended for the report and returns `outcome`.
  core::Outcome record(core::Outcome outcome);
  /// The reason to skip when the snapshot could not be opened by an earlier
  /// gate (which reported why), or "".
  std::string unreadable_snapshot(core::Context& ctx);
  /// For gates comparing with the previous data release: the outcome when
  /// there is nothing to compare (a first release, no readable manifest, an
  /// unreadable snapshot), already recorded; nullopt when the gate can compare.
  /// `what` ends "no earlier data-* tag to compare <what> with".
  std::optional<core::Outcome> nothing_to_compare(core::Context& ctx, const std::string& what);

  std::shared_ptr<DataRun> run_;
};

}  // namespace relctl::gates
