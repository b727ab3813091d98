#include "gates/version/planner.hpp"

#include <algorithm>

#include "gates/changelog/format.hpp"
#include "gates/git/support.hpp"
#include "gates/version/adoption.hpp"
#include "gates/version/lines.hpp"
#include "relctl/config/loader.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/output_file.hpp"
#include "relctl/git/ref_name.hpp"

namespace relctl::gates::version {

using release::PackageRelease;
using release::ReleasePlan;

namespace {

config::CodeRelease settings(const core::Context& ctx) {
  return ctx.config && ctx.config->code_release ? *ctx.config->code_release : config::CodeRelease{};
}

// "20261122" -> "2026-11-22".
std::string iso_date(const std::string& yyyymmdd) {
  if (yyyymmdd.size() != 8) return yyyymmdd;
  return yyyymmdd.substr(0, 4) + "-" + yyyymmdd.substr(4, 2) + "-" + yyyymmdd.substr(6, 2);
}

std::string joined(const std::vector<std::string>& items, const char* sep = ", ") {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : sep) + i;
  return out;
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

}  // namespace

std::vector<Line> lines_of(const core::Context& ctx, git::Repository& repo, const ReleasePlan& plan,
                           const config::CodeRelease& cr) {
  const std::string project = ctx.config ? ctx.config->project.name : "";
  if (!ctx.config || ctx.config->packages.empty()) {
    if (!plan.package.empty()) {
      throw UsageError("--package " + plan.package + ": relctl.toml declares no [[packages]]",
                       "drop --package, or declare the packages with [[packages]] "
                       "(`man relctl`, CONFIGURATION)");
    }
    return {{"", config::fill(cr.tag, "name", project), {}, cr.changelog, cr.version_files}};
  }
  // Package paths are relative to relctl.toml's folder; commits name paths
  // relative to the work tree.
  std::string prefix = git_support::worktree_relative(ctx, repo, ".");
  prefix = prefix == "." || prefix.empty() ? "" : prefix + "/";
  std::vector<Line> out;
  std::vector<std::string> names;
  for (const auto& p : ctx.config->packages) {
    names.push_back(p.name);
    if (!plan.package.empty() && p.name != plan.package) continue;
    Line line{p.name, config::fill(p.tag, "name", p.name), {}, p.changelog, p.version_files};
    for (const auto& glob : p.paths) line.paths.push_back(prefix + glob);
    out.push_back(std::move(line));
  }
  if (out.empty()) {
    throw UsageError("--package " + plan.package +
                         ": no such package in relctl.toml (packages: " + joined(names) + ")",
                     "pass one of the [[packages]] names");
  }
  return out;
}

namespace {

// "minor", "explicit major", "minor: breaking change before 1.0.0" (the
// 0.x rule), "patch, maintenance line 1.10.x".
std::string bump_label(const Decision& d) {
  if (d.req.explicit_version) return "--version";
  if (d.req.hotfix_from) return "hotfix";
  std::string label;
  if (d.req.bump != "auto") {
    label = "explicit " + d.req.bump;
  } else {
    const Bump b = std::max(d.hist.bump, Bump::patch);
    const auto base = d.hist.last_final ? d.hist.last_final : d.hist.declared;
    label = b == Bump::major && base && base->major == 0 ? "minor: breaking change before 1.0.0"
                                                         : std::string(to_string(b));
  }
  if (d.req.range) label += ", maintenance line " + d.req.range->label;
  return label;
}

// "1.3.0 (minor; 4 commits since code-v1.2.0)".
std::string summary_of(const PackageRelease& r, const Decision& d) {
  const size_t n = d.section.commits;
  return r.label() + " (" + bump_label(d) + "; " + std::to_string(n) + " commit" +
         (n == 1 ? "" : "s") + " since " +
         (r.previous_tag.empty() ? std::string("the start") : r.previous_tag) + ")";
}

// Breaking changes written in a way Conventional Commits 1.0 does not
// define: read as breaking, and said so.
void warn_nonstandard(const Decision& d, std::vector<std::string>& warnings) {
  for (const auto& c : d.section.kept) {
    if (c.nonstandard.empty()) continue;
    warnings.push_back(git::short_id(c.id) + " \"" + c.header + "\": " + c.nonstandard.front() +
                       " (the standard footer is `BREAKING CHANGE: <text>` in the last paragraph)");
  }
}

// A project adopting relctl whose tags follow another template.
void warn_other_template(git::Repository& repo, const Start& s, const std::string& project,
                         std::vector<std::string>& warnings) {
  if (!s.tags.empty() || !s.line.name.empty()) return;
  std::vector<std::string> names;
  for (const auto& t : repo.tags("*")) names.push_back(t.name);
  const auto guess = guess_tag_template(names, project);
  if (!guess || guess->tmpl == s.cr.tag) return;
  warnings.push_back("no tag matches code_release.tag = \"" + s.cr.tag + "\", but " +
                     std::to_string(guess->matches) + " tag" + (guess->matches == 1 ? "" : "s") +
                     " look like releases (newest " + guess->newest + "): set tag = \"" +
                     guess->tmpl + "\" in [code_release] to continue from them");
}

// One version line planned, or nullopt when a package has nothing to release.
std::optional<PackageRelease> plan_line(core::Context& ctx, git::Repository& repo,
                                        ReleasePlan& plan, const Start& s,
                                        const changelog::Format& format, bool skip_unchanged,
                                        std::vector<std::string>& warnings) {
  const release::ReleaseShape& shape = plan.shape;
  Decision d = shape.finalize ? plan_finalize(ctx, repo, plan, s)
               : shape.hotfix ? plan_hotfix(repo, plan, s)
                              : plan_from_head(ctx, repo, plan, s);
  if (skip_unchanged && d.hist.commits_since_newest == 0) return std::nullopt;
  SemVer version;
  try {
    version = next_version(d.req, d.hist);
  } catch (const NothingToRelease& e) {
    if (d.previous_tag.empty()) throw;
    // "nothing to release: 2 commits, none ..." -> "... since code-v1.2.0: 2 commits, none ..."
    std::string why = e.what();
    const std::string prefix = "nothing to release: ";
    if (why.rfind(prefix, 0) == 0) why.erase(0, prefix.size());
    if (d.hist.commits_since_newest == 0) why = "no commits since it";
    throw NothingToRelease("nothing to release since " + d.previous_tag + ": " + why, e.hint());
  }

  PackageRelease r;
  r.name = s.line.name;
  r.version = version.str();
  r.previous_tag = d.previous_tag;
  auto vars = ctx.vars;
  vars["version"] = r.version;
  vars["name"] = s.line.name;
  r.tag = config::render(s.line.tag, vars);
  r.changelog = s.line.changelog;
  r.version_files = s.line.version_files;
  if (shape.finalize) {
    r.changelog_section = d.finalized;
    r.summary = d.summary;
    return r;
  }
  r.summary = summary_of(r, d);
  if (const auto above = higher_elsewhere(version, d.hist)) {
    warnings.push_back(above->str() + " exists on another line (not reachable from " +
                       (s.branch.empty() ? std::string("HEAD") : s.branch) +
                       "); it does not hold back " + r.label());
  }
  warn_nonstandard(d, warnings);
  std::filesystem::path file(r.changelog);
  if (file.is_relative()) file = ctx.root() / file;
  const changelog::ReleaseNotes notes{r.version, iso_date(ctx.vars["date"]), r.tag, r.previous_tag,
                                      std::move(d.section)};
  r.changelog_section =
      changelog::edit_changelog(core::read_file(file).value_or(""), notes, format).section;
  return r;
}

}  // namespace

std::string trailers(const core::Context& ctx, const std::vector<std::string>& versions) {
  std::string out = "Relctl-Run: " + ctx.run_id + "\n";
  for (const auto& v : versions) out += "Relctl-Version: " + v + "\n";
  return out;
}

void name_release(core::Context& ctx, const config::CodeRelease& cr, ReleasePlan& plan) {
  std::vector<std::string> labels, tags;
  for (const auto& p : plan.packages) {
    labels.push_back(p.label());
    tags.push_back(p.tag);
  }
  plan.version = plan.packages.size() == 1 ? plan.packages.front().version : "";
  const std::string version = plan.version.empty() ? joined(labels) : plan.version;
  set_vars(ctx, version, joined(tags), plan.branch);
  if (plan.shape.opens_review()) {
    plan.branch = plan.new_branch = config::render(cr.branch, ctx.vars);
    set_vars(ctx, version, joined(tags), plan.branch);
  }
  // The dry run refuses a tag or branch the real run could not create.
  const bool packages = ctx.config && !ctx.config->packages.empty();
  for (const auto& tag : tags) {
    git::check_ref_name("tag", tag, packages ? "[[packages]] tag" : "[code_release] tag");
  }
  if (!plan.new_branch.empty()) {
    git::check_ref_name("branch", plan.new_branch, "[code_release] branch");
  }
  plan.commit_message =
      config::render(cr.commit_message, ctx.vars) + "\n\n" + trailers(ctx, labels);
  plan.tags.clear();
  for (const auto& p : plan.packages) {
    plan.tags.push_back({p.tag, "Release " + p.label() + "\n\n" + p.changelog_section + "\n" +
                                    trailers(ctx, {p.version})});
  }
  ctx.release.version = plan.version;
  ctx.release.branch = plan.branch;
  ctx.release.tags.clear();
  // A release under review is tagged later, by --finalize after the merge.
  if (plan.shape.tags_now()) ctx.release.tags = tags;
}

Planned plan_code_release(core::Context& ctx, git::Repository& repo, ReleasePlan& plan) {
  const config::CodeRelease cr = settings(ctx);
  const std::string head = repo.head_id();
  const std::string branch = repo.current_branch().value_or("");
  const auto lines = lines_of(ctx, repo, plan, cr);
  const auto format = changelog::format_for(ctx, repo);
  const bool monorepo = ctx.config && !ctx.config->packages.empty();

  Planned out;
  plan.packages.clear();
  plan.branch = branch;
  std::vector<std::string> summaries;
  for (const auto& line : lines) {
    Start s{cr, line, release_tags(repo, TagTemplate(line.tag)), head, branch};
    warn_other_template(repo, s, ctx.config ? ctx.config->project.name : "", out.warnings);
    // In a monorepo, packages without commits since their release sit this one out.
    auto r = plan_line(ctx, repo, plan, s, format, monorepo && plan.package.empty(), out.warnings);
    if (!r) continue;
    summaries.push_back(r->summary);
    plan.packages.push_back(std::move(*r));
  }
  if (plan.packages.empty()) {
    throw NothingToRelease("nothing to release: no package has commits since its last release",
                           "commit something first, or pass --package NAME with --version X.Y.Z");
  }
  // A release under review gets its branch, cut from HEAD.
  if (plan.shape.opens_review()) plan.new_branch_from = head;
  name_release(ctx, cr, plan);
  out.summary = joined(summaries);
  return out;
}

}  // namespace relctl::gates::version
