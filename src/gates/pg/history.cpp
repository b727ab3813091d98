// pg.history: the applied migrations (relctl.schema_history) still match
// the release's files: no applied file edited or gone, no pending file older
// than the newest applied, no failed partial migration. Read-only.

#include <fmt/format.h>

#include "gates/pg/common.hpp"
#include "gates/registered.hpp"
#include "relctl/core/error.hpp"
#include "relctl/release/tree.hpp"

namespace relctl::gates {

namespace {

class PgHistory final : public RegisteredGate {
 public:
  explicit PgHistory(ReleaseTree tree) : RegisteredGate("pg.history"), tree_(std::move(tree)) {}

  core::Outcome run(core::Context& ctx) override {
    const PgTarget target = pg_target(ctx);
    const auto files = pg_migrations(ctx, tree_);
    pg::Connection& conn = pg_connection(ctx, target);
    const auto history = pg::load_history(conn);
    const auto cmp = pg::compare_history(files, history, tree_.rollback);

    nlohmann::json pending = nlohmann::json::array();
    for (const auto* f : cmp.pending)
      pending.push_back({{"script", f->script}, {"checksum", f->checksum}});
    const nlohmann::json details = {{"files", files.size()},
                                    {"applied", cmp.applied},
                                    {"pending", pending},
                                    {"problems", cmp.problems},
                                    {"source", release::describe_tree(tree_.tag)}};
    if (!cmp.ok()) {
      std::string message;
      for (const auto& p : cmp.problems) message += (message.empty() ? "" : "; ") + p;
      throw GateError(message,
                      "never edit or delete an applied migration: restore the file from git and "
                      "write a new migration for the change");
    }
    std::string message = fmt::format("{} applied, {} pending", cmp.applied, cmp.pending.size());
    if (!cmp.pending.empty()) {
      std::vector<std::string> names;
      for (const auto* f : cmp.pending) names.push_back(f->script);
      message += fmt::format(" ({})", fmt::join(names, ", "));
    }
    if (history.empty() && !pg::history_exists(conn)) message += "; no relctl.schema_history yet";
    return core::Outcome::pass(message + " in " + target.describe(), to_details(details));
  }

 private:
  ReleaseTree tree_;
};

}  // namespace

std::unique_ptr<core::Gate> make_pg_history(ReleaseTree tree) {
  return std::make_unique<PgHistory>(std::move(tree));
}

}  // namespace relctl::gates
