#pragma once
// The data-release gates (SPEC §3-4): sqlite.integrity, sqlite.foreign-keys,
// data.checks, data.row-drop, data.schema-diff, data.changed, data.manifest,
// data.report and data.committed (--finalize). Factories only; the classes
// live in src/gates/sqlite/ and src/gates/data/, one file pair per gate.
//
// The gates of one run share a DataRun: the request, the snapshot being
// released (opened once, checked on two cores), the previous release's
// manifest, and every result the report collects. It also fills the run's
// ReleasePlan (tag, branch, files to commit, messages) for the git gates.

#include <memory>
#include <string>
#include <string_view>

#include "relctl/core/context.hpp"
#include "relctl/core/gate.hpp"
#include "relctl/release/plan.hpp"

namespace relctl::gates {

/// What a data release was asked to do beyond its shape (which its plan
/// carries: finalize, push, joint with a code release).
struct DataRequest {
  std::string date;         // YYYYMMDD: --date, else today's UTC date
  bool date_given = false;  // --date was passed (the finalize hint repeats it)
  bool force = false;       // --force: release a snapshot equal to the previous one
  bool export_ = false;     // build the snapshot from Postgres first (data.export)
};

class DataRun;

/// The shared state of one data release. `plan` is the run's ReleasePlan;
/// the data gates add their outputs and tag to it. Long steps show their
/// progress on ctx.progress (when there is one). Throws ConfigError when
/// relctl.toml has no [data_release].
std::shared_ptr<DataRun> make_data_run(const core::Context& ctx, DataRequest request,
                                       std::shared_ptr<release::ReleasePlan> plan);

/// Fills `plan` for a data-release command (not a joint release): the tag,
/// and the release branch when the release opens review. The tag's message
/// is completed by data.manifest (or data.committed with --finalize).
void plan_data_release(DataRun& run, release::ReleasePlan& plan);

/// The data tag alone, as the plan of its own git.tag-free: a joint release
/// checks both its tags before anything is written.
std::shared_ptr<release::ReleasePlan> data_tag_plan(const DataRun& run);

/// The data release's review branch under its current date
/// (data-release/YYYYMMDD; --finalize takes the merged manifest's date).
std::string data_branch(const DataRun& run);

/// True when the run builds its snapshot from Postgres first (data.export).
bool exports_snapshot(const DataRun& run);

// The gates one by one (relctl check builds them alone, with their own run).
std::unique_ptr<core::Gate> make_sqlite_integrity(std::shared_ptr<DataRun> run = nullptr);
std::unique_ptr<core::Gate> make_sqlite_foreign_keys(std::shared_ptr<DataRun> run = nullptr);
std::unique_ptr<core::Gate> make_data_checks(std::shared_ptr<DataRun> run = nullptr);
std::unique_ptr<core::Gate> make_data_row_drop(std::shared_ptr<DataRun> run = nullptr);
std::unique_ptr<core::Gate> make_data_schema_diff(std::shared_ptr<DataRun> run = nullptr);
std::unique_ptr<core::Gate> make_data_changed(std::shared_ptr<DataRun> run = nullptr);
std::unique_ptr<core::Gate> make_data_manifest(std::shared_ptr<DataRun> run);
std::unique_ptr<core::Gate> make_data_report(std::shared_ptr<DataRun> run);
std::unique_ptr<core::Gate> make_data_committed(std::shared_ptr<DataRun> run = nullptr);
std::unique_ptr<core::Gate> make_data_export(std::shared_ptr<DataRun> run);

/// A [phase verify] command of a data release: `command` itself, except in a
/// dry run that exports, where there is no snapshot yet to run it on
/// (skipped, saying why).
std::unique_ptr<core::Gate> make_snapshot_command(std::unique_ptr<core::Gate> command,
                                                  std::shared_ptr<DataRun> run);

}  // namespace relctl::gates
