#pragma once
// What env.order and env.soak share: the environment a release must pass
// through before this one (`after`), and what runs there now. Both read the
// deployments table of that environment's database, with its clock.

#include <optional>
#include <string>

#include "relctl/config/config.hpp"
#include "relctl/core/context.hpp"
#include "relctl/gates/release.hpp"
#include "relctl/pg/deployments.hpp"

namespace relctl::gates::env {

/// The environment before the promotion's one and its current release.
struct Before {
  const config::Environment* env = nullptr;  // null: the environment has no `after`
  std::optional<pg::Deployment> current;     // nullopt: no release there yet
};

/// Reads the `after` environment of `p.env` and its current release. Throws
/// ConfigError for an unknown environment or `after`.
Before before(core::Context& ctx, const release::Promotion& p);

/// env.order and env.soak concern new releases; a rollback returns to one
/// the environment ran before and skips them, saying so. nullopt when the
/// promotion is not a rollback.
std::optional<core::Outcome> skipped_for_rollback(const release::Promotion& p);

/// True when `d` deployed the promotion's release (same tag, or same commit).
bool same_release(const pg::Deployment& d, const release::Promotion& p);

/// "2h05m", "3m07s", "42s".
std::string human_duration(double seconds);

}  // namespace relctl::gates::env
