#pragma once
// Semantic Versioning 2.0.0: parsing, printing and precedence (semver.org §11).
// Pure logic, no I/O.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace relctl::gates::version {

struct SemVer {
  std::uint64_t major = 0;
  std::uint64_t minor = 0;
  std::uint64_t patch = 0;
  std::vector<std::string> pre;  // dot-separated prerelease identifiers
  std::string build;             // build metadata (ignored by precedence)

  /// Parses "1.2.3", "1.2.3-beta.1", "1.2.3+build.5" strictly (no leading
  /// "v", no leading zeros); nullopt when `text` is not a SemVer 2.0 version.
  static std::optional<SemVer> parse(std::string_view text);

  bool is_prerelease() const { return !pre.empty(); }
  /// The same version without prerelease and build parts.
  SemVer core() const { return {major, minor, patch, {}, {}}; }
  std::string str() const;
};

/// Why `id` cannot be the prerelease identifier of `--pre ID` ("" when it
/// can): dot-separated SemVer 2.0 identifiers of [0-9A-Za-z-], none empty,
/// numeric ones without leading zeros.
std::string prerelease_problem(std::string_view id);

/// SemVer precedence: <0, 0 or >0. Build metadata does not count.
int compare(const SemVer& a, const SemVer& b);

inline bool operator<(const SemVer& a, const SemVer& b) {
  return compare(a, b) < 0;
}
inline bool operator>(const SemVer& a, const SemVer& b) {
  return compare(a, b) > 0;
}
inline bool operator<=(const SemVer& a, const SemVer& b) {
  return compare(a, b) <= 0;
}
inline bool operator>=(const SemVer& a, const SemVer& b) {
  return compare(a, b) >= 0;
}
/// Equal precedence (1.0.0+a == 1.0.0+b).
inline bool same_precedence(const SemVer& a, const SemVer& b) {
  return compare(a, b) == 0;
}

}  // namespace relctl::gates::version
