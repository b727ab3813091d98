#pragma once
// Commit linting (Conventional Commits 1.0.0 plus the project's types and
// scopes): the commits.conventional gate of a code release, and what
// `relctl check commits` and `relctl lint-message` run. Classes and rules
// live in src/gates/commits/.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "relctl/config/config.hpp"
#include "relctl/core/context.hpp"
#include "relctl/core/gate.hpp"

namespace relctl::git {
class Repository;
}

namespace relctl::gates {

/// The rules `message` breaks (comment lines ignored, as git does), one
/// sentence each; empty when it conforms. `cfg` may be null.
std::vector<std::string> lint_message(const config::Config* cfg, std::string_view message);

/// One commit that breaks a rule.
struct BadCommit {
  std::string id;      // full id
  std::string header;  // its first line
  std::vector<std::string> problems;
};

/// What linting a range found.
struct CommitLint {
  std::string range;  // as resolved: "code-v1.2.0..HEAD", "HEAD" (every commit)
  size_t checked = 0;
  std::vector<BadCommit> bad;  // newest first
};

/// Lints the commits of `range` ("A..B", or "B" for every commit reachable
/// from B); "" means since the last release tag reachable from HEAD (the
/// project's, or in a monorepo the oldest of its packages'). Throws
/// UsageError for a range that names no commit.
CommitLint lint_commits(core::Context& ctx, git::Repository& repo, const std::string& range);

/// commits.conventional: lints the commits since the last release; warns by
/// default, fails with [code_release] lint_commits = "error" in `cfg`,
/// skips with "off".
std::unique_ptr<core::Gate> make_commits_conventional(const config::Config* cfg);

}  // namespace relctl::gates
