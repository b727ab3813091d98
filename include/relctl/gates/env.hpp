#pragma once
// The environment gates (SPEC §3 env.*): env.order and env.soak (a release
// reaches an environment only through the one before it) and env.confirm.
// Factories only; the classes live in src/gates/env/.

#include <memory>
#include <optional>
#include <string>

#include "relctl/core/gate.hpp"
#include "relctl/gates/release.hpp"

namespace relctl::gates {

/// env.confirm: a protected environment needs its typed confirmation phrase,
/// from `--confirm PHRASE` (`phrase`) or typed at a terminal prompt. Without
/// a terminal and without --confirm it fails at once. It cannot be skipped
/// for a protected environment.
std::unique_ptr<core::Gate> make_env_confirm(std::optional<std::string> phrase = std::nullopt);

/// env.order: the release is the current, successful release of the
/// environment's `after` environment (skipped when there is none).
std::unique_ptr<core::Gate> make_env_order(std::shared_ptr<release::Promotion> promotion);

/// env.soak: it has been the `after` environment's release for at least `soak`.
std::unique_ptr<core::Gate> make_env_soak(std::shared_ptr<release::Promotion> promotion);

}  // namespace relctl::gates
