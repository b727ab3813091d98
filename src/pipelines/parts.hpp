#pragma once
// The parts several pipelines share (private to src/pipelines/).

#include <memory>

#include "relctl/config/config.hpp"
#include "relctl/core/runner.hpp"
#include "relctl/gates/data.hpp"
#include "relctl/release/plan.hpp"

namespace relctl::pipelines {

/// The snapshot checks and outputs of a data release, in pipeline order:
/// (with an export: pg.connect and pg.env-guard on the export's database,
/// data.export), sqlite.integrity, sqlite.foreign-keys, data.checks,
/// data.row-drop, data.schema-diff, data.changed, [phase verify],
/// data.manifest, data.report. For a joint release (from `relctl
/// code-release`) they start with the data tag's git.tag-free, and when
/// finalizing they are data.committed and the data tag's git.tag-free only;
/// the code release's git.commit, git.tag and git.push then carry both.
void append_data_gates(core::Pipeline& p, const config::Config& cfg,
                       const std::shared_ptr<release::ReleasePlan>& plan,
                       const std::shared_ptr<gates::DataRun>& run);

/// The actions that publish a release, shared by code-release and
/// data-release, in this order: git.branch-create when the release opens
/// review (as late as possible, so that a failure above leaves no branch
/// behind), git.commit of exactly the files written above (not when
/// finalizing: the merged commit is the release), git.tag on that commit
/// (not when the release goes to review: --finalize tags it after the
/// merge), git.push: the only step that changes the remote, in one push;
/// then, with a [forge], the forge's side of what was pushed:
/// forge.pull-request for a release going to review, else forge.release.
/// `data` (may be null) is the data release the plan carries.
void append_release_actions(core::Pipeline& p, const config::Config& cfg,
                            const std::shared_ptr<release::ReleasePlan>& plan,
                            const std::shared_ptr<gates::DataRun>& data);

}  // namespace relctl::pipelines
