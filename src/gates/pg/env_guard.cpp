// pg.env-guard: make sure the environment's connection points where the
// environment says it should (a prod run must not be aimed at dev). It runs
// right after pg.connect, before anything writes.

#include <cstdlib>

#include "gates/pg/common.hpp"
#include "gates/registered.hpp"
#include "relctl/core/error.hpp"

namespace relctl::gates {

namespace {

class PgEnvGuard final : public RegisteredGate {
 public:
  explicit PgEnvGuard(std::string database)
      : RegisteredGate("pg.env-guard"), database_(std::move(database)) {}

  core::Outcome run(core::Context& ctx) override {
    const PgTarget target = pg_target(ctx, database_);
    const config::Database& db = *target.db;
    const bool is_protected = target.env && target.env->is_protected;
    if (db.expect_database.empty() && db.expect_vars.empty()) {
      if (is_protected) {
        throw GateError(
            target.describe() + " is protected but [databases." + db.name +
                "] sets neither expect_database nor expect_vars, so relctl cannot "
                "tell it from another database",
            "add expect_database = \"NAME\" (and expect_vars) to [databases." + db.name + "]");
      }
      return core::Outcome::skip("[databases." + db.name +
                                 "] sets no expect_database or expect_vars");
    }

    pg::Connection& conn = pg_connection(ctx, target);
    std::vector<std::string> problems;
    nlohmann::json details = nlohmann::json::object();
    const std::string actual = conn.query_value("SELECT current_database()").value_or("");
    details["database"] = actual;
    if (!db.expect_database.empty()) {
      details["expect_database"] = db.expect_database;
      if (actual != db.expect_database) {
        problems.push_back(target.describe() + " expects database " + db.expect_database +
                           " but $" + db.url_env + " points at " + actual);
      }
    }
    for (const auto& [name, expected] : db.expect_vars) {
      const char* value = std::getenv(name.c_str());
      details["expect_vars"][name] = {
          {"expected", expected},
          {"actual", value ? nlohmann::json(value) : nlohmann::json(nullptr)}};
      if (!value) {
        problems.push_back("$" + name + " is not set; " + target.describe() + " expects \"" +
                           expected + "\"");
      } else if (expected != value) {
        problems.push_back("$" + name + " is \"" + value + "\"; " + target.describe() +
                           " expects \"" + expected + "\"");
      }
    }
    if (!problems.empty()) {
      std::string message;
      for (const auto& p : problems) message += (message.empty() ? "" : "; ") + p;
      throw GateError(message + "; nothing was changed",
                      "point $" + db.url_env +
                          " (or .env) at the right database, or fix the "
                          "expectations in [databases." +
                          db.name + "]");
    }
    std::string message = "current_database() is " + actual;
    if (!db.expect_vars.empty()) {
      message += " and " + std::to_string(db.expect_vars.size()) + " marker variable" +
                 (db.expect_vars.size() == 1 ? "" : "s") + " match";
    }
    return core::Outcome::pass(message + ", as " + target.describe() + " expects",
                               to_details(details));
  }

 private:
  std::string database_;
};

}  // namespace

std::unique_ptr<core::Gate> make_pg_env_guard(std::string database) {
  return std::make_unique<PgEnvGuard>(std::move(database));
}

}  // namespace relctl::gates
