#pragma once
// Commit linting: Conventional Commits 1.0.0 plus the types and scopes a
// project allows ([code_release] commit_types, commit_scopes). Pure logic:
// the commits.conventional gate, `relctl check commits` and `relctl
// lint-message` share it.

#include <string>
#include <string_view>
#include <vector>

#include "gates/commits/conventional.hpp"
#include "relctl/config/config.hpp"

namespace relctl::gates::commits {

/// What a commit may say.
struct LintRules {
  std::vector<std::string> types;   // lower-case
  std::vector<std::string> scopes;  // empty: any scope
};

/// The standard types (feat, fix, docs, style, refactor, perf, test, build,
/// ci, chore, revert), those the changelog groups and hides, and
/// commit_types; commit_scopes. `cfg` may be null (the defaults).
LintRules lint_rules(const config::Config* cfg);

/// The rules `message` breaks, one sentence each naming the fix; empty when
/// it conforms. Merge commits, relctl's release commits and git's own
/// `Revert "..."` messages conform.
std::vector<std::string> lint(const ConventionalCommit& c, std::string_view message,
                              const LintRules& rules);

/// A commit message file as git hands it to a commit-msg hook: comment
/// lines and everything below the scissors line removed.
std::string strip_comments(std::string_view text);

}  // namespace relctl::gates::commits
