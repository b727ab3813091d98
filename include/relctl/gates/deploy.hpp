#pragma once
// deploy.record (SPEC §3), the last gate of `relctl promote` and `relctl
// rollback`. Factory only; the class lives in src/gates/deploy/.

#include <memory>

#include "relctl/core/gate.hpp"
#include "relctl/gates/release.hpp"

namespace relctl::gates {

/// deploy.record: the deployment row in the environment's database (and, for
/// a rollback, the replaced release marked rejected, in the same transaction).
std::unique_ptr<core::Gate> make_deploy_record(std::shared_ptr<release::Promotion> promotion);

}  // namespace relctl::gates
