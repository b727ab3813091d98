// data.checks: the team's [[data_release.checks]] on the snapshot (row
// counts, unique, not null, accepted values, relationships, custom SQL).
// The SQL comes from the builder pg.checks shares (gates/checks), so a check
// means the same on the snapshot and on a live database. Each failing rule
// reports how many rows fail and up to five of them; severity = "warn"
// rules warn instead of failing the release.

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "gates/checks/check_sql.hpp"
#include "gates/data/data_run.hpp"
#include "gates/data/json_text.hpp"
#include "gates/data/report_content.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/interrupt.hpp"

namespace relctl::gates {

namespace {

using checks::RuleQuery;
using Rule = RuleQuery::Rule;

const char* rule_name(Rule r) {
  switch (r) {
    case Rule::row_count:
      return "row_count";
    case Rule::unique:
      return "unique";
    case Rule::not_null:
      return "not_null";
    case Rule::accepted_values:
      return "accepted_values";
    case Rule::relationship:
      return "relationship";
    case Rule::custom:
      return "sql";
  }
  return "sql";
}

// A query for up to five offending rows. Every rule query but unique's
// counts the offending rows themselves ("SELECT count(*) FROM t WHERE ..."),
// so the same query selecting * lists them; unique's counts duplicated
// values, whose rows are found through the sample values.
std::optional<std::pair<std::string, std::vector<std::string>>> example_rows_query(
    const config::DataCheck& check, const RuleQuery& rule,
    const std::vector<std::string>& samples) {
  constexpr std::string_view count = "SELECT count(*) ";
  switch (rule.rule) {
    case Rule::row_count:
      return std::nullopt;
    case Rule::unique: {
      if (samples.empty()) return std::nullopt;
      std::string in;
      for (std::size_t i = 0; i < samples.size(); ++i)
        in += (i ? ", ?" : "?") + std::to_string(i + 1);
      const std::string col = checks::quote_identifier(check.column);
      return std::pair{fmt::format("SELECT * FROM {} WHERE CAST({} AS TEXT) IN ({}) ORDER BY {} "
                                   "LIMIT 5",
                                   checks::quote_table(check.table), col, in, col),
                       samples};
    }
    default:
      if (rule.sql.compare(0, count.size(), count) != 0) return std::nullopt;
      return std::pair{"SELECT * " + rule.sql.substr(count.size()) + " LIMIT 5", rule.params};
  }
}

class DataChecks final : public DataGate {
 public:
  explicit DataChecks(std::shared_ptr<DataRun> run) : DataGate("data.checks", std::move(run)) {}

  core::Outcome run(core::Context& ctx) override {
    DataRun& d = data(ctx);
    const auto& configured = d.config().checks;
    if (configured.empty()) {
      return record(core::Outcome::skip("no [[data_release.checks]] configured"));
    }
    if (auto why = unreadable_snapshot(ctx); !why.empty()) return record(core::Outcome::skip(why));
    sqlite::Snapshot& snap = d.scan().connection();

    d.findings.checks.clear();
    std::vector<std::string> failed, warned;
    nlohmann::json results = nlohmann::json::array();
    for (const auto& check : configured) {
      const auto rules = checks::build_rule_queries(check, checks::Dialect::sqlite);
      for (const auto& rule : rules) {
        core::throw_if_interrupted();
        auto f = run_rule(snap, check, rule, rules.size() > 1);
        if (f.status == "failed" || f.status == "error")
          failed.push_back(f.name + ": " + f.message);
        if (f.status == "warned") warned.push_back(f.name + ": " + f.message);
        nlohmann::json entry = {{"name", f.name},
                                {"rule", f.kind},
                                {"status", f.status},
                                {"failing", f.failing},
                                {"message", f.message}};
        if (!f.examples.empty()) entry["examples"] = data::rows_json(f.example_columns, f.examples);
        results.push_back(std::move(entry));
        d.findings.checks.push_back(std::move(f));
      }
    }
    const std::size_t total = d.findings.checks.size();
    const nlohmann::json details = {{"rules", results}};
    if (!failed.empty()) {
      // A failed Outcome rather than an error: its details carry every rule's
      // failing count and example rows into --json, -v and the ledger.
      return record(core::Outcome::fail(
          fmt::format("{} of {} check{} failed: {}. Fix the data (or the export) and rebuild the "
                      "snapshot; -v or --json lists the offending rows",
                      failed.size(), total, total == 1 ? "" : "s", join(failed, "; ")),
          data::compact_json(details)));
    }
    if (!warned.empty()) {
      return record(core::Outcome::warn(
          fmt::format("{} of {} check{} passed; {} warning{} (severity warn): {}",
                      total - warned.size(), total, total == 1 ? "" : "s", warned.size(),
                      warned.size() == 1 ? "" : "s", join(warned, "; ")),
          data::compact_json(details)));
    }
    return record(
        core::Outcome::pass(fmt::format("{} check{} passed", total, total == 1 ? "" : "s"),
                            data::compact_json(details)));
  }

 private:
  static std::string join(const std::vector<std::string>& items, const char* sep) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : sep) + i;
    return out;
  }

  static data::CheckFinding run_rule(sqlite::Snapshot& snap, const config::DataCheck& check,
                                     const RuleQuery& rule, bool several) {
    data::CheckFinding f;
    f.name = checks::check_name(check);
    f.kind = rule_name(rule.rule);
    if (several) f.name += " [" + f.kind + "]";
    f.table = check.table;
    f.column = check.column;
    f.warn_only = check.severity == config::CheckSeverity::warn;
    f.sql = rule.sql;
    try {
      const auto value = snap.scalar(rule.sql, rule.params);
      const std::int64_t measured = value ? std::stoll(value->text) : 0;
      std::vector<std::string> samples;
      if (!rule.sample_sql.empty() && (rule.rule == Rule::row_count ? false : measured > 0)) {
        for (const auto& row : snap.query(rule.sample_sql, rule.params, 5).rows) {
          if (!row.values.empty()) samples.push_back(row.values.front().text);
        }
      }
      const auto verdict = checks::judge(check, rule, measured, samples);
      f.message = verdict.message;
      f.failing = verdict.ok ? 0 : measured;
      f.status = verdict.ok ? "passed" : f.warn_only ? "warned" : "failed";
      if (!verdict.ok) {
        if (const auto q = example_rows_query(check, rule, samples)) {
          const auto rows = snap.query(q->first, q->second, 5);
          f.example_columns = rows.columns;
          f.examples = rows.rows;
        }
      }
    } catch (const GateError& e) {
      // A check that cannot run (no such table, bad SQL) is not a pass.
      f.status = f.warn_only ? "warned" : "error";
      f.message = std::string("could not run: ") + e.what();
    }
    return f;
  }
};

}  // namespace

std::unique_ptr<core::Gate> make_data_checks(std::shared_ptr<DataRun> run) {
  return std::make_unique<DataChecks>(std::move(run));
}

}  // namespace relctl::gates
