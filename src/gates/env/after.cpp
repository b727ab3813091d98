#include "gates/env/after.hpp"

#include <fmt/format.h>

#include "relctl/core/error.hpp"
#include "relctl/pg/connections.hpp"

namespace relctl::gates::env {

Before before(core::Context& ctx, const release::Promotion& p) {
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

std::optional<core::Outcome> skipped_for_rollback(const release::Promotion& p) {
  if (!p.rollback()) return std::nullopt;
  return core::Outcome::skip("rollback: " + p.tag + " was live in " + p.env + " before");
}

bool same_release(const pg::Deployment& d, const release::Promotion& p) {
  return d.tag == p.tag || (!p.commit.empty() && d.commit == p.commit);
}

std::string human_duration(double seconds) {
  const auto s = static_cast<long long>(seconds);
  if (s >= 3600) return fmt::format("{}h{:02}m", s / 3600, (s % 3600) / 60);
  if (s >= 60) return fmt::format("{}m{:02}s", s / 60, s % 60);
  return fmt::format("{}s", s);
}

}  // namespace relctl::gates::env
