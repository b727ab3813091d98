// env.order: a release reaches an environment only after it is the
// current, successful release of the environment before it (`after`).

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "gates/env/after.hpp"
#include "gates/registered.hpp"
#include "relctl/core/error.hpp"
#include "relctl/gates/env.hpp"

namespace relctl::gates {

namespace {

using env::before;
using env::Before;
using env::same_release;

class EnvOrder final : public RegisteredGate {
 public:
  explicit EnvOrder(std::shared_ptr<release::Promotion> p)
      : RegisteredGate("env.order"), p_(std::move(p)) {}

  core::Outcome run(core::Context& ctx) override {
    if (auto skipped = env::skipped_for_rollback(*p_)) return *skipped;
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
  std::shared_ptr<release::Promotion> p_;
};

}  // namespace

std::unique_ptr<core::Gate> make_env_order(std::shared_ptr<release::Promotion> promotion) {
  return std::make_unique<EnvOrder>(std::move(promotion));
}

}  // namespace relctl::gates
