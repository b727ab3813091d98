#pragma once
// Unified diffs of text, as `git diff` prints them: what a dry run shows for
// each file it would write. No dependency; line-based.

#include <string>
#include <string_view>

namespace relctl::core {

/// The unified diff from `before` to `after` of the file `path` (headers
/// `--- a/path` and `+++ b/path`, `--- /dev/null` when the file does not
/// exist yet), `context` lines around each change; "" when they are equal.
std::string unified_diff(std::string_view before, std::string_view after, std::string_view path,
                         bool old_exists = true, int context = 3);

}  // namespace relctl::core
