// env.soak: a release has been the current release of the environment
// before this one (`after`) for at least this environment's `soak`.

#include <fmt/format.h>

#include "gates/env/after.hpp"
#include "gates/registered.hpp"
#include "relctl/config/loader.hpp"
#include "relctl/core/error.hpp"
#include "relctl/gates/env.hpp"

namespace relctl::gates {

namespace {

using env::before;
using env::Before;
using env::human_duration;
using env::same_release;

class EnvSoak final : public RegisteredGate {
 public:
  explicit EnvSoak(std::shared_ptr<release::Promotion> p)
      : RegisteredGate("env.soak"), p_(std::move(p)) {}

  core::Outcome run(core::Context& ctx) override {
    if (auto skipped = env::skipped_for_rollback(*p_)) return *skipped;
    const Before b = before(ctx, *p_);
    const config::Environment* env = ctx.config->find_environment(p_->env);
    if (!b.env) return core::Outcome::skip(p_->env + " has no `after` environment");
    if (env->soak == config::Duration::zero()) {
      return core::Outcome::skip("[environments." + p_->env + "] sets no soak");
    }
    if (!b.current || !same_release(*b.current, *p_)) {
      throw GateError(p_->tag + " is not on " + b.env->name + ", so it has not soaked there",
                      "promote it to " + b.env->name + " first, then wait " +
                          config::format_duration(env->soak));
    }
    const double need = std::chrono::duration<double>(env->soak).count();
    const double have = b.current->age_seconds;
    if (have < need) {
      throw GateError(fmt::format("{} has been on {} for {}; {} needs {} of soak: {} left", p_->tag,
                                  b.env->name, human_duration(have), p_->env,
                                  config::format_duration(env->soak), human_duration(need - have)),
                      "wait, then run again (soak is set in [environments." + p_->env + "])");
    }
    return core::Outcome::pass(fmt::format("{} has been on {} for {} (soak {})", p_->tag,
                                           b.env->name, human_duration(have),
                                           config::format_duration(env->soak)));
  }

 private:
  std::shared_ptr<release::Promotion> p_;
};

}  // namespace

std::unique_ptr<core::Gate> make_env_soak(std::shared_ptr<release::Promotion> promotion) {
  return std::make_unique<EnvSoak>(std::move(promotion));
}

}  // namespace relctl::gates
