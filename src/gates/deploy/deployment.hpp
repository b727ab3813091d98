#pragma once
// What the deploy gates share: the relctl.deployments row of a promotion or
// rollback (deploy.record writes it on success, record_failed_deployment
// after a failure).

#include "relctl/core/context.hpp"
#include "relctl/pg/deployments.hpp"
#include "relctl/release/promotion.hpp"

namespace relctl::gates::deploy {

/// The row for `p` ended with `status`: who, where, which run, the soft
/// gates that warned so far.
pg::Deployment row_of(const core::Context& ctx, const release::Promotion& p,
                      release::DeployStatus status);

}  // namespace relctl::gates::deploy
