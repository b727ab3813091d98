// The three plans of a version line (see lines.hpp): from HEAD, a hotfix
// from a tag, finalizing a release merged after review.

#include <algorithm>

#include "gates/changelog/document.hpp"
#include "gates/git/support.hpp"
#include "gates/version/lines.hpp"
#include "gates/version/maintenance.hpp"
#include "relctl/core/error.hpp"

namespace relctl::gates::version {

using commits::classify;
using commits::ConventionalCommit;
using release::ReleasePlan;

namespace {

Decision start_decision(const ReleasePlan& plan, const Start& s) {
  Decision d;
  d.req.bump = plan.bump;
  d.req.pre = plan.pre;
  d.req.pre_start = s.cr.prerelease_start;
  if (!plan.explicit_version.empty()) {
    d.req.explicit_version = parse_version_flag(plan.explicit_version);
  }
  for (const auto& t : s.tags) {
    d.hist.existing.push_back(t.version);
    d.hist.existing_tags.push_back(t.name);
  }
  return d;
}

// The version the line's first version file declares at HEAD, when it
// declares exactly one valid one; a line without release tags starts from it.
std::optional<SemVer> declared_version(const core::Context& ctx, git::Repository& repo,
                                       const Line& line, const std::string& head) {
  if (line.version_files.empty()) return std::nullopt;
  const auto& vf = line.version_files.front();
  const auto text = repo.read_file_at(head, git_support::worktree_relative(ctx, repo, vf.path));
  if (!text) return std::nullopt;
  const auto found = find_versions(*text, vf.pattern);
  if (found.size() != 1) return std::nullopt;  // version.files reports that itself
  return SemVer::parse(found.front().version);
}

}  // namespace

Decision plan_finalize(core::Context& ctx, git::Repository& repo, ReleasePlan& plan,
                       const Start& s) {
  Decision d = start_decision(plan, s);
  const std::string changelog_path = git_support::worktree_relative(ctx, repo, s.line.changelog);
  const std::string& head = s.head;
  const auto changelog = repo.read_file_at(head, changelog_path);
  if (!changelog) {
    throw GateError(changelog_path + " is not in " + git::short_id(head) + ": nothing to finalize",
                    "merge the release branch first, then run --finalize on the merged commit");
  }
  std::string version = plan.explicit_version;
  if (version.empty()) {
    const auto newest = changelog::newest_section_version(*changelog);
    if (!newest) {
      throw GateError(changelog_path + " at " + git::short_id(head) + " has no release section",
                      "merge the release branch first, or pass --version X.Y.Z");
    }
    version = *newest;
  }
  const auto section = changelog::find_section(*changelog, parse_version_flag(version).str());
  if (!section) {
    throw GateError(
        changelog_path + " at " + git::short_id(head) + " has no section for " + version,
        "merge release/v" + version + " first, or pass the --version that was merged");
  }
  for (const auto& vf : s.line.version_files) {
    const std::string path = git_support::worktree_relative(ctx, repo, vf.path);
    const auto text = repo.read_file_at(head, path);
    const auto found = text ? find_versions(*text, vf.pattern) : std::vector<PatternMatch>{};
    if (found.size() != 1 || found.front().version != version) {
      throw GateError(path + " at " + git::short_id(head) + " does not carry " + version +
                          " (pattern '" + vf.pattern + "')",
                      "merge the release branch (it bumps the version files), then finalize");
    }
  }
  d.finalized = *section + "\n";
  d.req = VersionRequest{};
  d.req.explicit_version = parse_version_flag(version);
  plan.branch = s.branch;
  d.summary = "finalize " + version + ": " + git::short_id(head) +
              " carries its changelog section and version files";
  return d;
}

Decision plan_hotfix(git::Repository& repo, ReleasePlan& plan, const Start& s) {
  Decision d = start_decision(plan, s);
  const auto it = std::find_if(s.tags.begin(), s.tags.end(),
                               [&](const auto& t) { return t.name == plan.hotfix_from; });
  if (it == s.tags.end()) {
    throw GateError("--hotfix " + plan.hotfix_from + ": no such release tag (" +
                        TagTemplate(s.line.tag).glob() + ")",
                    "pass an existing release tag, e.g. --hotfix " +
                        (s.tags.empty() ? std::string("code-v1.2.0") : s.tags.front().name));
  }
  d.req.hotfix_from = it->version;
  // A hotfix patches its tag's minor line: above the tag, below the next minor.
  const SemVer base = it->version.core();
  d.req.range = VersionRange{base,
                             {base.major, base.minor + 1, 0, {}, {}},
                             std::to_string(base.major) + "." + std::to_string(base.minor) + ".x",
                             "the hotfix range of " + it->name};
  const std::string hotfix_branch =
      "hotfix/v" + next_free_patch(it->version, d.hist.existing).str();
  plan.branch = hotfix_branch;
  std::string from = s.head;  // the commit the release is made from
  if (s.branch == hotfix_branch) {
    if (!repo.is_ancestor(it->commit, s.head)) {
      throw GateError(hotfix_branch + " does not start from " + plan.hotfix_from,
                      "cut the hotfix branch from the tag: git switch -c " + hotfix_branch + " " +
                          plan.hotfix_from);
    }
  } else if (repo.branch_exists(hotfix_branch)) {
    throw GateError(hotfix_branch + " exists but is not checked out",
                    "git switch " + hotfix_branch + ", then run the hotfix release again");
  } else {
    plan.new_branch = hotfix_branch;
    plan.new_branch_from = it->commit;
    from = it->commit;
  }
  d.hist.last_final = it->version;
  d.hist.newest = it->version;
  d.previous_tag = it->name;
  CommitReader reader(repo, s.line.paths);
  auto commits = reader.between(from, it->commit);
  d.hist.commits_since_newest = commits.size();
  d.section = classify(std::move(commits));
  d.hist.bump = d.section.bump;
  return d;
}

Decision plan_from_head(core::Context& ctx, git::Repository& repo, const ReleasePlan& plan,
                        const Start& s) {
  Decision d = start_decision(plan, s);
  d.req.range = maintenance_range(s.cr.maintenance_branches, s.branch);
  const auto& tags = s.tags;
  CommitReader reader(repo, s.line.paths);
  // The highest tag is nearly always reachable: one walk both checks that
  // and collects the commits since it.
  const ReleaseTagInfo* newest = nullptr;
  const ReleaseTagInfo* last_final = nullptr;
  std::vector<ConventionalCommit> since_top;
  bool top_reachable = false;
  if (!tags.empty()) {
    top_reachable = reader.since(s.head, tags.front().commit, since_top);
    if (top_reachable) {
      newest = &tags.front();
      if (!newest->version.is_prerelease()) last_final = newest;
    }
  }
  // Releases on other lines (not reachable from HEAD) do not count here.
  for (size_t i = 1; i < tags.size() && !last_final; ++i) {
    const auto& t = tags[i];
    if ((newest && t.version.is_prerelease()) || !repo.is_ancestor(t.commit, s.head)) continue;
    if (!newest) newest = &t;
    if (!t.version.is_prerelease()) last_final = &t;
  }
  d.hist.last_final = last_final ? std::optional(last_final->version) : std::nullopt;
  d.hist.newest = newest ? std::optional(newest->version) : std::nullopt;
  auto since = [&](const ReleaseTagInfo* t) {
    if (t && top_reachable && t == &tags.front()) return std::move(since_top);
    return reader.between(s.head, t ? t->commit : "");
  };
  if (newest && newest != last_final) {
    auto since_newest = since(newest);
    auto since_final = since(last_final);
    d.hist.commits_since_newest = since_newest.size();
    d.hist.bump = classify(since_final).bump;
    d.section = classify(plan.pre.empty() ? std::move(since_final) : std::move(since_newest));
    d.previous_tag = plan.pre.empty() ? (last_final ? last_final->name : "") : newest->name;
  } else {
    auto since_final = since(last_final);
    d.hist.commits_since_newest = since_final.size();
    d.section = classify(std::move(since_final));
    d.hist.bump = d.section.bump;
    d.previous_tag = last_final ? last_final->name : "";
  }
  // A line without release tags starts from the version its files declare.
  if (tags.empty()) d.hist.declared = declared_version(ctx, repo, s.line, s.head);
  return d;
}

}  // namespace relctl::gates::version
