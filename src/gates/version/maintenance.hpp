#pragma once
// Maintenance branches (code_release.maintenance_branches, in the style of
// semantic-release): a branch such as `1.x`, `1.2.x` or `maint/1.2` releases
// only inside the range its name gives. Pure logic.

#include <optional>
#include <string>
#include <vector>

#include "gates/version/next_version.hpp"

namespace relctl::gates::version {

/// The range `branch` may release in when it matches one of `patterns`
/// (fnmatch globs, `*` not crossing '/'); nullopt when none matches. The
/// range is read from the branch's last path segment: `1.x` or `1` is
/// [1.0.0, 2.0.0), `1.2.x` or `1.2` is [1.2.0, 1.3.0) (a leading `v` is
/// allowed). Throws ConfigError when a pattern matches a branch whose name
/// carries no such range.
std::optional<VersionRange> maintenance_range(const std::vector<std::string>& patterns,
                                              const std::string& branch);

}  // namespace relctl::gates::version
