#pragma once
// release.verify (SPEC §3), the first gate of `relctl promote` and `relctl
// rollback`. Factory only; the class lives in src/gates/release/.

#include <memory>

#include "relctl/core/gate.hpp"
#include "relctl/release/promotion.hpp"

namespace relctl::gates {

/// release.verify: the tag exists, is annotated, its recorded checksums
/// (snapshot sha256 in the tag trailers and the manifest, SHA256SUMS) match
/// its tree, and it was not rejected in the environment (unless allowed).
std::unique_ptr<core::Gate> make_release_verify(std::shared_ptr<release::Promotion> promotion);

}  // namespace relctl::gates
