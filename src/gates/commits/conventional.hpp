#pragma once
// Conventional Commits 1.0 (`type(scope)!: subject`, `BREAKING CHANGE:`
// footers), the variants real projects write (`BREAKING CHANGES:`, a
// `BREAKING CHANGE` line without colon, bulleted footers in squash-merge
// bodies), reverts, and what a set of commits means for the next version.
// Pure logic: a linter and the version planner share it.

#include <string>
#include <string_view>
#include <vector>

namespace relctl::gates::commits {

enum class Bump { none, patch, minor, major };

std::string_view to_string(Bump b);

/// One commit as read from its message.
struct ConventionalCommit {
  std::string id;       // full commit id
  std::string header;   // the first line, as written
  std::string type;     // lower-case ("feat"); empty when not conforming
  std::string scope;    // empty when none
  std::string subject;  // the text after ": " (or the whole header when not conforming)
  bool conforming = false;
  /// Why the header is not `type(scope)!: subject`, in one sentence that
  /// names the fix ("" when conforming).
  std::string problem;
  bool breaking = false;
  std::string breaking_note;  // the BREAKING CHANGE footer's text, if any
  /// Breaking-change markers read although they are not Conventional Commits
  /// 1.0 ("`BREAKING CHANGES:` (plural) read as BREAKING CHANGE:").
  std::vector<std::string> nonstandard;
  bool merge = false;  // more than one parent, or a "Merge ..." header
  bool revert = false;
  std::string reverted_id;      // from "This reverts commit <id>."
  std::string reverted_header;  // from `Revert "<header>"` or `revert: <header>`
  /// relctl's own release commit (it carries a `Relctl-Version:` trailer):
  /// not a change of the project.
  bool release = false;
};

/// Parses one commit message; `parents` is the number of parents.
ConventionalCommit parse_commit(std::string id, std::string_view message, size_t parents = 1);

/// How much one commit bumps: breaking -> major, feat -> minor, everything
/// else that changed something (fix, perf, revert, docs, non-conforming) ->
/// patch; merge commits and relctl's release commits -> none.
Bump bump_of(const ConventionalCommit& c);

/// The commits of a release that count, after reverts are resolved.
struct Changes {
  std::vector<ConventionalCommit> kept;  // newest first
  Bump bump = Bump::none;
  size_t commits = 0;  // == kept.size()

  bool empty() const { return commits == 0; }
};

/// Resolves `commits` (newest first): merge commits and release commits
/// are dropped; a revert whose target is in the range takes the target's
/// change back, and a revert of that revert restores it (chains of any
/// length); a revert matches its target by commit id and, when that id is
/// not in the range (history rewritten since), by the reverted header.
Changes classify(std::vector<ConventionalCommit> commits);

}  // namespace relctl::gates::commits
