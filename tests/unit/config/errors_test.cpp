// Error reporting rules that hold for every malformed relctl.toml.

#include <catch2/catch.hpp>
#include <string>

#include "malformed.hpp"
#include "relctl/config/loader.hpp"
#include "relctl/core/error.hpp"

namespace relctl::test {

void check_malformed(const Malformed& c) {
  INFO(c.title << "\n--- relctl.toml ---\n" << c.toml);
  bool thrown = false;
  try {
    config::parse(c.toml, "relctl.toml");
  } catch (const ConfigError& e) {
    thrown = true;
    CHECK(std::string(e.what()) == c.message);
    CHECK(e.hint().rfind(c.hint, 0) == 0);
    CHECK(e.code() == ExitCode::usage);
    CHECK(static_cast<int>(e.code()) == 2);
  }
  CHECK(thrown);
}

}  // namespace relctl::test

TEST_CASE("errors never echo a password from relctl.toml", "[config]") {
  for (const char* toml : {
           "[databases.w]\nurl = \"postgres://etl:hunter2@db/dw\"\n",
           "[databases.w]\nurl_env = \"postgres://etl:hunter2@db/dw\"\n",
           "[data_release]\nsnapshot = \"a.sqlite\"\nmode = \"postgres://etl:hunter2@db/dw\"\n",
           "[[gates.command]]\nid = \"x\"\nrun = [\"psql\", \"postgres://etl:hunter2@db/dw\"]\n",
       }) {
    INFO(toml);
    try {
      relctl::config::parse(toml, "relctl.toml");
      FAIL("expected a ConfigError");
    } catch (const relctl::ConfigError& e) {
      CHECK(std::string(e.what()).find("hunter2") == std::string::npos);
      CHECK(e.hint().find("hunter2") == std::string::npos);
    }
  }
}

TEST_CASE("the first problem in file order is reported", "[config]") {
  try {
    relctl::config::parse("[project]\nzzz = 1\naaa = 2\n", "relctl.toml");
    FAIL("expected a ConfigError");
  } catch (const relctl::ConfigError& e) {
    CHECK(std::string(e.what()) == "relctl.toml:2:1: unknown key 'zzz' in [project]");
  }
}

TEST_CASE("messages name the file they were given", "[config]") {
  try {
    relctl::config::parse("[project]\nnmae = \"x\"\n", "deploy/relctl.toml");
    FAIL("expected a ConfigError");
  } catch (const relctl::ConfigError& e) {
    CHECK(std::string(e.what()).rfind("deploy/relctl.toml:2:1: ", 0) == 0);
  }
}
