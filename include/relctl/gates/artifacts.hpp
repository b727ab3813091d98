#pragma once
// artifacts.checksums (SPEC §3). Factory only; the class lives in src/gates/artifacts/.

#include <memory>

#include "relctl/core/gate.hpp"
#include "relctl/release/plan.hpp"

namespace relctl::gates {

/// artifacts.checksums: SHA256SUMS (sha256sum's format) for code_release.artifacts.
std::unique_ptr<core::Gate> make_artifacts_checksums(std::shared_ptr<release::ReleasePlan> plan);

}  // namespace relctl::gates
