#pragma once
// The JSON details a gate reports. They quote outside text (command output,
// file, branch and table names, data values), so every string is sanitized
// here, before any reporter or ledger sees it.

#include <nlohmann/json.hpp>
#include <string>

namespace relctl::gates {

/// `details` on one line with every string and key sanitized
/// (core::sanitize): valid UTF-8, control characters escaped. Never throws.
std::string to_details(const nlohmann::json& details);

}  // namespace relctl::gates
