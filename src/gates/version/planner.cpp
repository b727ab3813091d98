#include "gates/version/planner.hpp"

#include <algorithm>

#include "gates/changelog/section.hpp"
#include "gates/commits/conventional.hpp"
#include "gates/git/support.hpp"
#include "gates/version/next_version.hpp"
#include "gates/version/pattern.hpp"
#include "relctl/config/loader.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/interrupt.hpp"

namespace relctl::gates::version {

using release::ReleasePlan;

namespace {

using commits::Changes;
using commits::classify;
using commits::ConventionalCommit;
using commits::parse_commit;

struct ReleaseTagInfo {
  std::string name;
  std::string commit;
  SemVer version;
};

config::CodeRelease settings(const core::Context& ctx) {
  return ctx.config && ctx.config->code_release ? *ctx.config->code_release : config::CodeRelease{};
}

// "20261122" -> "2026-11-22".
std::string iso_date(const std::string& yyyymmdd) {
  if (yyyymmdd.size() != 8) return yyyymmdd;
  return yyyymmdd.substr(0, 4) + "-" + yyyymmdd.substr(4, 2) + "-" + yyyymmdd.substr(6, 2);
}

std::vector<ReleaseTagInfo> release_tags(git::Repository& repo, const TagTemplate& tmpl) {
  std::vector<ReleaseTagInfo> out;
  for (auto& t : repo.tags(tmpl.glob())) {
    if (auto v = tmpl.version_of(t.name); v && !t.commit.empty()) {
      out.push_back({t.name, t.commit, *v});
    }
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return compare(a.version, b.version) > 0; });
  return out;
}

std::vector<ConventionalCommit> commits_between(git::Repository& repo, const std::string& from,
                                                const std::string& after) {
  std::vector<ConventionalCommit> out;
  std::vector<std::string> hide;
  if (!after.empty()) hide.push_back(after);
  repo.walk(from, hide, [&](const git::CommitInfo& c) {
    out.push_back(parse_commit(c.id, c.message, c.parents));
    if ((out.size() & 1023) == 0) core::throw_if_interrupted();
    return true;
  });
  return out;
}

// A walk visitor that parses each commit into `out`.
std::function<void(const git::CommitInfo&)> collect(std::vector<ConventionalCommit>& out) {
  return [&out](const git::CommitInfo& c) {
    out.push_back(parse_commit(c.id, c.message, c.parents));
    if ((out.size() & 1023) == 0) core::throw_if_interrupted();
  };
}

SemVer parse_version_flag(const std::string& text) {
  auto v = SemVer::parse(text);
  if (!v && !text.empty() && (text[0] == 'v' || text[0] == 'V')) v = SemVer::parse(text.substr(1));
  if (!v) {
    throw UsageError("--version " + text + " is not a semantic version",
                     "use X.Y.Z or X.Y.Z-PRERELEASE, e.g. --version 1.4.0");
  }
  return *v;
}

void set_vars(core::Context& ctx, const std::string& version, const std::string& tag,
              const std::string& branch) {
  ctx.vars["version"] = version;
  ctx.vars["tag"] = tag;
  ctx.vars["branch"] = branch;
  ctx.vars["run_id"] = ctx.run_id;
  if (!ctx.vars.count("commit")) ctx.vars["commit"] = "";
  if (!ctx.vars.count("env")) ctx.vars["env"] = ctx.release.env;
}

// --finalize: the merged commit must carry this version's section and files.
std::string verify_merged(core::Context& ctx, git::Repository& repo, ReleasePlan& plan,
                          const config::CodeRelease& cr, const std::string& head) {
  const std::string changelog_path = git_support::worktree_relative(ctx, repo, cr.changelog);
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
  for (const auto& vf : cr.version_files) {
    const std::string path = git_support::worktree_relative(ctx, repo, vf.path);
    const auto text = repo.read_file_at(head, path);
    const auto found = text ? find_versions(*text, vf.pattern) : std::vector<PatternMatch>{};
    if (found.size() != 1 || found.front().version != version) {
      throw GateError(path + " at " + git::short_id(head) + " does not carry " + version +
                          " (pattern '" + vf.pattern + "')",
                      "merge the release branch (it bumps the version files), then finalize");
    }
  }
  plan.changelog_section = *section + "\n";
  return version;
}

// The version the first version file declares at HEAD, when it declares
// exactly one valid one; a project without release tags starts from it.
std::optional<SemVer> declared_version(const core::Context& ctx, git::Repository& repo,
                                       const config::CodeRelease& cr, const std::string& head) {
  if (cr.version_files.empty()) return std::nullopt;
  const auto& vf = cr.version_files.front();
  const auto text = repo.read_file_at(head, git_support::worktree_relative(ctx, repo, vf.path));
  if (!text) return std::nullopt;
  const auto found = find_versions(*text, vf.pattern);
  if (found.size() != 1) return std::nullopt;  // version.files reports that itself
  return SemVer::parse(found.front().version);
}

// "minor", or "minor: breaking change before 1.0.0" under the 0.x rule.
std::string bump_label(const VersionHistory& hist) {
  const Bump b = std::max(hist.bump, Bump::patch);
  const auto base = hist.last_final ? hist.last_final : hist.declared;
  if (b == Bump::major && base && base->major == 0) {
    return "minor: breaking change before 1.0.0";
  }
  return std::string(to_string(b));
}

// Where every plan starts: the settings, the release tags (highest version
// first) and HEAD with the branch it is on.
struct Start {
  config::CodeRelease cr;
  std::vector<ReleaseTagInfo> tags;
  std::string head;
  std::string branch;
};

// What a plan decided: the version request, what the repository says about
// versions, the commits the changelog section lists, and (finalize only) a
// summary of its own.
struct Decision {
  VersionRequest req;
  VersionHistory hist;
  Changes section;
  std::string summary;
};

Decision start_decision(const ReleasePlan& plan, const Start& s) {
  Decision d;
  d.req.bump = plan.bump;
  d.req.pre = plan.pre;
  if (!plan.explicit_version.empty()) {
    d.req.explicit_version = parse_version_flag(plan.explicit_version);
  }
  for (const auto& t : s.tags) {
    d.hist.existing.push_back(t.version);
    d.hist.existing_tags.push_back(t.name);
  }
  return d;
}

// --finalize: the merged commit must carry the version's changelog section
// and version files; the release is that commit, on the current branch.
Decision plan_finalize(core::Context& ctx, git::Repository& repo, ReleasePlan& plan,
                       const Start& s) {
  Decision d = start_decision(plan, s);
  const std::string v = verify_merged(ctx, repo, plan, s.cr, s.head);
  d.req = VersionRequest{};
  d.req.explicit_version = parse_version_flag(v);
  plan.branch = s.branch;
  d.summary = "finalize " + v + ": " + git::short_id(s.head) +
              " carries its changelog section and version files";
  return d;
}

// --hotfix TAG: the first free patch after TAG, on hotfix/vX.Y.Z cut from
// the tag (or already checked out, starting from it); the changelog lists
// the commits on it since the tag.
Decision plan_hotfix(git::Repository& repo, ReleasePlan& plan, const Start& s) {
  Decision d = start_decision(plan, s);
  const auto it = std::find_if(s.tags.begin(), s.tags.end(),
                               [&](const auto& t) { return t.name == plan.hotfix_from; });
  if (it == s.tags.end()) {
    throw GateError("--hotfix " + plan.hotfix_from + ": no such release tag (" +
                        TagTemplate(s.cr.tag).glob() + ")",
                    "pass an existing release tag, e.g. --hotfix " +
                        (s.tags.empty() ? std::string("code-v1.2.0") : s.tags.front().name));
  }
  d.req.hotfix_from = it->version;
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
  plan.previous_tag = it->name;
  auto commits = commits_between(repo, from, it->commit);
  d.hist.commits_since_newest = commits.size();
  d.section = classify(std::move(commits));
  d.hist.bump = d.section.bump;
  return d;
}

// A release from HEAD on the current branch: the commits since the newest
// release tags reachable from HEAD (prereleases included or not) decide the
// bump; a prerelease's notes start at the previous prerelease, a final's at
// the last final.
Decision plan_from_head(core::Context& ctx, git::Repository& repo, ReleasePlan& plan,
                        const Start& s) {
  Decision d = start_decision(plan, s);
  const auto& tags = s.tags;
  // The highest tag is nearly always reachable: one walk both checks that
  // and collects the commits since it.
  const ReleaseTagInfo* newest = nullptr;
  const ReleaseTagInfo* last_final = nullptr;
  std::vector<ConventionalCommit> since_top;
  bool top_reachable = false;
  if (!tags.empty()) {
    top_reachable = repo.walk_since(s.head, tags.front().commit, collect(since_top));
    if (top_reachable) {
      newest = &tags.front();
      if (!newest->version.is_prerelease()) last_final = newest;
    }
  }
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
    return commits_between(repo, s.head, t ? t->commit : "");
  };
  if (newest && newest != last_final) {
    auto since_newest = since(newest);
    auto since_final = since(last_final);
    d.hist.commits_since_newest = since_newest.size();
    d.hist.bump = classify(since_final).bump;
    d.section = classify(plan.pre.empty() ? std::move(since_final) : std::move(since_newest));
    plan.previous_tag = plan.pre.empty() ? (last_final ? last_final->name : "") : newest->name;
  } else {
    auto since_final = since(last_final);
    d.hist.commits_since_newest = since_final.size();
    d.section = classify(std::move(since_final));
    d.hist.bump = d.section.bump;
    plan.previous_tag = last_final ? last_final->name : "";
  }
  plan.branch = s.branch;
  // A project without release tags starts from the version its files declare.
  if (tags.empty()) d.hist.declared = declared_version(ctx, repo, s.cr, s.head);
  return d;
}

// "1.3.0 (minor; 4 commits since code-v1.2.0)".
std::string summary_of(const std::string& version, const Decision& d, const ReleasePlan& plan) {
  const std::string why = d.req.explicit_version ? "--version"
                          : d.req.hotfix_from    ? "hotfix"
                                                 : bump_label(d.hist);
  const size_t n = d.section.commits;
  return version + " (" + why + "; " + std::to_string(n) + " commit" + (n == 1 ? "" : "s") +
         " since " + (plan.previous_tag.empty() ? std::string("the start") : plan.previous_tag) +
         ")";
}

}  // namespace

std::string trailers(const core::Context& ctx, const std::string& version) {
  return "Relctl-Run: " + ctx.run_id + "\nRelctl-Version: " + version + "\n";
}

void name_release(core::Context& ctx, const config::CodeRelease& cr, ReleasePlan& plan,
                  const std::string& version) {
  set_vars(ctx, version, "", plan.branch);
  const std::string tag = config::render(cr.tag, ctx.vars);
  set_vars(ctx, version, tag, plan.branch);
  if (plan.shape.opens_review()) {
    plan.branch = plan.new_branch = config::render(cr.branch, ctx.vars);
    set_vars(ctx, version, tag, plan.branch);
  }
  plan.version = version;
  plan.commit_message =
      config::render(cr.commit_message, ctx.vars) + "\n\n" + trailers(ctx, version);
  plan.tags = {{tag, "Release " + version + "\n\n" + plan.changelog_section + "\n" +
                         trailers(ctx, version)}};
  ctx.release.version = version;
  ctx.release.branch = plan.branch;
  ctx.release.tags.clear();
  // A release under review is tagged later, by --finalize after the merge.
  if (plan.shape.tags_now()) {
    for (const auto& t : plan.tags) ctx.release.tags.push_back(t.name);
  }
}

std::string plan_code_release(core::Context& ctx, git::Repository& repo, ReleasePlan& plan) {
  Start s;
  s.cr = settings(ctx);
  s.tags = release_tags(repo, TagTemplate(s.cr.tag));
  s.head = repo.head_id();
  s.branch = repo.current_branch().value_or("");

  const release::ReleaseShape& shape = plan.shape;
  Decision d = shape.finalize ? plan_finalize(ctx, repo, plan, s)
               : shape.hotfix ? plan_hotfix(repo, plan, s)
                              : plan_from_head(ctx, repo, plan, s);
  // A release under review gets its branch, cut from HEAD.
  if (shape.opens_review()) plan.new_branch_from = s.head;

  const std::string version = next_version(d.req, d.hist).str();
  if (!shape.finalize) {
    plan.changelog_section =
        changelog::render_section(version, iso_date(ctx.vars["date"]), d.section);
  }
  name_release(ctx, s.cr, plan, version);
  return shape.finalize ? d.summary : summary_of(version, d, plan);
}

}  // namespace relctl::gates::version
