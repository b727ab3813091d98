// The data-release pipeline (SPEC §4), and its middle part that joint code
// releases share: the snapshot's checks and outputs. docs/data-release.md
// explains every gate.

#include "pipelines/parts.hpp"
#include "relctl/gates/command.hpp"
#include "relctl/gates/forge.hpp"
#include "relctl/gates/git.hpp"
#include "relctl/pipelines/pipelines.hpp"

namespace relctl::pipelines {

core::Pipeline data_release(const config::Config& cfg,
                            const std::shared_ptr<release::ReleasePlan>& plan,
                            const std::shared_ptr<gates::DataRun>& run) {
  const bool finalize = plan->shape.finalize;
  core::Pipeline p;
  // Preflight, read-only and cheap, before a byte of the snapshot is read:
  // a full clone on a release branch, nothing uncommitted but the release's
  // own outputs, and exactly what the remote has.
  p.push_back(gates::make_git_repo());
  p.push_back(gates::make_git_branch());
  p.push_back(gates::make_git_clean());
  p.push_back(gates::make_git_up_to_date());
  // --finalize: the merged release must be intact; its manifest names the
  // release's date, hence the tag that git.tag-free then checks.
  if (finalize) p.push_back(gates::make_data_committed(run));
  // --finalize with a forge: the review request was merged (and its checks
  // passed); its branch is named after the manifest's date.
  if (finalize && cfg.forge) {
    p.push_back(
        gates::make_forge_merged([run](core::Context&) { return gates::data_branch(*run); }));
  }
  // A second release on the same day fails here, in a second, not after
  // checking a gigabyte.
  p.push_back(gates::make_git_tag_free(plan));
  // sqlite.integrity ... data.report (below).
  if (!finalize) append_data_gates(p, cfg, plan, run);
  // In review (pr mode): data-release/YYYYMMDD; one commit of snapshot and
  // manifest (force-added: they are git-ignored) and the validation report;
  // data-YYYYMMDD on it in direct mode (pr mode tags with --finalize); one push.
  append_release_actions(p, cfg, plan, run);
  return p;
}

void append_data_gates(core::Pipeline& p, const config::Config& cfg,
                       const std::shared_ptr<release::ReleasePlan>& plan,
                       const std::shared_ptr<gates::DataRun>& run) {
  const bool joint = plan->shape.kind == release::Kind::joint;
  if (joint && plan->shape.finalize) {
    // Joint --finalize: the merged data release must be intact; its manifest
    // names the date, hence the data tag, which must then be free.
    p.push_back(gates::make_data_committed(run));
    p.push_back(gates::make_git_tag_free(gates::data_tag_plan(*run)));
    return;
  }
  // A joint release's code tag was checked by its own git.tag-free; the data
  // tag gets one too, before a byte of the snapshot is read.
  if (joint) p.push_back(gates::make_git_tag_free(gates::data_tag_plan(*run)));
  // With an export: reach the warehouse and make sure it is the one the
  // config expects (a prod release never exports the dev database), then
  // build the snapshot that every gate below checks.
  if (gates::exports_snapshot(*run)) {
    const std::string database =
        cfg.data_release->export_ ? cfg.data_release->export_->database : "";
    p.push_back(gates::make_pg_connect(database));
    p.push_back(gates::make_pg_env_guard(database));
    p.push_back(gates::make_data_export(run));
  }
  // First to read the snapshot: every later gate assumes a sound SQLite file.
  // It also starts the row counts, the foreign-key check and the hash on the
  // second core, so that they cost no extra time.
  p.push_back(gates::make_sqlite_integrity(run));
  // Its result was computed alongside the integrity check; broken references
  // make the team's own relationship checks below noisy, so it comes first.
  p.push_back(gates::make_sqlite_foreign_keys(run));
  // The team's checks need a sound file, and run on the connection the
  // integrity check has just finished with.
  p.push_back(gates::make_data_checks(run));
  // Comparisons with the previous release: row counts, then the schema.
  p.push_back(gates::make_data_row_drop(run));
  p.push_back(gates::make_data_schema_diff(run));
  // Needs the hash, which the second core finishes last; after the other
  // checks so that a dry run of an unchanged snapshot still reports them all.
  p.push_back(gates::make_data_changed(run));
  // [phase verify]: the team's commands run on a fully checked snapshot,
  // before any file is written (a joint release runs code-release's instead).
  if (!joint) {
    for (const auto* c : commands_for(cfg, "data-release", config::Phase::verify)) {
      p.push_back(gates::make_snapshot_command(gates::make_command_gate(*c), run));
    }
  }
  // The first action: only a snapshot that passed every check gets a
  // manifest, which also fills the commit and tag messages.
  p.push_back(gates::make_data_manifest(run));
  // After the manifest, whose facts it cites; its files join the commit.
  p.push_back(gates::make_data_report(run));
}

}  // namespace relctl::pipelines
