#include "gates/deploy/deployment.hpp"

#include <cstdio>

#include "gates/pg/common.hpp"
#include "relctl/core/identity.hpp"
#include "relctl/gates/deploy.hpp"

namespace relctl::gates {

namespace deploy {

pg::Deployment row_of(const core::Context& ctx, const release::Promotion& p,
                      release::DeployStatus status) {
  pg::Deployment d;
  d.env = p.env;
  d.tag = p.tag;
  d.commit = p.commit;
  d.version = p.version;
  d.kind = release::to_string(p.kind);
  d.status = release::to_string(status);
  d.actor = core::current_user();
  d.host = core::host_name();
  d.run_id = ctx.run_id;
  d.started_at = p.started_at;
  for (const auto& w : ctx.warnings) d.warnings += (d.warnings.empty() ? "" : "\n") + w;
  return d;
}

}  // namespace deploy

void record_failed_deployment(core::Context& ctx, const release::Promotion& p) {
  if (ctx.dry_run()) return;
  pg::Connection* reached = nullptr;
  try {
    reached = &pg_connection(ctx, pg_target(ctx));
  } catch (const std::exception&) {
    return;  // the database is unreachable: the ledger has the failed run
  }
  pg::Connection& conn = *reached;
  try {
    if (!pg::history_exists(conn)) return;
    // Only a run whose migrations were applied changed the database.
    const auto applied = conn.query_value(
        "SELECT count(*)::text FROM relctl.schema_history WHERE run_id = $1 AND success",
        {ctx.run_id});
    if (applied.value_or("0") == "0") return;
    pg::ensure_deployments(conn);
    pg::insert_deployment(conn, deploy::row_of(ctx, p, release::DeployStatus::failed));
    std::fprintf(stderr,
                 "relctl: %s's migrations were applied before the failure: recorded a failed "
                 "deployment in %s's database\n",
                 p.tag.c_str(), p.env.c_str());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "relctl: warning: could not record the failed deployment: %s\n",
                 ctx.redactor.mask(e.what()).c_str());
  }
}

}  // namespace relctl::gates
