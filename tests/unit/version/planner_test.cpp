// Naming a code release once its version is known: tag, branch, messages and
// what the run reports, for each shape.

#include <catch2/catch.hpp>

#include "gates/version/planner.hpp"
#include "relctl/config/loader.hpp"
#include "relctl/core/redactor.hpp"
#include "relctl/core/reporter.hpp"

using namespace relctl;

namespace {

struct Naming {
  config::Config cfg = config::parse(
      "[project]\nname = \"demo\"\n[code_release]\ntag = \"v{version}\"\n"
      "branch = \"rel/{version}\"\ncommit_message = \"release {version} on {branch}\"\n",
      "relctl.toml");
  core::FixedClock clock{core::TimePoint{}};
  core::RecordingReporter reporter;
  core::Redactor redactor;
  core::Context ctx{core::Options{}, &cfg, clock, reporter, redactor};
  release::ReleasePlan plan;

  Naming() {
    ctx.run_id = "01RUN";
    plan.branch = "main";
  }
  void name(const std::string& version) {
    release::PackageRelease p;
    p.version = version;
    p.tag = "v" + version;
    p.changelog_section = "## " + version + " - 2026-11-22\n";
    plan.packages = {p};
    gates::version::name_release(ctx, *cfg.code_release, plan);
  }
};

}  // namespace

TEST_CASE("planner names a direct release: tag now, on the current branch", "[version][planner]") {
  Naming n;
  n.name("2.0.0");
  CHECK(n.plan.version == "2.0.0");
  CHECK(n.plan.branch == "main");
  CHECK(n.plan.new_branch.empty());
  REQUIRE(n.plan.tags.size() == 1);
  CHECK(n.plan.tags[0].name == "v2.0.0");
  CHECK(n.plan.tags[0].message ==
        "Release 2.0.0\n\n## 2.0.0 - 2026-11-22\n\nRelctl-Run: 01RUN\nRelctl-Version: 2.0.0\n");
  CHECK(n.plan.commit_message ==
        "release 2.0.0 on main\n\nRelctl-Run: 01RUN\nRelctl-Version: 2.0.0\n");
  CHECK(n.ctx.release.tags == std::vector<std::string>{"v2.0.0"});
  CHECK(n.ctx.release.version == "2.0.0");
  CHECK(n.ctx.vars["tag"] == "v2.0.0");
}

TEST_CASE("planner names a release for review: its own branch, no tag yet", "[version][planner]") {
  Naming n;
  n.plan.shape.mode = release::Mode::pr;
  n.name("2.0.0");
  CHECK(n.plan.branch == "rel/2.0.0");
  CHECK(n.plan.new_branch == "rel/2.0.0");
  CHECK(n.plan.commit_message.rfind("release 2.0.0 on rel/2.0.0\n", 0) == 0);
  CHECK(n.plan.tags[0].name == "v2.0.0");  // git.tag-free checks it already
  CHECK(n.ctx.release.tags.empty());       // --finalize tags it after the merge
  CHECK(n.ctx.release.branch == "rel/2.0.0");
}

TEST_CASE("planner names a hotfix in pr mode like a direct release", "[version][planner]") {
  Naming n;
  n.plan.shape.mode = release::Mode::pr;
  n.plan.shape.hotfix = true;
  n.plan.branch = "hotfix/v2.0.1";
  n.name("2.0.1");
  CHECK(n.plan.branch == "hotfix/v2.0.1");
  CHECK(n.plan.new_branch.empty());
  CHECK(n.ctx.release.tags == std::vector<std::string>{"v2.0.1"});
}

TEST_CASE("planner names a monorepo release: one tag per package, one commit",
          "[version][planner]") {
  Naming n;
  release::PackageRelease api, web;
  api.name = "api";
  api.version = "1.3.0";
  api.tag = "api-v1.3.0";
  api.changelog_section = "## 1.3.0 - 2026-11-22\n";
  web.name = "web";
  web.version = "0.2.1";
  web.tag = "web-v0.2.1";
  web.changelog_section = "## 0.2.1 - 2026-11-22\n";
  n.plan.packages = {api, web};
  gates::version::name_release(n.ctx, *n.cfg.code_release, n.plan);
  CHECK(n.plan.version.empty());
  REQUIRE(n.plan.tags.size() == 2);
  CHECK(n.plan.tags[0].name == "api-v1.3.0");
  CHECK(n.plan.tags[0].message ==
        "Release api 1.3.0\n\n## 1.3.0 - 2026-11-22\n\nRelctl-Run: 01RUN\nRelctl-Version: 1.3.0\n");
  CHECK(n.plan.tags[1].name == "web-v0.2.1");
  CHECK(n.plan.commit_message ==
        "release api 1.3.0, web 0.2.1 on main\n\nRelctl-Run: 01RUN\nRelctl-Version: api "
        "1.3.0\nRelctl-Version: web 0.2.1\n");
  CHECK(n.ctx.release.tags == std::vector<std::string>{"api-v1.3.0", "web-v0.2.1"});
  CHECK(n.ctx.vars["tag"] == "api-v1.3.0, web-v0.2.1");
}
