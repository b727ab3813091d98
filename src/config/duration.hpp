#pragma once
// Duration parsing without the exception, for callers that add a location.

#include <string>
#include <string_view>

#include "relctl/config/config.hpp"

namespace relctl::config::detail {

/// Parses `text` into `out`; returns "" on success, else why it is not a
/// duration ("unknown unit 'x' (use ms, s, m, h or d)").
std::string duration_problem(std::string_view text, Duration& out);

}  // namespace relctl::config::detail
