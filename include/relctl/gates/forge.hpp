#pragma once
// The forge gates: forge.release, forge.pull-request, forge.merged and
// forge.deployment. They join a pipeline only when relctl.toml has a
// [forge] section. Factories only; the classes live in src/gates/forge/.

#include <functional>
#include <memory>
#include <string>

#include "relctl/core/gate.hpp"
#include "relctl/release/plan.hpp"
#include "relctl/release/promotion.hpp"

namespace relctl::gates {

class DataRun;

/// forge.release, after git.push: the release of each of the plan's tags,
/// with its notes (the changelog section, or the data release's manifest
/// facts and tables), marked prerelease for prerelease versions, with
/// SHA256SUMS and the files it lists as assets. A re-run adds only what is
/// missing. It never undoes the push: a failure says to run `relctl publish`.
/// `data` (may be null) is the data release the plan carries.
std::unique_ptr<core::Gate> make_forge_release(std::shared_ptr<release::ReleasePlan> plan,
                                               std::shared_ptr<DataRun> data = nullptr);

/// forge.release for `relctl publish TAG`: the same, for one tag already on
/// the remote, reading notes and assets from the tag.
std::unique_ptr<core::Gate> make_forge_publish(std::string tag);

/// forge.pull-request, after git.push in pr mode: opens the pull (merge)
/// request of the release branch into the main branch, or finds the open one.
std::unique_ptr<core::Gate> make_forge_pull_request(std::shared_ptr<release::ReleasePlan> plan);

/// The branch a release was reviewed on, worked out when the gate runs.
using ReviewBranch = std::function<std::string(core::Context&)>;

/// forge.merged, for --finalize in pr mode: the request from the review
/// branch is merged into the main branch, HEAD contains its merge, and (with
/// [forge] require_checks) its checks passed.
std::unique_ptr<core::Gate> make_forge_merged(ReviewBranch branch);

/// forge.deployment, after deploy.record: the forge's deployment of the
/// release to the environment, with a success status ([forge] deployments).
std::unique_ptr<core::Gate> make_forge_deployment(std::shared_ptr<release::Promotion> promotion);

}  // namespace relctl::gates
