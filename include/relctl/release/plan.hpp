#pragma once
// What the gates of one release pipeline share: the release's shape and the
// request from the command line, what the checks worked out (version, tags,
// branch, changelog section, messages), and what the actions produced (files
// to commit, the release commit). The command creates one and hands it to
// its gates; the checks fill it in, the actions read it, so a dry run plans
// with the same concrete values a real run uses.

#include <string>
#include <vector>

#include "relctl/release/shape.hpp"

namespace relctl::release {

/// A file the release writes and commits, relative to the git work tree.
struct ReleaseOutput {
  std::string path;
  bool force = false;  // commit it even if .gitignore ignores it
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

  // --- worked out by the checks -------------------------------------------
  std::string version;            // "1.3.0"
  std::string previous_tag;       // the release the changelog starts after ("" if none)
  std::string branch;             // the branch the release commit goes on
  std::string new_branch;         // git.branch-create: the branch to create ("" = none)
  std::string new_branch_from;    // ... at this commit
  std::vector<ReleaseTag> tags;   // git.tag creates these, on one commit
  std::string changelog_section;  // Markdown, as written to the changelog
  std::string commit_message;     // git.commit's message, trailers included

  // --- produced by the actions --------------------------------------------
  std::vector<ReleaseOutput> outputs;  // what git.commit stages
  std::string commit;                  // the release commit (git.commit, or HEAD when finalizing)

  /// Adds `path` to outputs once.
  void add_output(const std::string& path, bool force = false);
  /// True once a check has worked out what to release (a version or tags).
  bool planned() const { return !version.empty() || !tags.empty(); }
};

}  // namespace relctl::release
