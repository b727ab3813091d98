// pg.migrate: applies the release's pending migrations, in one transaction
// by default ([migrations] transaction = "file": one each; a file starting
// with `-- relctl: no-transaction` runs alone, and so does one with a
// statement that cannot run in a transaction under [migrations] mixed). A
// dry run reads and plans the pending files exactly as the run would, lists
// them with their checksums and touches nothing, not even the history table.

#include <fmt/format.h>

#include "gates/pg/common.hpp"
#include "gates/registered.hpp"
#include "relctl/core/error.hpp"
#include "relctl/pg/connections.hpp"

namespace relctl::gates {

namespace {

// " in one transaction", " in 2 transactions and 1 outside a transaction", ...
std::string mode_text(pg::TransactionMode mode, const std::vector<pg::PlannedGroup>& groups) {
  std::size_t files = 0, transactions = 0, alone = 0;
  for (const auto& g : groups) {
    files += g.size();
    g.front().no_transaction ? ++alone : ++transactions;
  }
  if (files <= 1) return "";
  if (alone == 0 && transactions == 1) return " in one transaction";
  if (alone == 0 && mode == pg::TransactionMode::file) return " in one transaction each";
  std::string out = transactions == 0 ? ""
                                      : fmt::format(" in {} transaction{}", transactions,
                                                    transactions == 1 ? "" : "s");
  if (alone > 0)
    out += fmt::format("{} {} outside a transaction", out.empty() ? "" : " and", alone);
  return out;
}

pg::ApplyOptions apply_options(const core::Context& ctx,
                               const std::vector<pg::MigrationFile>& files, pg::Connection& conn) {
  return {pg_transaction_mode(ctx), ctx.run_id, ctx.config->migrations.mixed, &files,
          conn.query_value("SHOW standard_conforming_strings") != "off"};
}

class PgMigrate final : public RegisteredGate {
 public:
  explicit PgMigrate(ReleaseTree tree) : RegisteredGate("pg.migrate"), tree_(std::move(tree)) {}

  core::Outcome run(core::Context& ctx) override {
    const PgTarget target = pg_target(ctx);
    const auto files = pg_migrations(ctx, tree_);
    pg::Connection& conn = pg_connection(ctx, target);
    // Compared again here, under the lock: pg.history may have run before it.
    const auto cmp = pg::compare_history(files, pg::load_history(conn), tree_.rollback);
    if (!cmp.ok()) {
      throw GateError("the history does not match the files: " + cmp.problems.front(),
                      "run `relctl check pg.history` for every problem; nothing was applied");
    }
    if (cmp.pending.empty()) {
      return core::Outcome::pass(
          cmp.applied == 1
              ? "nothing to apply: the 1 migration is applied"
              : fmt::format("nothing to apply: all {} migrations are applied", cmp.applied));
    }
    const pg::ApplyOptions options = apply_options(ctx, files, conn);
    // Every pending file is read and planned before anything is written.
    const auto groups = pg::plan_migrations(cmp.pending, options);
    pg::ensure_history(conn);
    const auto t0 = std::chrono::steady_clock::now();
    const pg::ConnectOptions session = ctx.pg->connect_options(target.db->name);
    const auto applied = pg::apply_migrations({conn, session, ctx.redactor}, cmp.pending, options);
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0)
            .count();
    applied_ = applied.size();
    nlohmann::json list = nlohmann::json::array();
    std::vector<std::string> names;
    for (const auto& a : applied) {
      list.push_back({{"script", a.script},
                      {"execution_ms", a.execution_ms},
                      {"tx_mode", a.tx_mode},
                      {"statements", a.statements},
                      {"copied_rows", a.copied_rows}});
      names.push_back(a.script);
    }
    return core::Outcome::pass(
        fmt::format("applied {} migration{}{} in {}ms: {}", applied.size(),
                    applied.size() == 1 ? "" : "s", mode_text(options.mode, groups), ms,
                    fmt::join(names, ", ")),
        to_details({{"applied", list}}));
  }

  std::string plan(core::Context& ctx) override {
    const PgTarget target = pg_target(ctx);
    const auto files = pg_migrations(ctx, tree_);
    pg::Connection& conn = pg_connection(ctx, target);
    const auto cmp = pg::compare_history(files, pg::load_history(conn), tree_.rollback);
    if (cmp.pending.empty()) return "would apply nothing: every migration is applied";
    const pg::ApplyOptions options = apply_options(ctx, files, conn);
    const auto groups = pg::plan_migrations(cmp.pending, options);
    std::vector<std::string> items;
    for (const auto& g : groups) {
      for (const auto& p : g) {
        std::string item = p.file->script;
        if (p.no_transaction) item += " [no-transaction: " + p.why + "]";
        if (p.ends_group && options.mode == pg::TransactionMode::all) {
          item += " [adds an enum value: commits after it]";
        }
        items.push_back(item + " " + p.file->checksum);
      }
    }
    return fmt::format("would apply {} migration{}{} to {}: {}", cmp.pending.size(),
                       cmp.pending.size() == 1 ? "" : "s", mode_text(options.mode, groups),
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
