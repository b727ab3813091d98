#pragma once
// "Did you mean" for misspelt keys, section names and enum values.

#include <string>
#include <string_view>
#include <vector>

namespace relctl::config::detail {

/// Edit distance counting a swap of two neighbours as one edit
/// (optimal string alignment), compared case-insensitively with '-' as '_'.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word` when it is close enough to be a likely
/// typo, or "" when none is.
std::string closest(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace relctl::config::detail
