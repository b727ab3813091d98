#pragma once
// Plans a code release from the repository and the request: for the
// project (or each of its [[packages]] with changes) the version, the tag
// and the changelog section; then the branch and the commit and tag
// messages. Three plans, chosen by the release's shape: from HEAD, a hotfix
// from a tag, or finalizing a release merged after review. Shared by
// version.next and (alone) git.tag-free.

#include <string>
#include <vector>

#include "relctl/config/config.hpp"
#include "relctl/core/context.hpp"
#include "relctl/git/repository.hpp"
#include "relctl/release/plan.hpp"

namespace relctl::gates::version {

/// What planning found out besides the plan itself.
struct Planned {
  std::string summary;  // version.next's message: "1.3.0 (minor; 2 commits since ...)"
  std::vector<std::string> warnings;  // worth a look, never a refusal
};

/// Fills `plan` (and ctx.vars, ctx.release) for a code release. Throws
/// GateError when there is no valid next version, UsageError for an
/// impossible request (an unknown --package, --hotfix with [[packages]]).
Planned plan_code_release(core::Context& ctx, git::Repository& repo, release::ReleasePlan& plan);

/// Names the release once plan.packages (versions, tags, sections) and
/// plan.branch are known: the release branch of a release that opens
/// review (from `cr.branch`), the tag messages, the commit message with
/// trailers, ctx.vars and ctx.release (tags only when the release is
/// tagged in this run).
void name_release(core::Context& ctx, const config::CodeRelease& cr, release::ReleasePlan& plan);

/// "Relctl-Run: <id>\nRelctl-Version: <version>\n" (one Relctl-Version per package).
std::string trailers(const core::Context& ctx, const std::vector<std::string>& versions);

}  // namespace relctl::gates::version
