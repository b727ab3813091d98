// The code-release pipeline (SPEC §4); docs/code-release.md explains every gate.

#include "pipelines/parts.hpp"
#include "relctl/config/loader.hpp"
#include "relctl/gates/artifacts.hpp"
#include "relctl/gates/changelog.hpp"
#include "relctl/gates/command.hpp"
#include "relctl/gates/commits.hpp"
#include "relctl/gates/forge.hpp"
#include "relctl/gates/git.hpp"
#include "relctl/gates/version.hpp"
#include "relctl/pipelines/pipelines.hpp"

namespace relctl::pipelines {

core::Pipeline code_release(const config::Config& cfg,
                            const std::shared_ptr<release::ReleasePlan>& plan,
                            const std::shared_ptr<gates::DataRun>& data) {
  const release::ReleaseShape& shape = plan->shape;
  // --finalize writes nothing: the commit merged after review is the release.
  const bool writes = !shape.finalize;
  core::Pipeline p;
  auto add = [&p](bool when, std::unique_ptr<core::Gate> gate) {
    if (when) p.push_back(std::move(gate));
  };
  auto add_phase = [&](bool when, config::Phase phase) {
    for (const auto* c : commands_for(cfg, "code-release", phase)) {
      add(when, gates::make_command_gate(*c));
    }
  };

  // Preflight, read-only, cheapest first: everything after them assumes a
  // full, clean, current clone on a release branch (maintenance branches
  // release too, inside their range; hotfixes on hotfix/*).
  std::vector<std::string> branches;
  if (cfg.code_release) branches = cfg.code_release->maintenance_branches;
  if (shape.hotfix) branches.emplace_back("hotfix/*");
  add(true, gates::make_git_repo());
  add(true, gates::make_git_branch(branches));
  add(true, gates::make_git_clean());
  add(true, gates::make_git_up_to_date());
  // The version needs the complete, current history and tags, hence after the
  // preflight; with --finalize it verifies the merged commit instead.
  add(true, gates::make_version_next(plan));
  // What the version was computed from: warns about (or, configured so,
  // refuses) commits that are not conventional.
  add(!shape.finalize, gates::make_commits_conventional(&cfg));
  // Needs the version; refuses a tag made elsewhere before anything is written.
  add(true, gates::make_git_tag_free(plan));
  // --finalize with a forge: the release's request was merged (and its
  // checks passed) before anything is tagged; needs the version for the
  // branch name.
  add(shape.finalize && cfg.forge && cfg.code_release,
      gates::make_forge_merged([&cfg](core::Context& ctx) {
        return config::render(cfg.code_release->branch, ctx.vars);
      }));
  // Hotfixes: switch to hotfix/vX.Y.Z cut from the tag before the tests, so
  // that the tests and every file change apply to the tree being released.
  add(shape.hotfix, gates::make_git_branch_create(plan));
  // [phase verify]: tests run on exactly what is released, before any change.
  add_phase(writes, config::Phase::verify);
  // The release's own file changes; each is undone if anything later fails.
  add(writes, gates::make_changelog_write(plan));
  add(writes, gates::make_version_files(plan));
  // [phase build]: builds see the bumped version files.
  add_phase(writes, config::Phase::build);
  // After the build, which makes the artifacts.
  add(writes, gates::make_artifacts_checksums(plan));
  // The data release it carries (unless --no-data): its tag must be free,
  // the snapshot checked, its manifest and report written before the one
  // commit that holds both releases; git.tag then puts both tags on it. With
  // --finalize: the merged snapshot is verified (data_release.cpp).
  if (data) append_data_gates(p, cfg, plan, data);
  // In review (pr mode): release/vX.Y.Z; one commit with the changelog,
  // version files, checksums (and the data release); code-vX.Y.Z (and
  // data-YYYYMMDD) on it unless it goes to review; one push.
  append_release_actions(p, cfg, plan, data);
  return p;
}

}  // namespace relctl::pipelines
