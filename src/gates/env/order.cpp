// env.order and env.soak: a release reaches an environment only after it is
// the current, successful release of the environment before it (`after`),
// and has been there at least `soak`. Both read the deployments table of
// the `after` environment's database, with that database's clock.

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "gates/pg/common.hpp"
#include "relctl/config/loader.hpp"
#include "relctl/core/error.hpp"
#include "relctl/gates/promote.hpp"
#include "relctl/pg/connections.hpp"
#include "relctl/pg/deployments.hpp"

namespace relctl::gates {

namespace {

// The environment before `env` and its current release (nullopt: none yet).
struct Before {
  const config::Environment* env = nullptr;
  std::optional<pg::Deployment> current;
};

Before before(core::Context& ctx, const Promotion& p) {
  const config::Environment* env = ctx.config ? ctx.config->find_environment(p.env) : nullptr;
  if (!env) {
    throw ConfigError("no [environments." + p.env + "] in relctl.toml",
                      "add the environment, or promote to one that exists");
  }
  Before b;
  if (env->after.empty()) return b;
  b.env = ctx.config->find_environment(env->after);
  if (!b.env) {
    throw ConfigError("[environments." + p.env + "] after = \"" + env->after +
                          "\", but there is no [environments." + env->after + "]",
                      "fix `after`, or add that environment");
  }
  if (!ctx.pg) {
    throw Error(ExitCode::gate_failed, "internal error: no Postgres connections in this run",
                "this is a bug in relctl; please report it with the command you ran");
  }
  pg::Connection& conn = ctx.pg->get(b.env->database);
  b.current = pg::current_deployment(conn, b.env->name);
  return b;
}

bool same_release(const pg::Deployment& d, const Promotion& p) {
  return d.tag == p.tag || (!p.commit.empty() && d.commit == p.commit);
}

std::string human_duration(double seconds) {
  const auto s = static_cast<long long>(seconds);
  if (s >= 3600) return fmt::format("{}h{:02}m", s / 3600, (s % 3600) / 60);
  if (s >= 60) return fmt::format("{}m{:02}s", s / 60, s % 60);
  return fmt::format("{}s", s);
}

class EnvOrder final : public core::Gate {
 public:
  explicit EnvOrder(std::shared_ptr<Promotion> p) : p_(std::move(p)) {}
  std::string id() const override { return "env.order"; }
  std::string description() const override {
    return "the release is deployed and verified in the environment before this one";
  }
  core::Kind kind() const override { return core::Kind::check; }

  core::Outcome run(core::Context& ctx) override {
    const Before b = before(ctx, *p_);
    if (!b.env) return core::Outcome::skip(p_->env + " has no `after` environment");
    if (!b.current) {
      throw GateError(fmt::format("{} has no release yet: {} must be promoted to {} first",
                                  b.env->name, p_->tag, b.env->name),
                      fmt::format("relctl promote {} --to {}", p_->tag, b.env->name));
    }
    if (!same_release(*b.current, *p_)) {
      throw GateError(fmt::format("{} is not the current release of {} ({} is, since {})", p_->tag,
                                  b.env->name, b.current->tag, b.current->finished_at),
                      fmt::format("promote it to {} first: relctl promote {} --to {}", b.env->name,
                                  p_->tag, b.env->name));
    }
    return core::Outcome::pass(
        fmt::format("{} is the current release of {} (since {}, by {})", p_->tag, b.env->name,
                    b.current->finished_at, b.current->actor),
        nlohmann::json{{"after", b.env->name}, {"deployment_id", b.current->id}}.dump());
  }

 private:
  std::shared_ptr<Promotion> p_;
};

class EnvSoak final : public core::Gate {
 public:
  explicit EnvSoak(std::shared_ptr<Promotion> p) : p_(std::move(p)) {}
  std::string id() const override { return "env.soak"; }
  std::string description() const override { return "it has been there at least `soak`"; }
  core::Kind kind() const override { return core::Kind::check; }

  core::Outcome run(core::Context& ctx) override {
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
  std::shared_ptr<Promotion> p_;
};

}  // namespace

std::unique_ptr<core::Gate> make_env_order(std::shared_ptr<Promotion> promotion) {
  return std::make_unique<EnvOrder>(std::move(promotion));
}

std::unique_ptr<core::Gate> make_env_soak(std::shared_ptr<Promotion> promotion) {
  return std::make_unique<EnvSoak>(std::move(promotion));
}

}  // namespace relctl::gates
