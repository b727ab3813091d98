// pg.smoke: runs the environment's smoke SQL file statement by statement in
// a transaction that is always rolled back; any error fails the gate and
// names the statement.

#include <fmt/format.h>

#include "gates/pg/common.hpp"
#include "gates/pg/scratch.hpp"
#include "gates/registered.hpp"
#include "relctl/core/error.hpp"
#include "relctl/pg/sql_script.hpp"
#include "relctl/release/tree.hpp"

namespace relctl::gates {

namespace {

std::string excerpt(const std::string& statement) {
  std::string line = statement.substr(0, statement.find('\n'));
  if (line.size() > 80) line = line.substr(0, 77) + "...";
  return line + (line.size() < statement.size() ? " ..." : "");
}

// Runs each statement in one transaction that is always rolled back;
// returns why the first failing one failed, empty when none did.
std::string run_statements(pg::Connection& conn, const std::vector<pg::SqlStatement>& statements,
                           const std::string& file) {
  pg::ScopedTransaction rolled_back(conn);
  std::size_t n = 0;
  try {
    for (const auto& s : statements) {
      ++n;
      conn.query_one(s.text);  // one statement each, whatever the splitter saw
    }
  } catch (const pg::QueryError& e) {
    const auto& s = statements[n - 1];
    const int line = s.line + (e.line() > 0 ? e.line() - 1 : 0);
    return fmt::format("smoke statement {} of {} ({} line {}) failed: {}: {}", n, statements.size(),
                       file, line, e.server_message(), excerpt(s.text));
  }
  return {};
}

class PgSmoke final : public RegisteredGate {
 public:
  explicit PgSmoke(ReleaseTree tree) : RegisteredGate("pg.smoke"), tree_(std::move(tree)) {}

  core::Outcome run(core::Context& ctx) override {
    const PgTarget target = pg_target(ctx);
    if (!target.env) return core::Outcome::skip("no environment given (pass --env ENV)");
    const std::string& file = target.env->smoke;
    if (file.empty()) {
      return core::Outcome::skip("[environments." + target.env->name + "] has no smoke file");
    }
    const auto text = release::read_file_at(ctx.root(), tree_.tag, file);
    if (!text) {
      throw GateError(
          "smoke file " + file + " is not in " + release::describe_tree(tree_.tag),
          "commit it, or fix smoke = \"...\" in [environments." + target.env->name + "]");
    }
    const auto statements = pg::split_sql(pg::normalise_sql_text(*text));
    for (const auto& s : statements) {
      if (pg::is_transaction_control(s.text)) {
        throw GateError(fmt::format("{} line {}: `{}`: smoke SQL runs in a transaction that "
                                    "relctl rolls back, so it cannot end it",
                                    file, s.line, pg::leading_keywords(s.text, 1).front()),
                        "remove BEGIN/COMMIT/ROLLBACK from the smoke file");
      }
    }
    // A dry run changes nothing, and a rolled-back transaction still
    // advances sequences: it runs the smoke SQL on a scratch database with
    // every migration of the release applied (and dropped) instead.
    if (ctx.dry_run()) {
      std::string failure;
      try {
        with_scratch_database(
            ctx, target, tree_, scratch_name(ctx.run_id, "_smoke"),
            [&](pg::Connection& scratch) { failure = run_statements(scratch, statements, file); });
      } catch (const ScratchRefused& e) {
        return core::Outcome::skip(std::string(e.what()) +
                                   ": a dry run runs smoke SQL only on a scratch database, "
                                   "never on the environment's");
      }
      if (!failure.empty()) {
        throw GateError("on a scratch database with every migration applied: " + failure,
                        "the smoke SQL does not fit this release's schema");
      }
      return core::Outcome::pass(
          fmt::format("{} statement{} of {} ran without error on a scratch database with every "
                      "migration applied (dropped)",
                      statements.size(), statements.size() == 1 ? "" : "s", file),
          to_details({{"file", file}, {"statements", statements.size()}, {"scratch", true}}));
    }
    pg::Connection& conn = pg_connection(ctx, target);
    if (const std::string failure = run_statements(conn, statements, file); !failure.empty()) {
      throw GateError(failure,
                      "the database is not healthy for this release, or the smoke SQL "
                      "is wrong");
    }
    return core::Outcome::pass(
        fmt::format("{} statement{} of {} ran without error (rolled back)", statements.size(),
                    statements.size() == 1 ? "" : "s", file),
        to_details({{"file", file}, {"statements", statements.size()}}));
  }

 private:
  ReleaseTree tree_;
};

}  // namespace

std::unique_ptr<core::Gate> make_pg_smoke(ReleaseTree tree) {
  return std::make_unique<PgSmoke>(std::move(tree));
}

}  // namespace relctl::gates
