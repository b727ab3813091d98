#include "gates/version/maintenance.hpp"

#include "gates/git/support.hpp"
#include "relctl/core/error.hpp"

namespace relctl::gates::version {

namespace {

// "1.x" -> [1.0.0, 2.0.0); "1.2.x" -> [1.2.0, 1.3.0); "v1.2" the same.
std::optional<VersionRange> range_of(std::string name) {
  if (!name.empty() && (name[0] == 'v' || name[0] == 'V')) name.erase(0, 1);
  if (name.size() > 2 && name.compare(name.size() - 2, 2, ".x") == 0) name.resize(name.size() - 2);
  const auto dot = name.find('.');
  const auto major = SemVer::parse(name.substr(0, dot) + ".0.0");
  if (!major || name.empty()) return std::nullopt;
  VersionRange r;
  if (dot == std::string::npos) {
    r.min = {major->major, 0, 0, {}, {}};
    r.max = {major->major + 1, 0, 0, {}, {}};
    r.label = std::to_string(major->major) + ".x";
    return r;
  }
  const auto minor = SemVer::parse("0." + name.substr(dot + 1) + ".0");
  if (!minor) return std::nullopt;
  r.min = {major->major, minor->minor, 0, {}, {}};
  r.max = {major->major, minor->minor + 1, 0, {}, {}};
  r.label = r.min.str().substr(0, r.min.str().rfind('.')) + ".x";
  return r;
}

}  // namespace

std::optional<VersionRange> maintenance_range(const std::vector<std::string>& patterns,
                                              const std::string& branch) {
  for (const auto& pattern : patterns) {
    if (!git_support::glob_match(pattern, branch)) continue;
    const auto slash = branch.rfind('/');
    const std::string last = slash == std::string::npos ? branch : branch.substr(slash + 1);
    auto range = range_of(last);
    if (!range) {
      throw ConfigError("branch " + branch +
                            " matches code_release.maintenance_branches pattern '" + pattern +
                            "', but '" + last + "' names no version range",
                        "name maintenance branches after their range (1.x, 1.2.x, maint/1.2.x), "
                        "or narrow the pattern");
    }
    range->where = "maintenance branch " + branch;
    return range;
  }
  return std::nullopt;
}

}  // namespace relctl::gates::version
