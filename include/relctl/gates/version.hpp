#pragma once
// The gates particular to code releases (SPEC §3): version.next,
// changelog.write, version.files, artifacts.checksums, and the user command
// gates of [[gates.command]]. Factories only; classes live in src/gates/.

#include <memory>

#include "relctl/config/config.hpp"
#include "relctl/core/gate.hpp"
#include "relctl/gates/release_plan.hpp"

namespace relctl::gates {

/// version.next: the next version from the conventional commits since the
/// last release tag (or the request), refusing one that exists or goes
/// backwards; fills the plan (tags, branch, changelog section, messages).
/// With plan->finalize it verifies the merged commit instead.
std::unique_ptr<core::Gate> make_version_next(std::shared_ptr<ReleasePlan> plan = nullptr);

/// changelog.write: prepends the plan's section to code_release.changelog.
std::unique_ptr<core::Gate> make_changelog_write(std::shared_ptr<ReleasePlan> plan);

/// version.files: rewrites the version in each code_release.version_files entry.
std::unique_ptr<core::Gate> make_version_files(std::shared_ptr<ReleasePlan> plan);

/// artifacts.checksums: SHA256SUMS (sha256sum's format) for code_release.artifacts.
std::unique_ptr<core::Gate> make_artifacts_checksums(std::shared_ptr<ReleasePlan> plan);

/// command.<id>: runs a [[gates.command]] entry (argv, no shell) with a
/// timeout, RELCTL_* variables and captured output. It is a check when it
/// runs in dry runs too (dry_run = true), an action (planned) otherwise.
std::unique_ptr<core::Gate> make_command_gate(const config::CommandGate& command);

}  // namespace relctl::gates
