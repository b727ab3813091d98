#pragma once
// The environment gates (SPEC §3 env.*).

#include <memory>
#include <optional>
#include <string>

#include "relctl/core/gate.hpp"

namespace relctl::gates {

/// env.confirm: a protected environment needs its typed confirmation phrase,
/// from `--confirm PHRASE` (`phrase`) or typed at a terminal prompt. Without
/// a terminal and without --confirm it fails at once. It cannot be skipped
/// for a protected environment.
std::unique_ptr<core::Gate> make_env_confirm(std::optional<std::string> phrase = std::nullopt);

}  // namespace relctl::gates
