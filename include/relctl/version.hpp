#pragma once
#include <string_view>

namespace relctl {
/// relctl's own version (SPEC §7 "relctl" key, `relctl --version`).
inline constexpr std::string_view version_string = "0.1.0";
}  // namespace relctl
