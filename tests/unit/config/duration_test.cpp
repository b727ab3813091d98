// Durations in relctl.toml: a whole number and a unit, units largest first.

#include <catch2/catch.hpp>
#include <chrono>
#include <string>

#include "relctl/config/loader.hpp"
#include "relctl/core/error.hpp"

namespace cfg = relctl::config;
using namespace std::chrono_literals;

TEST_CASE("durations that parse", "[config]") {
  struct Row {
    const char* text;
    cfg::Duration expected;
  };
  const Row rows[] = {
      {"500ms", 500ms}, {"30s", 30s},        {"10m", 10min},      {"1h", 1h},
      {"2d", 48h},      {"1h30m", 90min},    {"1m30s", 90s},      {"0s", 0ms},
      {"1d2h", 26h},    {"1s500ms", 1500ms}, {"1h0m5s", 1h + 5s}, {"90m", 90min},
  };
  for (const auto& r : rows) {
    INFO(r.text);
    CHECK(cfg::parse_duration(r.text) == r.expected);
  }
}

TEST_CASE("durations that do not parse say why", "[config]") {
  struct Row {
    const char* text;
    const char* message;
  };
  const Row rows[] = {
      {"", "invalid duration \"\": it is empty"},
      {"-5s", "invalid duration \"-5s\": durations cannot be negative"},
      {"5", "invalid duration \"5\": '5' has no unit (ms, s, m, h or d)"},
      {"5x", "invalid duration \"5x\": unknown unit 'x' (use ms, s, m, h or d)"},
      {"5 s", "invalid duration \"5 s\": unexpected ' '"},
      {"1.5h", "invalid duration \"1.5h\": use whole numbers, e.g. 1h30m instead of 1.5h"},
      {"30m1h", "invalid duration \"30m1h\": write each unit once, largest first, e.g. 1h30m"},
      {"1h1h", "invalid duration \"1h1h\": write each unit once, largest first, e.g. 1h30m"},
      {"h", "invalid duration \"h\": expected a number at 'h'"},
      {"400d", "invalid duration \"400d\": it is longer than a year"},
      {"10 minutes", "invalid duration \"10 minutes\": unexpected ' '"},
      {"10min", "invalid duration \"10min\": unknown unit 'min' (use ms, s, m, h or d)"},
  };
  for (const auto& r : rows) {
    INFO(r.text);
    try {
      cfg::parse_duration(r.text);
      FAIL("expected a ConfigError");
    } catch (const relctl::ConfigError& e) {
      CHECK(std::string(e.what()) == r.message);
      CHECK(e.code() == relctl::ExitCode::usage);
      CHECK_THAT(e.hint(), Catch::Matchers::Contains("\"1h30m\""));
    }
  }
}

TEST_CASE("format_duration writes what parse_duration reads", "[config]") {
  for (const auto d : {cfg::Duration(0ms), cfg::Duration(500ms), cfg::Duration(90min),
                       cfg::Duration(26h), cfg::Duration(1500ms), cfg::Duration(48h)}) {
    CHECK(cfg::parse_duration(cfg::format_duration(d)) == d);
  }
  CHECK(cfg::format_duration(90min) == "1h30m");
  CHECK(cfg::format_duration(0ms) == "0s");
  CHECK(cfg::format_duration(48h) == "2d");
}

TEST_CASE("durations in relctl.toml", "[config]") {
  const auto c = cfg::parse(R"(
[migrations]
lock_timeout = "1m30s"
[databases.db]
url_env = "DB_URL"
connect_timeout = "2s"
)",
                            "relctl.toml");
  CHECK(c.migrations.lock_timeout == 90s);
  CHECK(c.databases.at(0).connect_timeout == 2s);
  CHECK_THROWS_WITH(
      cfg::parse("[[gates.command]]\nid = \"t\"\nrun = [\"x\"]\ntimeout = \"0s\"\n", "relctl.toml"),
      "relctl.toml:4:11: 'timeout' in [[gates.command]] #1 must be longer than zero");
}
