#pragma once
// changelog.write (SPEC §3). Factory only; the class lives in src/gates/changelog/.

#include <memory>

#include "relctl/core/gate.hpp"
#include "relctl/release/plan.hpp"

namespace relctl::gates {

/// changelog.write: writes each package's section into its changelog, above the newest
/// release, in the file's own format (code_release.changelog for a single project).
std::unique_ptr<core::Gate> make_changelog_write(std::shared_ptr<release::ReleasePlan> plan);

}  // namespace relctl::gates
