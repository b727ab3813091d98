// What the version planner knows, for scripts: the current release of a
// version line, the next one (planned as version.next plans it), and the
// changelog section of a release that exists.

#include <algorithm>

#include "gates/changelog/document.hpp"
#include "gates/version/lines.hpp"
#include "gates/version/planner.hpp"
#include "relctl/config/loader.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/output_file.hpp"
#include "relctl/gates/version.hpp"
#include "relctl/release/tree.hpp"

namespace relctl::gates {

namespace {

config::CodeRelease settings(const core::Context& ctx) {
  return ctx.config && ctx.config->code_release ? *ctx.config->code_release : config::CodeRelease{};
}

std::vector<version::Line> lines_for(core::Context& ctx, git::Repository& repo,
                                     const std::string& package) {
  release::ReleasePlan plan;
  plan.package = package;
  return version::lines_of(ctx, repo, plan, settings(ctx));
}

}  // namespace

std::optional<CurrentRelease> current_release(core::Context& ctx, git::Repository& repo,
                                              const std::string& package) {
  if (ctx.config && !ctx.config->packages.empty() && package.empty()) {
    throw UsageError("relctl.toml declares [[packages]]: each has its own version",
                     "pass --package NAME");
  }
  const auto line = lines_for(ctx, repo, package).front();
  const std::string head = repo.head_id();
  // Highest version first: the first one HEAD contains is the current one.
  for (const auto& t : version::release_tags(repo, version::TagTemplate(line.tag))) {
    if (t.commit == head || repo.is_ancestor(t.commit, head)) {
      return CurrentRelease{t.version.str(), t.name};
    }
  }
  return std::nullopt;
}

void plan_next_release(core::Context& ctx, git::Repository& repo, release::ReleasePlan& plan) {
  version::plan_code_release(ctx, repo, plan);
}

std::string released_section(core::Context& ctx, git::Repository& repo, const std::string& tag) {
  std::vector<std::string> templates;
  for (const auto& line : lines_for(ctx, repo, "")) {
    const auto v = version::TagTemplate(line.tag).version_of(tag);
    templates.push_back(config::fill(line.tag, "version", "X.Y.Z"));
    if (!v) continue;
    if (!repo.resolve_commit("refs/tags/" + tag)) break;
    const std::string version = v->str();
    const auto here = core::read_file(ctx.root() / line.changelog);
    if (auto section = changelog::find_section(here.value_or(""), version)) return *section;
    // A release made on another branch: its changelog is in the tag's tree.
    const auto there = release::read_file_at(ctx.root(), tag, line.changelog);
    if (auto section = changelog::find_section(there.value_or(""), version)) return *section;
    throw GateError(
        line.changelog + " has no section for " + version + ", neither in the work tree nor at " +
            tag,
        "the release was made without a changelog; `git show " + tag + "` shows its tag message");
  }
  std::string shapes;
  for (const auto& t : templates) shapes += (shapes.empty() ? "" : ", ") + t;
  throw UsageError(
      "'" + tag + "' is no release tag of this project (release tags look like " + shapes + ")",
      "`git tag --list` shows the tags; pass one of the releases");
}

}  // namespace relctl::gates
