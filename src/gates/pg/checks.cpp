// pg.checks: the [[db_checks]] (the data-check grammar, plus `environments`)
// against the live database, each rule in its own read-only transaction.

#include <fmt/format.h>

#include <algorithm>

#include "gates/checks/check_sql.hpp"
#include "gates/pg/common.hpp"
#include "gates/registered.hpp"
#include "relctl/core/error.hpp"

namespace relctl::gates {

namespace {

bool applies(const config::DataCheck& c, const config::Environment* env) {
  if (c.environments.empty()) return true;
  return env &&
         std::find(c.environments.begin(), c.environments.end(), env->name) != c.environments.end();
}

struct RuleResult {
  bool ok = true;
  std::string message;
  std::string sqlstate;  // when the server refused the query
};

// The server's word for "that relation (or column) is not there".
bool missing_relation(const RuleResult& r) {
  return r.sqlstate == "42P01" || r.sqlstate == "42703" || r.sqlstate == "3F000";
}

// One rule, one statement, in a read-only transaction of a read-only
// session: a check's SQL can neither smuggle in a second statement nor write.
RuleResult run_rule(pg::Connection& conn, const config::DataCheck& check,
                    const checks::RuleQuery& rule) {
  try {
    pg::ReadOnlySession session(conn);
    pg::ScopedTransaction read_only(conn, /*read_only=*/true);
    const auto rows = conn.query_one(rule.sql, rule.params);
    const auto value = rows.empty() || rows.front().empty() ? std::nullopt : rows.front().front();
    const std::int64_t n = value ? std::stoll(*value) : 0;
    std::vector<std::string> samples;
    if (n > 0 && !rule.sample_sql.empty()) {
      for (const auto& row : conn.query_one(rule.sample_sql, rule.params)) {
        samples.push_back(row.at(0).value_or("NULL"));
      }
    }
    const auto verdict = checks::judge(check, rule, n, samples);
    return {verdict.ok, verdict.message, {}};
  } catch (const pg::QueryError& e) {
    return {false, user_sql_failure("the query", e), e.sqlstate()};
  }
}

class PgChecks final : public RegisteredGate {
 public:
  explicit PgChecks(ReleaseTree tree) : RegisteredGate("pg.checks"), tree_(std::move(tree)) {}

  core::Outcome run(core::Context& ctx) override {
    const PgTarget target = pg_target(ctx);
    std::vector<const config::DataCheck*> selected;
    for (const auto& c : ctx.config->db_checks) {
      if (applies(c, target.env)) selected.push_back(&c);
    }
    if (selected.empty()) {
      return core::Outcome::skip("no [[db_checks]] for " + target.describe());
    }
    pg::Connection& conn = pg_connection(ctx, target);
    // A dry run has not applied the pending migrations: a rule on a relation
    // or column they create is skipped with that reason, as the real run
    // checks it after pg.migrate.
    const std::size_t pending = ctx.dry_run() ? pg_pending_count(ctx, conn, tree_) : 0;
    std::vector<std::string> errors, warnings, skipped;
    nlohmann::json details = nlohmann::json::array();
    for (const auto* check : selected) {
      const std::string name = checks::check_name(*check);
      const bool warn_only = check->severity == config::CheckSeverity::warn;
      for (const auto& rule : checks::build_rule_queries(*check, checks::Dialect::postgres)) {
        const RuleResult r = run_rule(conn, *check, rule);
        if (!r.ok && pending > 0 && missing_relation(r)) {
          skipped.push_back(name);
          details.push_back({{"check", name}, {"skipped", r.message}});
          continue;
        }
        details.push_back({{"check", name},
                           {"severity", warn_only ? "warn" : "error"},
                           {"ok", r.ok},
                           {"message", r.message}});
        if (!r.ok) (warn_only ? warnings : errors).push_back(name + ": " + r.message);
      }
    }
    std::string summary =
        fmt::format("{} check{}", selected.size(), selected.size() == 1 ? "" : "s");
    if (!skipped.empty()) {
      const std::string why = fmt::format(
          "{} rule{} skipped in the dry run ({}): {} pending migration{} would run first and "
          "create what {} read{}",
          skipped.size(), skipped.size() == 1 ? "" : "s", fmt::join(skipped, ", "), pending,
          pending == 1 ? "" : "s", skipped.size() == 1 ? "it" : "they",
          skipped.size() == 1 ? "s" : "");
      if (errors.empty() && warnings.empty() && details.size() == skipped.size()) {
        return core::Outcome::skip(why, to_details({{"rules", details}}));
      }
      summary += "; " + why;
    }
    if (!errors.empty()) {
      throw GateError(fmt::format("{} failing rule{} in {}: {}", errors.size(),
                                  errors.size() == 1 ? "" : "s", summary, fmt::join(errors, "; ")),
                      "fix the data, or the check in [[db_checks]] if it is wrong; "
                      "`relctl check pg.checks --env ENV -v` shows every rule");
    }
    if (!warnings.empty()) {
      return core::Outcome::warn(
          fmt::format("{} passed with {} warning{}: {}", summary, warnings.size(),
                      warnings.size() == 1 ? "" : "s", fmt::join(warnings, "; ")),
          to_details({{"rules", details}}));
    }
    return core::Outcome::pass(summary + " passed", to_details({{"rules", details}}));
  }

 private:
  ReleaseTree tree_;
};

}  // namespace

std::unique_ptr<core::Gate> make_pg_checks(ReleaseTree tree) {
  return std::make_unique<PgChecks>(std::move(tree));
}

}  // namespace relctl::gates
