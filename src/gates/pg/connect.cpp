// pg.connect: can we reach the environment's database? Reports the server
// version, the database and the user; the password is never shown.

#include <fmt/format.h>

#include <chrono>

#include "gates/pg/common.hpp"
#include "gates/registered.hpp"

namespace relctl::gates {

namespace {

class PgConnect final : public RegisteredGate {
 public:
  explicit PgConnect(std::string database)
      : RegisteredGate("pg.connect"), database_(std::move(database)) {}

  core::Outcome run(core::Context& ctx) override {
    const PgTarget target = pg_target(ctx, database_);
    const auto t0 = std::chrono::steady_clock::now();
    pg::Connection& conn = pg_connection(ctx, target);
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0)
            .count();
    const pg::Rows rows = conn.query(
        "SELECT current_setting('server_version'), current_database(), current_user::text");
    const auto& r = rows.at(0);
    const std::string version = r[0].value_or("?");
    const std::string database = r[1].value_or("?");
    const std::string user = r[2].value_or("?");
    return core::Outcome::pass(
        fmt::format("PostgreSQL {}, database {}, user {}; {} connected in {}ms", version, database,
                    user, target.describe(), ms),
        to_details({{"server_version", version},
                    {"server_version_num", conn.server_version_num()},
                    {"database", database},
                    {"user", user},
                    {"config_database", target.db->name},
                    {"connect_ms", ms}}));
  }

 private:
  std::string database_;
};

}  // namespace

std::unique_ptr<core::Gate> make_pg_connect(std::string database) {
  return std::make_unique<PgConnect>(std::move(database));
}

}  // namespace relctl::gates
