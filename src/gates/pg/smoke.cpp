// pg.smoke: runs the environment's smoke SQL file statement by statement in
// a transaction that is always rolled back; any error fails the gate and
// names the statement.

#include <fmt/format.h>

#include "gates/pg/common.hpp"
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
    pg::Connection& conn = pg_connection(ctx, target);
    // Smoke SQL checks; whatever it changes is thrown away with the rollback.
    std::string failure, server_message;
    {
      pg::ScopedTransaction rolled_back(conn);
      std::size_t n = 0;
      try {
        for (const auto& s : statements) {
          ++n;
          conn.query(s.text);
        }
      } catch (const pg::QueryError& e) {
        const auto& s = statements[n - 1];
        const int line = s.line + (e.line() > 0 ? e.line() - 1 : 0);
        server_message = e.server_message();
        failure = fmt::format("smoke statement {} of {} ({} line {}) failed: {}: {}", n,
                              statements.size(), file, line, server_message, excerpt(s.text));
      }
    }
    if (!failure.empty()) {
      // A dry run has not applied the pending migrations the smoke SQL may need.
      if (ctx.dry_run()) {
        if (const auto pending = pg_pending_count(ctx, conn, tree_); pending > 0) {
          return core::Outcome::skip(fmt::format(
              "{} pending migration(s) would run first, so the smoke SQL cannot be judged now "
              "({}); set [migrations] shadow = true for a full rehearsal",
              pending, server_message));
        }
      }
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
