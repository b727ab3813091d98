// pg.migrate: applies the release's pending migrations, in one transaction
// by default ([migrations] transaction = "file": one each; a file starting
// with `-- relctl: no-transaction` runs alone). A dry run lists the pending
// files with their checksums and touches nothing, not even the history table.

#include <fmt/format.h>

#include "gates/pg/common.hpp"
#include "gates/registered.hpp"
#include "relctl/core/error.hpp"

namespace relctl::gates {

namespace {

std::string mode_text(pg::TransactionMode mode, std::size_t count) {
  if (count <= 1) return "";
  return mode == pg::TransactionMode::all ? " in one transaction" : " in one transaction each";
}

class PgMigrate final : public RegisteredGate {
 public:
  explicit PgMigrate(ReleaseTree tree) : RegisteredGate("pg.migrate"), tree_(std::move(tree)) {}

  core::Outcome run(core::Context& ctx) override {
    const PgTarget target = pg_target(ctx);
    const auto mode = pg_transaction_mode(ctx);
    const auto files = pg_migrations(ctx, tree_);
    pg::Connection& conn = pg_connection(ctx, target);
    pg::ensure_history(conn);
    // Compared again here, under the lock: pg.history may have run before it.
    const auto cmp = pg::compare_history(files, pg::load_history(conn), tree_.rollback);
    if (!cmp.ok()) {
      throw GateError("the history does not match the files: " + cmp.problems.front(),
                      "run `relctl check pg.history` for every problem; nothing was applied");
    }
    if (cmp.pending.empty()) {
      return core::Outcome::pass(
          fmt::format("nothing to apply: all {} migrations are applied", cmp.applied));
    }
    const auto t0 = std::chrono::steady_clock::now();
    const auto applied = pg::apply_migrations(conn, cmp.pending, {mode, ctx.run_id});
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0)
            .count();
    applied_ = applied.size();
    nlohmann::json list = nlohmann::json::array();
    std::vector<std::string> names;
    for (const auto& a : applied) {
      list.push_back(
          {{"script", a.script}, {"execution_ms", a.execution_ms}, {"tx_mode", a.tx_mode}});
      names.push_back(a.script);
    }
    return core::Outcome::pass(
        fmt::format("applied {} migration{}{} in {}ms: {}", applied.size(),
                    applied.size() == 1 ? "" : "s", mode_text(mode, applied.size()), ms,
                    fmt::join(names, ", ")),
        to_details({{"applied", list}}));
  }

  std::string plan(core::Context& ctx) override {
    const PgTarget target = pg_target(ctx);
    const auto mode = pg_transaction_mode(ctx);
    const auto files = pg_migrations(ctx, tree_);
    pg::Connection& conn = pg_connection(ctx, target);
    const auto cmp = pg::compare_history(files, pg::load_history(conn), tree_.rollback);
    if (cmp.pending.empty()) return "would apply nothing: every migration is applied";
    std::vector<std::string> items;
    for (const auto* f : cmp.pending) {
      items.push_back(f->script + (f->no_transaction ? " [no-transaction] " : " ") + f->checksum);
    }
    return fmt::format("would apply {} migration{}{} to {}: {}", cmp.pending.size(),
                       cmp.pending.size() == 1 ? "" : "s", mode_text(mode, cmp.pending.size()),
                       target.describe(), fmt::join(items, ", "));
  }

  void undo(core::Context& /*ctx*/) override {
    // Applied migrations are never reverted behind the user's back (SPEC §1:
    // never edit applied migrations); saying so beats a silent "undone".
    if (applied_ > 0) {
      throw GateError(fmt::format("the {} applied migration{} stay{} applied", applied_,
                                  applied_ == 1 ? "" : "s", applied_ == 1 ? "s" : ""),
                      "write a new migration that reverts them if the release is abandoned");
    }
  }

 private:
  ReleaseTree tree_;
  std::size_t applied_ = 0;
};

}  // namespace

std::unique_ptr<core::Gate> make_pg_migrate(ReleaseTree tree) {
  return std::make_unique<PgMigrate>(std::move(tree));
}

}  // namespace relctl::gates
