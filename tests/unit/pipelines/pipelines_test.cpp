// Every pipeline, built in each of its shapes, runs exactly the gates the
// registry says it runs: the registry's "pipelines" column cannot drift
// from the lists in src/pipelines/.

#include <catch2/catch.hpp>
#include <set>

#include "relctl/config/loader.hpp"
#include "relctl/core/redactor.hpp"
#include "relctl/core/reporter.hpp"
#include "relctl/gates/registry.hpp"
#include "relctl/pipelines/pipelines.hpp"
#include "support/full_config.hpp"

using namespace relctl;

namespace {

struct Builder {
  config::Config cfg = config::parse(test::full_config_toml(), "relctl.toml");
  core::FixedClock clock{core::TimePoint{}};
  core::RecordingReporter reporter;
  core::Redactor redactor;
  core::Context ctx{core::Options{}, &cfg, clock, reporter, redactor};
  std::set<std::string> ids;  // every gate any variant built

  Builder() { ctx.vars["date"] = "20261122"; }

  void add(const core::Pipeline& pipeline) {
    for (const auto& gate : pipeline) {
      const std::string id = gate->id();
      ids.insert(id.rfind("command.", 0) == 0 ? "command.<id>" : id);
    }
  }

  std::shared_ptr<release::ReleasePlan> plan(release::Kind kind, release::Mode mode, bool finalize,
                                             bool hotfix) {
    auto p = std::make_shared<release::ReleasePlan>();
    p->shape.kind = kind;
    p->shape.mode = mode;
    p->shape.finalize = finalize;
    p->shape.hotfix = hotfix;
    return p;
  }

  std::shared_ptr<gates::DataRun> data_run(const std::shared_ptr<release::ReleasePlan>& plan,
                                           bool export_) {
    gates::DataRequest request;
    request.export_ = export_;
    return gates::make_data_run(ctx, request, plan);
  }
};

// The gates the registry says `command`'s pipeline runs.
std::set<std::string> declared(const std::string& command) {
  std::set<std::string> out;
  for (const auto& g : gates::registry()) {
    if (std::find(g.pipelines.begin(), g.pipelines.end(), command) != g.pipelines.end()) {
      out.insert(g.id);
    }
  }
  return out;
}

const std::vector<release::Mode> modes = {release::Mode::direct, release::Mode::pr};

}  // namespace

TEST_CASE("pipelines: code-release runs the gates the registry declares", "[pipelines]") {
  Builder b;
  for (const auto mode : modes) {
    for (const bool finalize : {false, true}) {
      for (const bool hotfix : {false, true}) {
        for (const bool joint : {false, true}) {
          for (const bool export_ : {false, true}) {
            if ((finalize && (hotfix || export_ || mode == release::Mode::direct))) continue;
            auto plan =
                b.plan(joint ? release::Kind::joint : release::Kind::code, mode, finalize, hotfix);
            b.add(
                pipelines::code_release(b.cfg, plan, joint ? b.data_run(plan, export_) : nullptr));
          }
        }
      }
    }
  }
  CHECK(b.ids == declared("code-release"));
}

TEST_CASE("pipelines: data-release runs the gates the registry declares", "[pipelines]") {
  Builder b;
  for (const auto mode : modes) {
    for (const bool finalize : {false, true}) {
      for (const bool export_ : {false, true}) {
        if (finalize && (export_ || mode == release::Mode::direct)) continue;
        auto plan = b.plan(release::Kind::data, mode, finalize, false);
        b.add(pipelines::data_release(b.cfg, plan, b.data_run(plan, export_)));
      }
    }
  }
  CHECK(b.ids == declared("data-release"));
}

TEST_CASE("pipelines: publish runs the gates the registry declares", "[pipelines]") {
  Builder b;
  b.add(pipelines::publish("code-v1.3.0"));
  CHECK(b.ids == declared("publish"));
}

TEST_CASE("pipelines: the forge's gates join only with a [forge] section", "[pipelines]") {
  Builder b;
  b.cfg.forge.reset();
  for (const auto mode : modes) {
    for (const bool finalize : {false, true}) {
      if (finalize && mode == release::Mode::direct) continue;
      auto plan = b.plan(release::Kind::code, mode, finalize, false);
      b.add(pipelines::code_release(b.cfg, plan, nullptr));
    }
  }
  auto promotion = std::make_shared<release::Promotion>();
  promotion->tag = "code-v1.0.0";
  promotion->env = "prod";
  b.add(pipelines::promotion(b.cfg, promotion, std::nullopt));
  for (const auto& id : b.ids) CHECK(id.rfind("forge.", 0) != 0);
}

TEST_CASE("pipelines: migrate runs the gates the registry declares", "[pipelines]") {
  Builder b;
  for (const auto& env : b.cfg.environments) {  // staging, and protected prod
    b.add(pipelines::migrate(env, {}, std::nullopt));
  }
  CHECK(b.ids == declared("migrate"));
}

TEST_CASE("pipelines: migrate baseline runs the gates the registry declares", "[pipelines]") {
  Builder b;
  for (const auto& env : b.cfg.environments) {
    b.add(pipelines::migrate_baseline(env, {}, std::nullopt));
  }
  CHECK(b.ids == declared("migrate baseline"));
}

TEST_CASE("pipelines: promote and rollback run the gates the registry declares", "[pipelines]") {
  for (const auto kind : {release::DeployKind::promote, release::DeployKind::rollback}) {
    Builder b;
    for (const bool shadow : {false, true}) {
      b.cfg.migrations.shadow = shadow;
      auto promotion = std::make_shared<release::Promotion>();
      promotion->tag = "code-v1.0.0";
      promotion->env = "prod";
      promotion->kind = kind;
      b.add(pipelines::promotion(b.cfg, promotion, std::nullopt));
      // rollback --hotfix opens hotfix/vX.Y.(Z+1).
      if (promotion->rollback()) {
        b.add(pipelines::promotion(b.cfg, promotion, std::nullopt,
                                   std::make_shared<release::ReleasePlan>()));
      }
    }
    const std::string command(release::to_string(kind));
    INFO(command);
    CHECK(b.ids == declared(command));
  }
}

TEST_CASE("pipelines: command gates join by command and phase, rollback takes promote's",
          "[pipelines]") {
  Builder b;
  auto ids = [&](std::string_view command, config::Phase phase) {
    std::vector<std::string> out;
    for (const auto* c : pipelines::commands_for(b.cfg, command, phase)) out.push_back(c->id);
    return out;
  };
  // `tests` names no command: it joins every pipeline's verify phase.
  CHECK(ids("data-release", config::Phase::verify) == std::vector<std::string>{"tests"});
  CHECK(ids("code-release", config::Phase::build) == std::vector<std::string>{"build"});
  CHECK(ids("data-release", config::Phase::build).empty());
  CHECK(ids("promote", config::Phase::deploy) == std::vector<std::string>{"deploy"});
  CHECK(ids("rollback", config::Phase::deploy) == std::vector<std::string>{"deploy"});
}
