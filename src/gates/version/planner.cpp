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

}  // namespace

std::string trailers(const core::Context& ctx, const std::string& version) {
  return "Relctl-Run: " + ctx.run_id + "\nRelctl-Version: " + version + "\n";
}

std::string plan_code_release(core::Context& ctx, git::Repository& repo, ReleasePlan& plan) {
  const config::CodeRelease cr = settings(ctx);
  const TagTemplate tmpl(cr.tag);
  const auto tags = release_tags(repo, tmpl);
  const std::string head = repo.head_id();
  const std::string current = repo.current_branch().value_or("");

  VersionRequest req;
  req.bump = plan.bump;
  req.pre = plan.pre;
  if (!plan.explicit_version.empty())
    req.explicit_version = parse_version_flag(plan.explicit_version);
  VersionHistory hist;
  for (const auto& t : tags) {
    hist.existing.push_back(t.version);
    hist.existing_tags.push_back(t.name);
  }

  std::string from = head;  // the commit the release is made from
  std::string summary;
  Changes section;  // what the changelog section lists

  if (plan.finalize) {
    const std::string v = verify_merged(ctx, repo, plan, cr, head);
    req = VersionRequest{};
    req.explicit_version = parse_version_flag(v);
    plan.branch = current;
    summary = "finalize " + v + ": " + git::short_id(head) +
              " carries its changelog section and version files";
  } else {
    if (!plan.hotfix_from.empty()) {
      const auto it = std::find_if(tags.begin(), tags.end(),
                                   [&](const auto& t) { return t.name == plan.hotfix_from; });
      if (it == tags.end()) {
        throw GateError(
            "--hotfix " + plan.hotfix_from + ": no such release tag (" + tmpl.glob() + ")",
            "pass an existing release tag, e.g. --hotfix " +
                (tags.empty() ? std::string("code-v1.2.0") : tags.front().name));
      }
      req.hotfix_from = it->version;
      const std::string hotfix_branch =
          "hotfix/v" + next_free_patch(it->version, hist.existing).str();
      plan.branch = hotfix_branch;
      if (current == hotfix_branch) {
        if (!repo.is_ancestor(it->commit, head)) {
          throw GateError(hotfix_branch + " does not start from " + plan.hotfix_from,
                          "cut the hotfix branch from the tag: git switch -c " + hotfix_branch +
                              " " + plan.hotfix_from);
        }
      } else if (repo.branch_exists(hotfix_branch)) {
        throw GateError(hotfix_branch + " exists but is not checked out",
                        "git switch " + hotfix_branch + ", then run the hotfix release again");
      } else {
        plan.new_branch = hotfix_branch;
        plan.new_branch_from = it->commit;
        from = it->commit;
      }
      hist.last_final = it->version;
      hist.newest = it->version;
      plan.previous_tag = it->name;
      auto commits = commits_between(repo, from, it->commit);
      hist.commits_since_newest = commits.size();
      section = classify(std::move(commits));
      hist.bump = section.bump;
    } else {
      // The newest release tags reachable from HEAD, prereleases included or
      // not. The highest tag is nearly always reachable: one walk both checks
      // that and collects the commits since it.
      const ReleaseTagInfo* newest = nullptr;
      const ReleaseTagInfo* last_final = nullptr;
      std::vector<ConventionalCommit> since_top;
      bool top_reachable = false;
      if (!tags.empty()) {
        top_reachable = repo.walk_since(from, tags.front().commit, collect(since_top));
        if (top_reachable) {
          newest = &tags.front();
          if (!newest->version.is_prerelease()) last_final = newest;
        }
      }
      for (size_t i = 1; i < tags.size() && !last_final; ++i) {
        const auto& t = tags[i];
        if ((newest && t.version.is_prerelease()) || !repo.is_ancestor(t.commit, from)) continue;
        if (!newest) newest = &t;
        if (!t.version.is_prerelease()) last_final = &t;
      }
      hist.last_final = last_final ? std::optional(last_final->version) : std::nullopt;
      hist.newest = newest ? std::optional(newest->version) : std::nullopt;
      auto since = [&](const ReleaseTagInfo* t) {
        if (t && top_reachable && t == &tags.front()) return std::move(since_top);
        return commits_between(repo, from, t ? t->commit : "");
      };
      if (newest && newest != last_final) {
        auto since_newest = since(newest);
        auto since_final = since(last_final);
        hist.commits_since_newest = since_newest.size();
        hist.bump = classify(since_final).bump;
        // A prerelease's notes start at the previous prerelease; a final's at the last final.
        section = classify(plan.pre.empty() ? std::move(since_final) : std::move(since_newest));
        plan.previous_tag = plan.pre.empty() ? (last_final ? last_final->name : "") : newest->name;
      } else {
        auto since_final = since(last_final);
        hist.commits_since_newest = since_final.size();
        section = classify(std::move(since_final));
        hist.bump = section.bump;
        plan.previous_tag = last_final ? last_final->name : "";
      }
      plan.branch = current;
    }
    if (plan.mode == "pr" && plan.hotfix_from.empty()) plan.new_branch_from = head;
  }

  if (tags.empty() && !plan.finalize) hist.declared = declared_version(ctx, repo, cr, head);
  const SemVer next = next_version(req, hist);
  const std::string version = next.str();
  set_vars(ctx, version, "", plan.branch);
  const std::string tag = config::render(cr.tag, ctx.vars);
  set_vars(ctx, version, tag, plan.branch);
  if (plan.mode == "pr" && plan.hotfix_from.empty() && !plan.finalize) {
    plan.branch = plan.new_branch = config::render(cr.branch, ctx.vars);
    set_vars(ctx, version, tag, plan.branch);
  }

  plan.version = version;
  const Changes& changes = section;
  if (!plan.finalize) {
    plan.changelog_section =
        changelog::render_section(version, iso_date(ctx.vars["date"]), changes);
    if (summary.empty()) {
      summary = version + " (" +
                (req.explicit_version ? std::string("--version")
                 : req.hotfix_from    ? std::string("hotfix")
                                      : bump_label(hist)) +
                "; " + std::to_string(changes.commits) + " commit" +
                (changes.commits == 1 ? "" : "s") + " since " +
                (plan.previous_tag.empty() ? std::string("the start") : plan.previous_tag) + ")";
    }
  }
  plan.commit_message =
      config::render(cr.commit_message, ctx.vars) + "\n\n" + trailers(ctx, version);
  plan.tags = {{tag, "Release " + version + "\n\n" + plan.changelog_section + "\n" +
                         trailers(ctx, version)}};

  ctx.release.version = version;
  ctx.release.branch = plan.branch;
  ctx.release.tags.clear();
  // A pull-request release is tagged later, by --finalize after the merge.
  const bool tags_now = plan.finalize || plan.mode != "pr" || !plan.hotfix_from.empty();
  if (tags_now) {
    for (const auto& t : plan.tags) ctx.release.tags.push_back(t.name);
  }
  return summary;
}

}  // namespace relctl::gates::version
