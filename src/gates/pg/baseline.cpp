// pg.baseline: adopts a database that another tool migrated. Finds that
// tool's history table (or takes --version V), maps its entries to the
// migration files and records them in relctl.schema_history with relctl's
// checksums, refusing when files and history disagree. A dry run shows what
// it would record and writes nothing.

#include <fmt/format.h>

#include <algorithm>

#include "gates/pg/common.hpp"
#include "gates/registered.hpp"
#include "relctl/core/error.hpp"
#include "relctl/pg/baseline.hpp"

namespace relctl::gates {

namespace {

std::string tool_list(const std::vector<pg::ForeignHistory>& found) {
  std::string out;
  for (const auto& h : found) out += (out.empty() ? "" : ", ") + h.tool + " (" + h.table + ")";
  return out;
}

class PgBaseline final : public RegisteredGate {
 public:
  explicit PgBaseline(BaselineSource source)
      : RegisteredGate("pg.baseline"), source_(std::move(source)) {}

  core::Outcome run(core::Context& ctx) override {
    pg::Connection& conn = pg_connection(ctx, pg_target(ctx));
    const auto files = pg_migrations(ctx, {});
    const pg::BaselinePlan plan = make_plan(conn, files);
    pg::write_baseline(conn, plan, ctx.run_id);
    written_ = true;
    nlohmann::json entries = nlohmann::json::array();
    for (const auto& e : plan.entries) {
      entries.push_back(
          {{"script", e.file->script}, {"checksum", e.file->checksum}, {"evidence", e.evidence}});
    }
    return core::Outcome::pass(
        fmt::format("recorded {} migration{} as applied from {}: {}", plan.entries.size(),
                    plan.entries.size() == 1 ? "" : "s", plan.source, names(plan)) +
            notes(plan),
        to_details({{"source", plan.source}, {"recorded", entries}, {"notes", plan.notes}}));
  }

  std::string plan(core::Context& ctx) override {
    pg::Connection& conn = pg_connection(ctx, pg_target(ctx));
    const auto files = pg_migrations(ctx, {});
    const pg::BaselinePlan plan = make_plan(conn, files);
    if (const auto rows = pg::load_history(conn); !rows.empty()) {
      throw GateError(fmt::format("relctl.schema_history already records {} migrations; baseline "
                                  "adopts a database relctl has not migrated yet",
                                  rows.size()),
                      "run `relctl check pg.history` to compare the files with it");
    }
    std::vector<std::string> items;
    for (const auto& e : plan.entries) {
      items.push_back(e.file->script + " " + e.file->checksum + " (" + e.evidence + ")");
    }
    return fmt::format("would record {} migration{} as applied from {}: {}", plan.entries.size(),
                       plan.entries.size() == 1 ? "" : "s", plan.source, fmt::join(items, ", ")) +
           notes(plan);
  }

  void undo(core::Context& ctx) override {
    if (written_) pg::remove_baseline(pg_connection(ctx, pg_target(ctx)), ctx.run_id);
  }

 private:
  pg::BaselinePlan make_plan(pg::Connection& conn, const std::vector<pg::MigrationFile>& files) {
    if (!source_.version.empty()) return pg::plan_baseline_to(source_.version, files);
    auto found = pg::find_foreign_histories(conn);
    if (!source_.tool.empty()) {
      found.erase(std::remove_if(found.begin(), found.end(),
                                 [&](const auto& h) { return h.tool != source_.tool; }),
                  found.end());
    }
    if (found.empty()) {
      throw GateError(source_.tool.empty()
                          ? "no other tool's migration history in the database (looked for Flyway, "
                            "Liquibase, golang-migrate, goose, dbmate, sqitch, Prisma and Supabase)"
                          : "no " + source_.tool + " migration history in the database",
                      "record by hand with `relctl migrate baseline --version V` (every file up to "
                      "version V is applied)");
    }
    if (found.size() > 1) {
      throw UsageError("the database holds several migration histories: " + tool_list(found),
                       "pass --from TOOL to name the one to adopt");
    }
    return pg::plan_baseline(conn, found.front(), files);
  }

  static std::string names(const pg::BaselinePlan& plan) {
    std::string out;
    for (const auto& e : plan.entries) out += (out.empty() ? "" : ", ") + e.file->script;
    return out;
  }
  static std::string notes(const pg::BaselinePlan& plan) {
    std::string out;
    for (const auto& n : plan.notes) out += "; " + n;
    return out;
  }

  BaselineSource source_;
  bool written_ = false;
};

}  // namespace

std::unique_ptr<core::Gate> make_pg_baseline(BaselineSource source) {
  return std::make_unique<PgBaseline>(std::move(source));
}

}  // namespace relctl::gates
