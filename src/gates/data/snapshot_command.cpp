// A [phase verify] command of a data release: it reads the snapshot, so in a
// dry run whose snapshot data.export only builds in a real run it has
// nothing to read and is skipped, saying why. Otherwise it is the command
// gate itself.

#include "gates/data/data_run.hpp"

namespace relctl::gates {

namespace {

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

std::unique_ptr<core::Gate> make_snapshot_command(std::unique_ptr<core::Gate> command,
                                                  std::shared_ptr<DataRun> run) {
  return std::make_unique<SnapshotCommand>(std::move(command), std::move(run));
}

}  // namespace relctl::gates
