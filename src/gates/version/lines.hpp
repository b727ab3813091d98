#pragma once
// What the code-release planner reads for one version line (the project,
// or one of its [[packages]]) and what it decides from it: the line's
// release tags, its commits (with paths: only those that touch them), and
// the three plans: from HEAD, a hotfix from a tag, finalizing a release
// merged after review. Private to src/gates/version/.

#include <map>
#include <string>
#include <vector>

#include "gates/commits/conventional.hpp"
#include "gates/version/next_version.hpp"
#include "gates/version/pattern.hpp"
#include "relctl/config/config.hpp"
#include "relctl/core/context.hpp"
#include "relctl/git/repository.hpp"
#include "relctl/release/plan.hpp"

namespace relctl::gates::version {

/// One version line: the project itself, or one [[packages]] entry.
struct Line {
  std::string name;                // the package's name; "" for the project
  std::string tag;                 // its tag template, {name} filled in: "api-v{version}"
  std::vector<std::string> paths;  // globs relative to the work tree; empty: every commit
  std::string changelog;           // relative to the project root
  std::vector<config::VersionFile> version_files;
};

/// The version lines a release plans: the project, or its [[packages]]
/// (only the one plan.package names). Throws UsageError for an unknown
/// --package, or --package without [[packages]].
std::vector<Line> lines_of(const core::Context& ctx, git::Repository& repo,
                           const release::ReleasePlan& plan, const config::CodeRelease& cr);

struct ReleaseTagInfo {
  std::string name;
  std::string commit;
  SemVer version;
};

/// The line's release tags, highest version first.
std::vector<ReleaseTagInfo> release_tags(git::Repository& repo, const TagTemplate& tmpl);

/// Reads a line's commits, parsed as conventional commits.
class CommitReader {
 public:
  CommitReader(git::Repository& repo, std::vector<std::string> paths);
  /// Commits reachable from `from` but not from `after` ("" = all), newest first.
  std::vector<commits::ConventionalCommit> between(const std::string& from,
                                                   const std::string& after);
  /// between(from, since) into `out`, in one walk that also tells whether
  /// `since` is reachable from `from`.
  bool since(const std::string& from, const std::string& since,
             std::vector<commits::ConventionalCommit>& out);

 private:
  bool counts(const git::CommitInfo& c);
  void add(const git::CommitInfo& c, std::vector<commits::ConventionalCommit>& out);

  git::Repository& repo_;
  std::vector<std::string> paths_;
};

/// Where every plan of a line starts.
struct Start {
  config::CodeRelease cr;
  Line line;
  std::vector<ReleaseTagInfo> tags;  // highest version first
  std::string head;
  std::string branch;
};

/// What a plan decided for one line.
struct Decision {
  VersionRequest req;
  VersionHistory hist;
  commits::Changes section;  // the commits its changelog section lists
  std::string previous_tag;  // the release the section starts after ("" = none)
  std::string finalized;     // --finalize: the merged section, verified
  std::string summary;       // --finalize: a summary of its own
};

/// A release from HEAD: the commits since the highest release reachable
/// from HEAD decide the bump; prerelease notes start at the newest
/// prerelease, a final's at the last final release.
Decision plan_from_head(core::Context& ctx, git::Repository& repo, const release::ReleasePlan& plan,
                        const Start& s);

/// --hotfix TAG: the first free patch after TAG, on hotfix/vX.Y.Z cut from
/// the tag (or already checked out); sets plan.branch and the branch to create.
Decision plan_hotfix(git::Repository& repo, release::ReleasePlan& plan, const Start& s);

/// --finalize: the merged commit must carry the version's changelog section
/// and version files; the release is that commit, on the current branch.
Decision plan_finalize(core::Context& ctx, git::Repository& repo, release::ReleasePlan& plan,
                       const Start& s);

/// "--version" text to a version (a leading 'v' is accepted); UsageError if invalid.
SemVer parse_version_flag(const std::string& text);

}  // namespace relctl::gates::version
