// SemVer 2.0 parsing and precedence (semver.org §9-11).

#include <catch2/catch.hpp>

#include "gates/version/semver.hpp"

using relctl::gates::version::SemVer;

namespace {
SemVer v(const char* text) {
  auto parsed = SemVer::parse(text);
  REQUIRE(parsed);
  return *parsed;
}
}  // namespace

TEST_CASE("SemVer parses and prints valid versions", "[version]") {
  for (const char* text :
       {"0.0.0", "1.2.3", "10.20.30", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-0.3.7",
        "1.0.0-x.7.z.92", "1.0.0+20130313144700", "1.0.0-beta+exp.sha.5114f85", "1.0.0-x-y-z.--"}) {
    INFO(text);
    CHECK(v(text).str() == text);
  }
}

TEST_CASE("SemVer rejects what SemVer 2.0 forbids", "[version]") {
  for (const char* text :
       {"", "1", "1.2", "1.2.3.4", "v1.2.3", "01.2.3", "1.02.3", "1.2.03", "1.2.3-", "1.2.3-01",
        "1.2.3-a..b", "1.2.3+", "1.2.3-a_b", " 1.2.3", "1.2.x", "-1.2.3"}) {
    INFO(text);
    CHECK_FALSE(SemVer::parse(text));
  }
}

TEST_CASE("SemVer precedence follows the specification's example chain", "[version]") {
  const char* chain[] = {"1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta",
                         "1.0.0-beta",  "1.0.0-beta.2",  "1.0.0-beta.11",
                         "1.0.0-rc.1",  "1.0.0",         "1.0.1",
                         "1.1.0",       "2.0.0"};
  for (size_t i = 0; i + 1 < std::size(chain); ++i) {
    INFO(chain[i] << " < " << chain[i + 1]);
    CHECK(v(chain[i]) < v(chain[i + 1]));
    CHECK(v(chain[i + 1]) > v(chain[i]));
  }
}

TEST_CASE("SemVer precedence ignores build metadata", "[version]") {
  CHECK(same_precedence(v("1.0.0+a"), v("1.0.0+b")));
  CHECK(same_precedence(v("1.0.0-rc.1+a"), v("1.0.0-rc.1")));
  CHECK(v("1.0.0-beta.10") > v("1.0.0-beta.9"));  // numeric, not lexical
  CHECK(v("1.0.0-beta.a") > v("1.0.0-beta.9"));   // alphanumeric after numeric
}
