// The data-release part of a pipeline, shared by `relctl data-release` and
// joint code releases, and the plan a data-release command hands its git
// gates.

#include <algorithm>

#include "gates/data/data_run.hpp"
#include "relctl/gates/command.hpp"
#include "relctl/gates/git.hpp"
#include "relctl/gates/pg.hpp"

namespace relctl::gates {

namespace {

// A [phase verify] command of a data release: it reads the snapshot, so in a
// dry run whose snapshot data.export only builds in a real run it has
// nothing to read and is skipped, saying why.
class SnapshotCommand final : public core::Gate {
 public:
  SnapshotCommand(std::unique_ptr<core::Gate> inner, std::shared_ptr<DataRun> run)
      : inner_(std::move(inner)), run_(std::move(run)) {}

  std::string id() const override { return inner_->id(); }
  std::string description() const override { return inner_->description(); }
  core::Kind kind() const override { return inner_->kind(); }
  core::Severity severity() const override { return inner_->severity(); }
  core::Outcome run(core::Context& ctx) override {
    if (run_->snapshot_pending(ctx)) {
      return core::Outcome::skip("dry run: data.export builds the snapshot in a real run");
    }
    return inner_->run(ctx);
  }
  std::string plan(core::Context& ctx) override { return inner_->plan(ctx); }
  void undo(core::Context& ctx) override { inner_->undo(ctx); }
  bool may_skip(const core::Context& ctx) const override { return inner_->may_skip(ctx); }
  bool reversible() const override { return inner_->reversible(); }

 private:
  std::unique_ptr<core::Gate> inner_;
  std::shared_ptr<DataRun> run_;
};

}  // namespace

void plan_data_release(DataRun& run, release::ReleasePlan& plan) {
  plan.tags = {{run.tag(), "", run.taken_hint()}};  // the message comes with the manifest
  // The release branch is pushed for review; the tag waits for --finalize.
  if (plan.shape.opens_review()) plan.branch = plan.new_branch = run.branch();
}

void append_data_release_gates(core::Pipeline& p, const std::shared_ptr<DataRun>& run) {
  const auto& req = run->request();
  if (run->joint() && run->shape().finalize) {
    // Joint --finalize: the merged data release must be intact; its manifest
    // names the date, hence the data tag, which must then be free.
    p.push_back(make_data_committed(run));
    p.push_back(make_git_tag_free(run->tag_plan()));
    return;
  }
  // A joint release's code tag was checked by its own git.tag-free; the data
  // tag gets one too, before a byte of the snapshot is read.
  if (run->joint()) p.push_back(make_git_tag_free(run->tag_plan()));
  // With an export: reach the warehouse and make sure it is the one the
  // config expects (a prod release never exports the dev database), then
  // build the snapshot that every gate below checks.
  if (req.export_) {
    const std::string database = run->config().export_ ? run->config().export_->database : "";
    p.push_back(make_pg_connect(database));
    p.push_back(make_pg_env_guard(database));
    p.push_back(make_data_export(run));
  }

  // First to read the snapshot: every later gate assumes a sound SQLite file.
  // It also starts the row counts, the foreign-key check and the hash on the
  // second core, so that they cost no extra time.
  p.push_back(make_sqlite_integrity(run));
  // Its result was computed alongside the integrity check; broken references
  // make the team's own relationship checks below noisy, so it comes first.
  p.push_back(make_sqlite_foreign_keys(run));
  // The team's checks need a sound file, and run on the connection the
  // integrity check has just finished with.
  p.push_back(make_data_checks(run));
  // Comparisons with the previous release: row counts, then the schema.
  p.push_back(make_data_row_drop(run));
  p.push_back(make_data_schema_diff(run));
  // Needs the hash, which the second core finishes last; after the other
  // checks so that a dry run of an unchanged snapshot still reports them all.
  p.push_back(make_data_changed(run));
  // [phase verify]: the team's commands run on a fully checked snapshot,
  // before any file is written (a joint release runs code-release's instead).
  if (!run->joint()) {
    for (const auto& c : run->verify_commands()) {
      p.push_back(std::make_unique<SnapshotCommand>(make_command_gate(c), run));
    }
  }
  // The first action: only a snapshot that passed every check gets a
  // manifest, which also fills the commit and tag messages.
  p.push_back(make_data_manifest(run));
  // After the manifest, whose facts it cites; its files join the commit.
  p.push_back(make_data_report(run));
}

}  // namespace relctl::gates
