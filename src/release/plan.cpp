#include "relctl/gates/release_plan.hpp"

#include <algorithm>

#include "relctl/gates/git.hpp"

namespace relctl::gates {

void ReleasePlan::add_output(const std::string& path, bool force) {
  auto it = std::find_if(outputs.begin(), outputs.end(),
                         [&](const ReleaseOutput& o) { return o.path == path; });
  if (it == outputs.end()) {
    outputs.push_back({path, force});
  } else {
    it->force = it->force || force;
  }
}

void append_release_actions(core::Pipeline& pipeline, const std::shared_ptr<ReleasePlan>& plan,
                            bool pr, bool finalize) {
  if (pr) pipeline.push_back(make_git_branch_create(plan));
  if (!finalize) pipeline.push_back(make_git_commit(plan));
  if (!pr) pipeline.push_back(make_git_tag(plan));
  pipeline.push_back(make_git_push(plan));
}

}  // namespace relctl::gates
