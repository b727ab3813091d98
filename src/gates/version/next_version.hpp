#pragma once
// The next release version from what exists and what changed (pure logic):
// auto bumps from conventional commits, explicit major|minor|patch or
// --version, `--pre ID` prereleases counting up (and continuing a line that
// exists), hotfixes from a tag, maintenance ranges, the 0.x rule, and the
// refusals (exists, goes backwards, leaves its range, nothing to release).

#include <optional>
#include <string>
#include <vector>

#include "gates/commits/conventional.hpp"
#include "gates/version/semver.hpp"

namespace relctl::gates::version {

// How much the commits of a release ask to bump (gates/commits/).
using commits::Bump;

/// The versions a branch may release: at least `min`, below `max`
/// (prereleases by their core version). A maintenance branch `1.2.x` has
/// [1.2.0, 1.3.0); a hotfix of 1.2.0 has [1.2.1, 1.3.0).
struct VersionRange {
  SemVer min;
  SemVer max;
  std::string label;  // "1.2.x", for messages
  std::string where;  // "maintenance branch 1.2.x", "hotfix of code-v1.2.0"

  bool contains(const SemVer& v) const;
  /// ">=1.2.0 <1.3.0".
  std::string str() const;
};

/// What the user asked for on the command line (and the branch implies).
struct VersionRequest {
  std::string bump = "auto";               // auto | major | minor | patch
  std::optional<SemVer> explicit_version;  // --version
  std::string pre;                         // --pre ID ("beta"), validated
  std::optional<SemVer> hotfix_from;       // --hotfix TAG's version
  std::optional<VersionRange> range;       // a maintenance branch's (or a hotfix's) range
  std::uint64_t pre_start = 1;             // the first prerelease number (0 or 1)
};

/// What the repository says.
struct VersionHistory {
  std::vector<SemVer> existing;            // every release version that has a tag, anywhere
  std::vector<std::string> existing_tags;  // their tag names, same order (may be empty)
  std::optional<SemVer> last_final;        // highest non-prerelease reachable from HEAD
  std::optional<SemVer> newest;            // highest reachable, prereleases included
  Bump bump = Bump::none;                  // of the commits since last_final
  size_t commits_since_newest = 0;         // commits since the newest reachable tag
  /// The version the project's first version file declares at HEAD, read
  /// only when no release tag exists yet: a project adopting relctl starts
  /// from it instead of 0.1.0 and never releases below it.
  std::optional<SemVer> declared;
};

/// Applies `bump` to `base`. 0.x rule: below 1.0.0 an automatic breaking
/// change bumps minor, not major (an explicit `major` still gives 1.0.0).
SemVer bump_version(const SemVer& base, Bump bump, bool zero_x_rule);

/// The first patch release after `base` (X.Y.(Z+1), X.Y.(Z+2), ...) that is
/// not in `existing`: where a hotfix of `base` goes when a later patch of it
/// was already released (and rolled back).
SemVer next_free_patch(const SemVer& base, const std::vector<SemVer>& existing);

/// The next version, or throws relctl::GateError saying why there is none:
/// nothing to release, the version exists (anywhere), it is not above the
/// highest release reachable from HEAD, or it leaves the request's range.
/// A higher release on another line does not count (see higher_elsewhere).
SemVer next_version(const VersionRequest& request, const VersionHistory& history);

/// The highest existing release above `next` (one on another line: not
/// reachable from HEAD), or nullopt. Reported, never a refusal.
std::optional<SemVer> higher_elsewhere(const SemVer& next, const VersionHistory& history);

/// "major" -> Bump::major, ...; throws UsageError for anything else but "auto".
Bump parse_bump(const std::string& text);

}  // namespace relctl::gates::version
