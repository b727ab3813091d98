// pg.lock: one run per environment at a time. A session advisory lock on a
// dedicated connection, polled until [migrations] lock_timeout; the loser
// exits 4 naming the holder. The lock is held until the run ends (or undone
// on failure); a crashed run's lock goes with its connection.

#include <fmt/format.h>

#include "gates/pg/common.hpp"
#include "gates/registered.hpp"
#include "relctl/core/error.hpp"
#include "relctl/pg/advisory_lock.hpp"
#include "relctl/pg/connections.hpp"

namespace relctl::gates {

namespace {

std::string seconds(config::Duration d) {
  return d.count() % 1000 == 0 ? fmt::format("{}s", d.count() / 1000)
                               : fmt::format("{}ms", d.count());
}

class PgLock final : public RegisteredGate {
 public:
  PgLock() : RegisteredGate("pg.lock") {}

  core::Outcome run(core::Context& ctx) override {
    const PgTarget target = pg_target(ctx);
    if (!ctx.pg) pg_connection(ctx, target);  // throws the "no connections" bug report
    const auto [key, name] = lock_of(ctx, target);
    auto lock = pg::AdvisoryLock::acquire(ctx.pg->open(target.db->name), key, name,
                                          ctx.config->migrations.lock_timeout);
    const int pid = lock->connection().backend_pid();
    ctx.pg->hold(std::move(lock));
    key_ = key;
    return core::Outcome::pass("holding the lock of " + name + " until the run ends",
                               to_details({{"key", key},
                                           {"backend_pid", pid},
                                           {"application_name", ctx.pg->application_name()}}));
  }

  std::string plan(core::Context& ctx) override {
    const PgTarget target = pg_target(ctx);
    const auto [key, name] = lock_of(ctx, target);
    std::string text = "would take the lock of " + name + " (waiting up to " +
                       seconds(ctx.config->migrations.lock_timeout) + ")";
    if (auto holder = pg::find_lock_holder(pg_connection(ctx, target), key)) {
      text += "; it is held right now by " + holder->describe();
    }
    return text;
  }

  void undo(core::Context& ctx) override {
    if (!ctx.pg || key_ == 0) return;
    if (const std::string warning = ctx.pg->release_lock(key_); !warning.empty()) {
      throw GateError(warning, "another run may have started meanwhile; check what ran");
    }
  }

 private:
  static std::pair<std::int64_t, std::string> lock_of(const core::Context& ctx,
                                                      const PgTarget& target) {
    const std::string scope =
        target.env ? "environment " + target.env->name : "database " + target.db->name;
    const std::string key_text = "relctl:" + ctx.config->project.name + ":" +
                                 (target.env ? "env:" + target.env->name : "db:" + target.db->name);
    return {pg::advisory_key(key_text),
            scope + (target.env ? " (database " + target.db->name + ")" : "")};
  }

  std::int64_t key_ = 0;
};

}  // namespace

std::unique_ptr<core::Gate> make_pg_lock() {
  return std::make_unique<PgLock>();
}

}  // namespace relctl::gates
