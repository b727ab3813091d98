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
};

RuleResult run_rule(pg::Connection& conn, const config::DataCheck& check,
                    const checks::RuleQuery& rule) {
  try {
    pg::ScopedTransaction read_only(conn, /*read_only=*/true);
    const auto value = conn.query_value(rule.sql, rule.params);
    const std::int64_t n = value ? std::stoll(*value) : 0;
    std::vector<std::string> samples;
    if (n > 0 && !rule.sample_sql.empty()) {
      for (const auto& row : conn.query(rule.sample_sql, rule.params)) {
        samples.push_back(row.at(0).value_or("NULL"));
      }
    }
    const auto verdict = checks::judge(check, rule, n, samples);
    return {verdict.ok, verdict.message};
  } catch (const pg::QueryError& e) {
    return {false, "the query failed: " + e.server_message()};
  }
}

class PgChecks final : public RegisteredGate {
 public:
  PgChecks() : RegisteredGate("pg.checks") {}

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
    std::vector<std::string> errors, warnings;
    nlohmann::json details = nlohmann::json::array();
    for (const auto* check : selected) {
      const std::string name = checks::check_name(*check);
      const bool warn_only = check->severity == config::CheckSeverity::warn;
      for (const auto& rule : checks::build_rule_queries(*check, checks::Dialect::postgres)) {
        const RuleResult r = run_rule(conn, *check, rule);
        details.push_back({{"check", name},
                           {"severity", warn_only ? "warn" : "error"},
                           {"ok", r.ok},
                           {"message", r.message}});
        if (!r.ok) (warn_only ? warnings : errors).push_back(name + ": " + r.message);
      }
    }
    const std::string summary =
        fmt::format("{} check{}", selected.size(), selected.size() == 1 ? "" : "s");
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
};

}  // namespace

std::unique_ptr<core::Gate> make_pg_checks() {
  return std::make_unique<PgChecks>();
}

}  // namespace relctl::gates
