#pragma once
// What the gates of one release pipeline share: the release's shape and the
// request from the command line, what the checks worked out (version, tags,
// branch, changelog section, messages), and what the actions produced (files
// to commit, the release commit). The command creates one and hands it to
// its gates; the checks fill it in, the actions read it, so a dry run plans
// with the same concrete values a real run uses.

#include <string>
#include <vector>

#include "relctl/config/config.hpp"
#include "relctl/release/shape.hpp"

namespace relctl::release {

/// A file the release writes and commits, relative to the git work tree.
struct ReleaseOutput {
  std::string path;
  bool force = false;  // commit it even if .gitignore ignores it
};

/// One versioned unit a code release bumps: the project itself, or one of
/// its [[packages]] (a monorepo release bumps several, one tag each, all
/// on one commit).
struct PackageRelease {
  std::string name;               // the [[packages]] name; "" for the project itself
  std::string version;            // "1.3.0"
  std::string previous_tag;       // the release its changelog starts after ("" if none)
  std::string tag;                // "code-v1.3.0", "api-v1.3.0"
  std::string changelog;          // its changelog file, relative to the project root
  std::string changelog_section;  // Markdown, as inserted into the changelog
  std::vector<config::VersionFile> version_files;  // where its version is written
  std::string summary;                             // "1.3.0 (minor; 2 commits since code-v1.2.0)"

  /// "api 1.3.0", or "1.3.0" for the project itself.
  std::string label() const { return name.empty() ? version : name + " " + version; }
};

/// One tag the release creates (a joint release creates two, on one commit).
struct ReleaseTag {
  std::string name;             // "code-v1.3.0"
  std::string message;          // the annotated tag's message, trailers included
  std::string taken_hint = {};  // git.tag-free's hint when it exists ("" = a code release's)
};

struct ReleasePlan {
  ReleaseShape shape;  // how this release goes out, decided before the run

  // --- asked for on the command line --------------------------------------
  std::string bump = "auto";     // auto | major | minor | patch
  std::string explicit_version;  // --version
  std::string pre;               // --pre ID
  std::string hotfix_from;       // --hotfix TAG
  std::string package;           // --package NAME ("" = every package with changes)

  // --- worked out by the checks -------------------------------------------
  std::vector<PackageRelease> packages;  // what it versions: the project, or its packages
  std::string version;                   // the version when it versions one thing ("" for several)
  std::string branch;                    // the branch the release commit goes on
  std::string new_branch;                // git.branch-create: the branch to create ("" = none)
  std::string new_branch_from;           // ... at this commit
  std::vector<ReleaseTag> tags;          // git.tag creates these, on one commit
  std::string commit_message;            // git.commit's message, trailers included

  // --- produced by the actions --------------------------------------------
  std::vector<ReleaseOutput> outputs;  // what git.commit stages
  std::string commit;                  // the release commit (git.commit, or HEAD when finalizing)

  /// Adds `path` to outputs once.
  void add_output(const std::string& path, bool force = false);
  /// The changelog sections of what it versions: the section itself for one
  /// thing, each under a "### label" heading for several packages.
  std::string changelog_text() const;
  /// True once a check has worked out what to release (a version, packages or tags).
  bool planned() const { return !version.empty() || !packages.empty() || !tags.empty(); }
};

}  // namespace relctl::release
