#pragma once
// Plans a code release from the repository and the request: the version
// (via next_version), the tags, the branch, the changelog section and the
// commit and tag messages. Three plans, chosen by the release's shape: from
// HEAD, a hotfix from a tag, or finalizing a release merged after review.
// Shared by version.next and (alone) git.tag-free.

#include <string>

#include "relctl/config/config.hpp"
#include "relctl/core/context.hpp"
#include "relctl/git/repository.hpp"
#include "relctl/release/plan.hpp"

namespace relctl::gates::version {

/// Fills `plan` (and ctx.vars, ctx.release) for a code release. Returns a
/// one-line summary for version.next's message. Throws GateError when there
/// is no valid next version, UsageError for an impossible request.
std::string plan_code_release(core::Context& ctx, git::Repository& repo,
                              release::ReleasePlan& plan);

/// Names the release once its version is known: the tag and (for a release
/// that opens review) the release branch from the templates of `cr`, the
/// commit and tag messages with trailers, ctx.vars and ctx.release (tags
/// only when the release is tagged in this run). Needs plan.branch and
/// plan.changelog_section to be set.
void name_release(core::Context& ctx, const config::CodeRelease& cr, release::ReleasePlan& plan,
                  const std::string& version);

/// "Relctl-Run: <id>\nRelctl-Version: <version>\n".
std::string trailers(const core::Context& ctx, const std::string& version);

}  // namespace relctl::gates::version
