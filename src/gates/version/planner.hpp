#pragma once
// Plans a code release from the repository and the request: the version
// (via next_version), the tags, the branch, the changelog section and the
// commit and tag messages. Shared by version.next and git.tag-free.

#include "relctl/core/context.hpp"
#include "relctl/gates/release_plan.hpp"
#include "relctl/git/repository.hpp"

namespace relctl::gates::version {

/// Fills `plan` (and ctx.vars, ctx.release) for a code release. Returns a
/// one-line summary for version.next's message. Throws GateError when there
/// is no valid next version, UsageError for an impossible request.
std::string plan_code_release(core::Context& ctx, git::Repository& repo, ReleasePlan& plan);

/// "Relctl-Run: <id>\nRelctl-Version: <version>\n".
std::string trailers(const core::Context& ctx, const std::string& version);

}  // namespace relctl::gates::version
