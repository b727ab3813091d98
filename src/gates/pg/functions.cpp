// pg.functions: the canonical SQL function signatures ([[functions]]) exist
// in pg_proc, argument types compared after normalising both spellings.
// Names are bound as parameters, never spliced into SQL.

#include <fmt/format.h>

#include <map>

#include "gates/pg/common.hpp"
#include "gates/pg/signature.hpp"
#include "gates/registered.hpp"
#include "relctl/core/error.hpp"

namespace relctl::gates {

namespace {

struct Overload {
  std::string schema;
  std::vector<std::string> args;
};

std::vector<Overload> overloads(pg::Connection& conn, const std::string& schema,
                                const std::string& name) {
  const pg::Rows rows = conn.query(
      "SELECT p.oid::text, n.nspname::text, coalesce(a.i, 0)::text, "
      "       coalesce(format_type(a.t, NULL), '') "
      "FROM pg_proc p "
      "JOIN pg_namespace n ON n.oid = p.pronamespace "
      "LEFT JOIN LATERAL unnest(p.proargtypes::oid[]) WITH ORDINALITY AS a(t, i) ON true "
      "WHERE p.proname = $1 "
      "  AND (n.nspname = $2 OR ($2 = '' AND pg_function_is_visible(p.oid))) "
      "ORDER BY p.oid, a.i",
      {name, schema});
  std::map<std::string, Overload> by_oid;
  std::vector<std::string> order;
  for (const auto& r : rows) {
    const std::string oid = r[0].value_or("");
    auto [it, inserted] = by_oid.try_emplace(oid);
    if (inserted) {
      order.push_back(oid);
      it->second.schema = r[1].value_or("");
    }
    if (r[2].value_or("0") != "0") it->second.args.push_back(r[3].value_or(""));
  }
  std::vector<Overload> out;
  for (const auto& oid : order) out.push_back(by_oid[oid]);
  return out;
}

bool matches(const Overload& o, const std::vector<std::string>& wanted) {
  if (o.args.size() != wanted.size()) return false;
  for (std::size_t i = 0; i < wanted.size(); ++i) {
    if (!same_type(o.args[i], wanted[i])) return false;
  }
  return true;
}

class PgFunctions final : public RegisteredGate {
 public:
  explicit PgFunctions(ReleaseTree tree) : RegisteredGate("pg.functions"), tree_(std::move(tree)) {}

  core::Outcome run(core::Context& ctx) override {
    const PgTarget target = pg_target(ctx);
    if (ctx.config->functions.empty())
      return core::Outcome::skip("no [[functions]] in relctl.toml");
    pg::Connection& conn = pg_connection(ctx, target);
    try {
      return check_functions(ctx, conn);
    } catch (const GateError& e) {
      if (ctx.dry_run()) {
        if (const auto n = pg_pending_count(ctx, conn, tree_); n > 0) {
          return core::Outcome::skip(
              std::to_string(n) + " pending migration(s) would run first and may create them (" +
              e.what() + "); set [migrations] shadow = true for a full rehearsal");
        }
      }
      throw;
    }
  }

 private:
  ReleaseTree tree_;
};

}  // namespace

core::Outcome check_functions(const core::Context& ctx, pg::Connection& conn) {
  std::vector<std::string> problems;
  nlohmann::json details = nlohmann::json::array();
  for (const auto& fn : ctx.config->functions) {
    const auto dot = fn.name.find('.');
    const std::string schema = dot == std::string::npos ? "" : fn.name.substr(0, dot);
    const std::string name = dot == std::string::npos ? fn.name : fn.name.substr(dot + 1);
    const std::string wanted = format_signature(fn.name, fn.args);
    const auto found = overloads(conn, schema, name);
    const bool ok =
        std::any_of(found.begin(), found.end(), [&](const auto& o) { return matches(o, fn.args); });
    nlohmann::json existing = nlohmann::json::array();
    for (const auto& o : found) existing.push_back(format_signature(o.schema + "." + name, o.args));
    details.push_back({{"function", wanted}, {"found", ok}, {"overloads", existing}});
    if (ok) continue;
    if (found.empty()) {
      problems.push_back(wanted + " does not exist");
    } else {
      problems.push_back(fmt::format("{} does not exist (found {})", wanted,
                                     fmt::join(existing.get<std::vector<std::string>>(), ", ")));
    }
  }
  if (!problems.empty()) {
    throw GateError(
        fmt::format("{} of {} function signature{} missing: {}", problems.size(),
                    ctx.config->functions.size(), ctx.config->functions.size() == 1 ? "" : "s",
                    fmt::join(problems, "; ")),
        "the database's functions drifted from the contract: apply the migration "
        "that defines them, or fix [[functions]] in relctl.toml");
  }
  return core::Outcome::pass(
      fmt::format("{} function signature{} present", ctx.config->functions.size(),
                  ctx.config->functions.size() == 1 ? "" : "s"),
      to_details({{"functions", details}}));
}

std::unique_ptr<core::Gate> make_pg_functions(ReleaseTree tree) {
  return std::make_unique<PgFunctions>(std::move(tree));
}

}  // namespace relctl::gates
