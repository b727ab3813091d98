#pragma once
// The version gates of a code release (SPEC §3): version.next, which plans
// the release, and version.files, which writes its version into the
// project's files. Factories only; classes live in src/gates/version/.

#include <memory>

#include "relctl/core/gate.hpp"
#include "relctl/release/plan.hpp"

namespace relctl::gates {

/// version.next: the next version from the conventional commits since the
/// last release tag (or the request), refusing one that exists or goes
/// backwards; fills the plan (tags, branch, changelog section, messages).
/// When the release finalizes, it verifies the merged commit instead.
std::unique_ptr<core::Gate> make_version_next(std::shared_ptr<release::ReleasePlan> plan = nullptr);

/// version.files: rewrites the version in each code_release.version_files entry.
std::unique_ptr<core::Gate> make_version_files(std::shared_ptr<release::ReleasePlan> plan);

}  // namespace relctl::gates
