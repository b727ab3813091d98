#pragma once
// A GitProject (code-v1.2.0, then a feat and a fix) planned in-process by
// the code-release planner, for tests of version.next's decisions.

#include "gates/version/planner.hpp"
#include "relctl/config/loader.hpp"
#include "relctl/core/redactor.hpp"
#include "relctl/core/reporter.hpp"
#include "relctl/release/shape.hpp"
#include "support/git_project.hpp"

namespace relctl::test {

struct Planning {
  explicit Planning(const std::string& toml = "", bool seed = true) : project(toml, seed) {}

  GitProject project;
  config::Config cfg = config::load(project.work() / "relctl.toml");
  core::FixedClock clock{core::TimePoint{}};
  core::RecordingReporter reporter;
  core::Redactor redactor;
  core::Context ctx{core::Options{}, &cfg, clock, reporter, redactor};
  release::ReleasePlan plan;
  gates::version::Planned planned;

  /// Plans with `flags` (after re-reading relctl.toml and reopening the
  /// repository, so tests may change both first); returns the summary.
  std::string plan_with(const release::CodeFlags& flags = {}) {
    cfg = config::load(project.work() / "relctl.toml");
    auto repo = git::Repository::discover(project.work());
    ctx.run_id = "01RUN";
    ctx.vars["date"] = "20261122";
    ctx.config_root = cfg.root;
    ctx.release = {};
    plan.shape = release::code_release_shape(cfg, flags);
    planned = gates::version::plan_code_release(ctx, *repo, plan);
    return planned.summary;
  }
  std::string warnings() const {
    std::string out;
    for (const auto& w : planned.warnings) out += w + "\n";
    return out;
  }
  std::string head() const { return project.git("rev-parse HEAD").substr(0, 40); }
};

}  // namespace relctl::test
