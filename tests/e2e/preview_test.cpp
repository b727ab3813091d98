// The exact preview of a dry run, and the commands that print one piece of
// it for scripts: relctl version [--next], relctl changelog [--unreleased | TAG].

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/git_project.hpp"

using namespace relctl::test;

namespace {

const nlohmann::json& gate(const nlohmann::json& doc, const std::string& id) {
  for (const auto& g : doc["gates"]) {
    if (g["id"] == id) return g;
  }
  FAIL("no gate " << id);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("a code-release dry run shows the section, the diffs, the messages and the refs",
          "[e2e][git][preview]") {
  GitProject p;
  const std::string before = p.full_state();

  const auto human = p.relctl({"code-release", "--dry-run"});
  INFO(output(human));
  CHECK(human.exit_code == 0);
  CHECK_THAT(human.out, Catch::Contains("changelog section (CHANGELOG.md):\n        ## 1.3.0 - "));
  CHECK_THAT(human.out, Catch::Contains("        ### Features\n"));
  CHECK_THAT(human.out, Catch::Contains("        +++ b/CHANGELOG.md\n"));
  CHECK_THAT(human.out, Catch::Contains("        @@ -1,5 +1,"));
  CHECK_THAT(human.out,
             Catch::Contains("        -version = \"1.2.0\"\n        +version = \"1.3.0\"\n"));
  CHECK_THAT(human.out, Catch::Contains("commit message:\n        chore(release): 1.3.0\n"));
  CHECK_THAT(human.out, Catch::Contains("tag code-v1.3.0 message:\n        Release 1.3.0\n"));

  // -q hides the preview; the dry run's result line stays.
  const auto quiet = p.relctl({"code-release", "--dry-run", "-q"});
  CHECK(quiet.exit_code == 0);
  CHECK_THAT(quiet.out, !Catch::Contains("+++ b/CHANGELOG.md"));

  const auto json = p.relctl({"code-release", "--dry-run", "--json"});
  INFO(output(json));
  REQUIRE(json.exit_code == 0);
  const auto doc = nlohmann::json::parse(json.out);
  const auto& files = gate(doc, "version.files")["details"];
  CHECK(files["files"][0]["path"] == "pyproject.toml");
  CHECK(files["files"][0]["diff"] ==
        "--- a/pyproject.toml\n+++ b/pyproject.toml\n@@ -1,3 +1,3 @@\n [project]\n"
        " name = \"demo\"\n-version = \"1.2.0\"\n+version = \"1.3.0\"\n");
  const auto& changelog = gate(doc, "changelog.write")["details"];
  CHECK_THAT(changelog["section"].get<std::string>(), Catch::StartsWith("## 1.3.0 - "));
  CHECK_THAT(changelog["diff"].get<std::string>(),
             Catch::Contains("\n+## 1.3.0 - ") && Catch::Contains("\n ## 1.2.0 - 2026-01-01\n"));
  // One changelog: its section and diff are there once, at the top.
  CHECK(changelog["files"][0]["path"] == "CHANGELOG.md");
  CHECK(changelog["files"][0]["version"] == "1.3.0");
  CHECK_FALSE(changelog["files"][0].contains("section"));
  CHECK_FALSE(changelog["files"][0].contains("diff"));
  CHECK_THAT(gate(doc, "git.commit")["details"]["message"].get<std::string>(),
             Catch::StartsWith("chore(release): 1.3.0\n\nRelctl-Run: "));
  CHECK_THAT(gate(doc, "git.tag")["details"]["tags"][0]["message"].get<std::string>(),
             Catch::Contains("### Fixes"));
  CHECK(gate(doc, "git.push")["details"]["refs"] ==
        nlohmann::json::array({"refs/heads/main", "refs/tags/code-v1.3.0"}));

  // Nothing of it was written.
  CHECK(p.full_state() == before);
}

TEST_CASE("relctl version and relctl changelog print one thing for scripts",
          "[e2e][git][preview]") {
  GitProject p;
  const std::string before = p.full_state();

  const auto current = p.relctl({"version"});
  INFO(output(current));
  CHECK(current.exit_code == 0);
  CHECK(current.out == "1.2.0\n");
  const auto next = p.relctl({"version", "--next"});
  INFO(output(next));
  CHECK(next.exit_code == 0);
  CHECK(next.out == "1.3.0\n");

  const auto unreleased = p.relctl({"changelog", "--unreleased"});
  INFO(output(unreleased));
  CHECK(unreleased.exit_code == 0);
  CHECK_THAT(unreleased.out, Catch::StartsWith("## 1.3.0 - "));
  CHECK_THAT(unreleased.out, Catch::Contains("### Features\n\n- **search:** add search ("));

  const auto released = p.relctl({"changelog", "code-v1.2.0"});
  INFO(output(released));
  CHECK(released.exit_code == 0);
  CHECK(released.out == "## 1.2.0 - 2026-01-01\n\n- first\n");

  const auto json = p.relctl({"version", "--next", "--json"});
  INFO(output(json));
  const auto doc = nlohmann::json::parse(json.out);
  CHECK(doc["status"] == "passed");
  CHECK(doc["exit_code"] == 0);
  CHECK(doc["version"] == "1.3.0");

  // Bad input: an unknown tag and a missing section say so, and exit non-zero.
  const auto unknown = p.relctl({"changelog", "code-v9.9.9"});
  CHECK(unknown.exit_code == 2);
  CHECK_THAT(unknown.err, Catch::Contains("code-v9.9.9"));
  const auto both = p.relctl({"changelog", "--unreleased", "code-v1.2.0"});
  CHECK(both.exit_code == 2);
  CHECK(p.full_state() == before);
}
