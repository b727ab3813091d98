#pragma once
// The git gates (SPEC §3): preflight checks and the actions that branch,
// commit, tag and push a release. Factories only; the classes live in
// src/gates/git/, one file pair per gate.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "relctl/core/gate.hpp"
#include "relctl/release/plan.hpp"

namespace relctl::git {
class Repository;
}

namespace relctl::gates {

/// git.repo: inside a git work tree; not bare, not shallow, HEAD on a branch.
std::unique_ptr<core::Gate> make_git_repo();

/// git.branch: the current branch matches a glob of project.release_branches
/// (or one of `extra_patterns`, e.g. "hotfix/*" for hotfixes).
std::unique_ptr<core::Gate> make_git_branch(std::vector<std::string> extra_patterns = {});

/// git.clean: no modified, staged or untracked files except the release's
/// own outputs (artifacts, SHA256SUMS, the data snapshot, manifest, reports).
std::unique_ptr<core::Gate> make_git_clean();

/// git.up-to-date: the branch equals its upstream on the remote (fetching in
/// real runs to count how far ahead or behind it is).
std::unique_ptr<core::Gate> make_git_up_to_date();

/// Works out a release's tags when nothing has planned them yet.
using PlanRelease = std::function<void(core::Context&, git::Repository&, release::ReleasePlan&)>;

/// git.tag-free: the plan's tags exist neither locally nor on the remote.
/// When nothing has planned them yet and `plan_first` is given, it calls it
/// first (`relctl check git.tag-free` plans the next code release that way).
std::unique_ptr<core::Gate> make_git_tag_free(std::shared_ptr<release::ReleasePlan> plan,
                                              PlanRelease plan_first = {});

/// git.branch-create: creates plan->new_branch at plan->new_branch_from and
/// checks it out; undo returns to the original branch and deletes it.
std::unique_ptr<core::Gate> make_git_branch_create(std::shared_ptr<release::ReleasePlan> plan);

/// git.commit: stages plan->outputs and commits them with plan->commit_message;
/// undo moves the branch back and restores the index exactly.
std::unique_ptr<core::Gate> make_git_commit(std::shared_ptr<release::ReleasePlan> plan);

/// git.tag: annotated plan->tags on the release commit; undo deletes them.
std::unique_ptr<core::Gate> make_git_tag(std::shared_ptr<release::ReleasePlan> plan);

/// git.push: one push of the release branch and tags; a rejection fails the
/// run (exit 1, with the remote's message) so that everything local is undone.
std::unique_ptr<core::Gate> make_git_push(std::shared_ptr<release::ReleasePlan> plan);

}  // namespace relctl::gates
