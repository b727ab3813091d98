// env.soak: a release has been the current release of the environment
// before this one (`after`) for at least this environment's `soak`. With
// `promote --wait` it waits out what is left (up to a limit) instead of
// failing, showing a progress line; Ctrl-C stops the wait.

#include <fmt/format.h>

#include <cstdio>
#include <thread>

#include "gates/env/after.hpp"
#include "gates/registered.hpp"
#include "relctl/config/loader.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/interrupt.hpp"
#include "relctl/gates/env.hpp"

namespace relctl::gates {

namespace {

using env::before;
using env::Before;
using env::human_duration;
using env::same_release;

// Sleeps `seconds` in short steps, redrawing the progress line; throws
// Interrupted on Ctrl-C.
void wait_out(core::Context& ctx, double seconds, const std::string& what) {
  using namespace std::chrono;
  const auto end =
      steady_clock::now() + duration_cast<steady_clock::duration>(duration<double>(seconds));
  struct Clear {
    core::Context& ctx;
    ~Clear() {
      if (ctx.progress) ctx.progress->clear();
    }
  } clear{ctx};
  for (auto now = steady_clock::now(); now < end; now = steady_clock::now()) {
    core::throw_if_interrupted();
    if (ctx.progress) {
      ctx.progress->show(fmt::format("env.soak: {} left ({})",
                                     human_duration(duration<double>(end - now).count()), what));
    }
    std::this_thread::sleep_for(std::min<steady_clock::duration>(end - now, milliseconds(200)));
  }
  core::throw_if_interrupted();
}

class EnvSoak final : public RegisteredGate {
 public:
  explicit EnvSoak(std::shared_ptr<release::Promotion> p)
      : RegisteredGate("env.soak"), p_(std::move(p)) {}

  core::Outcome run(core::Context& ctx) override {
    if (auto skipped = env::skipped_for_rollback(*p_)) return *skipped;
    double waited = 0;
    // After a wait the deployments are read again: what soaked must still be there.
    for (;;) {
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
      const std::string soaked = fmt::format("{} on {}", p_->tag, b.env->name);
      if (have >= need) {
        return core::Outcome::pass(
            fmt::format("{} has been on {} for {} (soak {}){}", p_->tag, b.env->name,
                        human_duration(have), config::format_duration(env->soak),
                        waited > 0 ? ", after waiting " + human_duration(waited) : ""));
      }
      const double left = need - have;
      if (!p_->wait) {
        throw GateError(fmt::format("{} has been on {} for {}; {} needs {} of soak: {} left",
                                    p_->tag, b.env->name, human_duration(have), p_->env,
                                    config::format_duration(env->soak), human_duration(left)),
                        "wait, then run again, or let relctl wait: --wait (soak is set in "
                        "[environments." +
                            p_->env + "])");
      }
      const double limit = std::chrono::duration<double>(p_->wait_limit).count();
      if (limit > 0 && waited + left > limit) {
        throw GateError(fmt::format("{} needs {} more of soak, more than --wait {} allows", soaked,
                                    human_duration(left), config::format_duration(p_->wait_limit)),
                        "wait longer (--wait without a limit waits as long as the soak needs), "
                        "or run again later");
      }
      if (ctx.dry_run()) {
        return core::Outcome::pass(fmt::format("would wait {} for {} to soak (soak {})",
                                               human_duration(left), soaked,
                                               config::format_duration(env->soak)));
      }
      if (!ctx.progress && !ctx.options.json && !ctx.options.quiet) {
        // No line to redraw (a CI log): say once what it waits for, on stderr.
        std::fprintf(stderr, "relctl: env.soak: waiting %s for %s to soak (Ctrl-C stops)\n",
                     human_duration(left).c_str(), soaked.c_str());
        std::fflush(stderr);
      }
      wait_out(ctx, left + 0.05, soaked + " to soak");  // a margin for the clocks' rounding
      waited += left;
    }
  }

 private:
  std::shared_ptr<release::Promotion> p_;
};

}  // namespace

std::unique_ptr<core::Gate> make_env_soak(std::shared_ptr<release::Promotion> promotion) {
  return std::make_unique<EnvSoak>(std::move(promotion));
}

}  // namespace relctl::gates
