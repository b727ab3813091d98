// The actions that publish a release (see parts.hpp).

#include "pipelines/parts.hpp"
#include "relctl/gates/forge.hpp"
#include "relctl/gates/git.hpp"

namespace relctl::pipelines {

void append_release_actions(core::Pipeline& p, const config::Config& cfg,
                            const std::shared_ptr<release::ReleasePlan>& plan,
                            const std::shared_ptr<gates::DataRun>& data) {
  const release::ReleaseShape& shape = plan->shape;
  if (shape.opens_review()) p.push_back(gates::make_git_branch_create(plan));
  if (shape.commits()) p.push_back(gates::make_git_commit(plan));
  if (shape.tags_now()) p.push_back(gates::make_git_tag(plan));
  p.push_back(gates::make_git_push(plan));
  // After the push, which they need and which they never undo: a failure
  // here leaves the release pushed and says how to finish.
  if (!cfg.forge) return;
  if (shape.opens_review()) {
    p.push_back(gates::make_forge_pull_request(plan));
  } else {
    p.push_back(gates::make_forge_release(plan, data));
  }
}

}  // namespace relctl::pipelines
