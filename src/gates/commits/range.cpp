// Linting messages and ranges of commits (see relctl/gates/commits.hpp).

#include <optional>

#include "gates/commits/lint.hpp"
#include "gates/version/lines.hpp"
#include "relctl/core/error.hpp"
#include "relctl/gates/commits.hpp"
#include "relctl/gates/version.hpp"

namespace relctl::gates {

namespace {

std::string resolve(git::Repository& repo, const std::string& spec, const std::string& range) {
  const auto id = repo.resolve_commit(spec);
  if (!id) {
    throw UsageError("'" + spec + "' in the range '" + range + "' names no commit",
                     "pass A..B with tags, branches or commit ids, e.g. code-v1.2.0..HEAD");
  }
  return *id;
}

// The last release tag of the project, or the oldest current release of its packages.
std::optional<CurrentRelease> last_release(core::Context& ctx, git::Repository& repo) {
  if (!ctx.config || ctx.config->packages.empty()) return current_release(ctx, repo, "");
  std::optional<CurrentRelease> oldest;
  std::string oldest_id;
  for (const auto& p : ctx.config->packages) {
    const auto r = current_release(ctx, repo, p.name);
    if (!r) return std::nullopt;  // a package never released: every commit
    const std::string id = repo.resolve_commit("refs/tags/" + r->tag).value_or("");
    if (!oldest || (!id.empty() && repo.is_ancestor(id, oldest_id))) {
      oldest = r;
      oldest_id = id;
    }
  }
  return oldest;
}

}  // namespace

std::vector<std::string> lint_message(const config::Config* cfg, std::string_view message) {
  const std::string text = commits::strip_comments(message);
  return commits::lint(commits::parse_commit("", text), text, commits::lint_rules(cfg));
}

CommitLint lint_commits(core::Context& ctx, git::Repository& repo, const std::string& range) {
  CommitLint out;
  std::string from, after;
  if (range.empty()) {
    from = repo.head_id();
    const auto last = last_release(ctx, repo);
    out.range = last ? last->tag + "..HEAD" : "HEAD";
    if (last) after = resolve(repo, "refs/tags/" + last->tag, out.range);
  } else if (const auto dots = range.find(".."); dots != std::string::npos) {
    if (range.find("...") != std::string::npos) {
      throw UsageError("'" + range + "': use A..B (two dots)", "e.g. code-v1.2.0..HEAD");
    }
    out.range = range;
    after = resolve(repo, dots == 0 ? "HEAD" : range.substr(0, dots), range);
    from = resolve(repo, dots + 2 >= range.size() ? "HEAD" : range.substr(dots + 2), range);
  } else {
    out.range = range;
    from = resolve(repo, range, range);
  }
  const auto rules = commits::lint_rules(ctx.config);
  auto check = [&](const git::CommitInfo& c) {
    ++out.checked;
    const auto parsed = commits::parse_commit(c.id, c.message, c.parents);
    auto problems = commits::lint(parsed, c.message, rules);
    if (!problems.empty()) out.bad.push_back({c.id, parsed.header, std::move(problems)});
  };
  // The same walk as version.next's, which the repository has kept.
  if (!after.empty()) {
    repo.walk_since(from, after, check);
  } else {
    repo.walk(from, {}, [&](const git::CommitInfo& c) {
      check(c);
      return true;
    });
  }
  return out;
}

}  // namespace relctl::gates
