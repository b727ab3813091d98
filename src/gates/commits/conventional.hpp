#pragma once
// Conventional Commits 1.0 (`type(scope)!: subject`, `BREAKING CHANGE:`
// footers) and what a set of commits means for the next version. Pure logic.

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
  bool breaking = false;
  std::string breaking_note;  // the BREAKING CHANGE footer's text, if any
  bool merge = false;         // more than one parent, or a "Merge ..." header
  bool revert = false;
  std::string reverted_id;      // from "This reverts commit <id>."
  std::string reverted_header;  // from `Revert "<header>"`
};

/// Parses one commit message; `parents` is the number of parents.
ConventionalCommit parse_commit(std::string id, std::string_view message, size_t parents = 1);

/// How much one commit bumps: breaking -> major, feat -> minor, everything
/// else that changed something (fix, perf, revert, docs, non-conforming) ->
/// patch; merge commits -> none (their commits are counted themselves).
Bump bump_of(const ConventionalCommit& c);

/// The commits of a release, grouped as the changelog shows them.
struct Changes {
  std::vector<ConventionalCommit> breaking;
  std::vector<ConventionalCommit> features;
  std::vector<ConventionalCommit> fixes;
  std::vector<ConventionalCommit> performance;
  std::vector<ConventionalCommit> other;
  Bump bump = Bump::none;
  size_t commits = 0;  // commits considered, merges and cancelled reverts excluded

  bool empty() const { return commits == 0; }
};

/// Groups `commits` (newest first): merge commits are dropped, a revert and
/// the commit it reverts cancel out when both are in the range, a breaking
/// commit appears under "Breaking changes" only.
Changes classify(std::vector<ConventionalCommit> commits);

}  // namespace relctl::gates::commits
