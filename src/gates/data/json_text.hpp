#pragma once
// JSON text that diffs well: objects one key per line (sorted), 2-space
// indent, arrays of plain values on one line (a column is one line of a
// manifest), a trailing newline. The same value always gives the same bytes.

#include <nlohmann/json.hpp>
#include <string>

namespace relctl::gates::data {

std::string diffable_json(const nlohmann::json& value);

/// One-line JSON for gate details; bad UTF-8 is replaced, never thrown.
std::string compact_json(const nlohmann::json& value);

}  // namespace relctl::gates::data
