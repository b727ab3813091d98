// Version patterns in files and tag templates.

#include <catch2/catch.hpp>

#include "gates/version/pattern.hpp"

using namespace relctl::gates::version;

TEST_CASE("a version pattern finds the version in a file", "[version]") {
  const std::string toml =
      "[project]\nname = \"x\"\nversion = \"1.2.3\"\n\n[tool]\nversion_x = 1\n";
  const auto found = find_versions(toml, "version = \"{version}\"");
  REQUIRE(found.size() == 1);
  CHECK(found[0].version == "1.2.3");
  CHECK(replace_version(toml, found[0], "1.3.0-beta.1") ==
        "[project]\nname = \"x\"\nversion = \"1.3.0-beta.1\"\n\n[tool]\nversion_x = 1\n");
}

TEST_CASE("pattern special characters are literal", "[version]") {
  const std::string js = "{\n  \"version\": \"0.4.0\",\n  \"deps\": {\"a\": \"1.0.0\"}\n}\n";
  const auto found = find_versions(js, "\"version\": \"{version}\"");
  REQUIRE(found.size() == 1);
  CHECK(found[0].version == "0.4.0");
  CHECK(find_versions("__version__ = (1.2.3)", "__version__ = ({version})").size() == 1);
  CHECK(find_versions("v = 1.2.3; v = 2.0.0", "v = {version}").size() == 2);
  CHECK(find_versions("nothing here", "version = \"{version}\"").empty());
}

TEST_CASE("a tag template lists and reads release tags", "[version]") {
  const TagTemplate code("code-v{version}");
  CHECK(code.glob() == "code-v*");
  CHECK(code.version_of("code-v1.2.3")->str() == "1.2.3");
  CHECK(code.version_of("code-v1.3.0-beta.2")->str() == "1.3.0-beta.2");
  CHECK_FALSE(code.version_of("data-20261122"));
  CHECK_FALSE(code.version_of("code-vnext"));
  const TagTemplate dated("rel-{date}-{version}");
  CHECK(dated.glob() == "rel-*-*");
  CHECK(dated.version_of("rel-20261122-2.0.0")->str() == "2.0.0");
}

TEST_CASE("a version file with a 200,000-character line is searched without a crash",
          "[version][hostile]") {
  // std::regex recursed once per matched character over the whole file.
  std::string text = "bundle = \"";
  text.append(200000, 'a').append("\"\nversion = \"1.2.3-").append(200000, 'a');
  text.append("\"\nversion = \"2.0.0\"\n").append(200000, '7').append("\n");
  const auto found = find_versions(text, "version = \"{version}\"");
  REQUIRE(found.size() == 1);
  CHECK(found[0].version == "2.0.0");
  std::string digits(200000, '1');
  CHECK(find_versions(digits.append(".2.3"), "{version}").empty());
  CHECK(find_versions("x 10.20.30 y", "{version}").at(0).version == "10.20.30");
  std::string tag = "code-v";
  CHECK_FALSE(TagTemplate("code-v{version}").version_of(tag.append(200000, '1')));
}
