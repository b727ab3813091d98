// pg.shadow: a rehearsal on a scratch database on the same server: every
// migration from zero, then the schema guard and the function checks there.
// The scratch database is always dropped: after success, after a failure and
// after Ctrl-C (the statement in flight is cancelled, then the drop runs).

#include <fmt/format.h>

#include "gates/pg/common.hpp"
#include "gates/pg/scratch.hpp"
#include "gates/registered.hpp"
#include "relctl/core/error.hpp"

namespace relctl::gates {

namespace {

class PgShadow final : public RegisteredGate {
 public:
  explicit PgShadow(ReleaseTree tree) : RegisteredGate("pg.shadow"), tree_(std::move(tree)) {}

  core::Outcome run(core::Context& ctx) override {
    const PgTarget target = pg_target(ctx);
    const std::string name = scratch_name(ctx.run_id);
    std::string checks;
    const std::size_t applied = with_scratch_database(
        ctx, target, tree_, name, [&](pg::Connection& scratch) { checks = verify(ctx, scratch); });
    return core::Outcome::pass(
        fmt::format("{} migration{} applied from zero on scratch database "
                    "{}{}; dropped it",
                    applied, applied == 1 ? "" : "s", name, checks));
  }

 private:
  // The schema guard and the [[functions]] on the scratch database.
  std::string verify(core::Context& ctx, pg::Connection& scratch) const {
    std::string summary;
    auto check = [&](const char* what, auto&& run) {
      try {
        const core::Outcome o = run();
        summary += fmt::format("; {}: {}", what, o.message);
      } catch (const GateError& e) {
        throw GateError(fmt::format("on the scratch database, {}: {}", what, e.what()), e.hint());
      }
    };
    if (ctx.config->schema_guard) {
      check("schema guard", [&] { return check_schema_guard(ctx, scratch, tree_); });
    }
    if (!ctx.config->functions.empty()) {
      check("functions", [&] { return check_functions(ctx, scratch); });
    }
    return summary;
  }

  ReleaseTree tree_;
};

}  // namespace

std::unique_ptr<core::Gate> make_pg_shadow(ReleaseTree tree) {
  return std::make_unique<PgShadow>(std::move(tree));
}

}  // namespace relctl::gates
