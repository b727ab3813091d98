// The actions that publish a release (see append_release_actions in git.hpp).

#include "relctl/gates/git.hpp"

namespace relctl::gates {

void append_release_actions(core::Pipeline& pipeline,
                            const std::shared_ptr<release::ReleasePlan>& plan) {
  const release::ReleaseShape& shape = plan->shape;
  if (shape.opens_review()) pipeline.push_back(make_git_branch_create(plan));
  if (shape.commits()) pipeline.push_back(make_git_commit(plan));
  if (shape.tags_now()) pipeline.push_back(make_git_tag(plan));
  pipeline.push_back(make_git_push(plan));
}

}  // namespace relctl::gates
