// The actions that publish a release (see parts.hpp).

#include "pipelines/parts.hpp"
#include "relctl/gates/git.hpp"

namespace relctl::pipelines {

void append_release_actions(core::Pipeline& p, const std::shared_ptr<release::ReleasePlan>& plan) {
  const release::ReleaseShape& shape = plan->shape;
  if (shape.opens_review()) p.push_back(gates::make_git_branch_create(plan));
  if (shape.commits()) p.push_back(gates::make_git_commit(plan));
  if (shape.tags_now()) p.push_back(gates::make_git_tag(plan));
  p.push_back(gates::make_git_push(plan));
}

}  // namespace relctl::pipelines
