// What the ledger stores of a run's gates: every gate, with its details,
// except details too large to be a record (a dry run's preview of a huge
// changelog), which are stored as their size.

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

#include "relctl/core/result.hpp"
#include "relctl/report/reporters.hpp"

using namespace relctl;

TEST_CASE("the ledger keeps a gate's details unless they pass 1 MiB", "[report]") {
  core::GateResult small;
  small.id = "version.next";
  small.status = core::Status::passed;
  small.details_json = R"({"version":"1.2.0"})";
  core::GateResult large = small;
  large.id = "changelog.write";
  large.status = core::Status::planned;
  large.details_json = R"({"section":")" + std::string(2u << 20, 'x') + R"("})";

  const auto stored = nlohmann::json::parse(report::gates_to_json({small, large}));
  REQUIRE(stored.size() == 2);
  CHECK(stored[0]["details"] == nlohmann::json{{"version", "1.2.0"}});
  CHECK(stored[1]["id"] == "changelog.write");
  CHECK(stored[1]["status"] == "planned");
  CHECK(stored[1]["details"] == nlohmann::json{{"omitted_bytes", large.details_json.size()}});
}
