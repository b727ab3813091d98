#pragma once
// changelog.write (SPEC §3). Factory only; the class lives in src/gates/changelog/.

#include <memory>

#include "relctl/core/gate.hpp"
#include "relctl/release/plan.hpp"

namespace relctl::gates {

/// changelog.write: prepends the plan's section to code_release.changelog.
std::unique_ptr<core::Gate> make_changelog_write(std::shared_ptr<release::ReleasePlan> plan);

}  // namespace relctl::gates
