// core::unified_diff: the patch a dry run shows for each file it would write.

#include <catch2/catch.hpp>

#include "relctl/core/diff.hpp"

using relctl::core::unified_diff;

TEST_CASE("unified_diff writes git-style hunks with three lines of context", "[unit][diff]") {
  // Equal texts: no diff at all.
  CHECK(unified_diff("a\nb\n", "a\nb\n", "f").empty());

  // One line replaced in the middle of a long file: one hunk, context around it.
  const std::string before = "1\n2\n3\n4\nversion = \"1.2.0\"\n6\n7\n8\n9\n";
  const std::string after = "1\n2\n3\n4\nversion = \"1.3.0\"\n6\n7\n8\n9\n";
  CHECK(unified_diff(before, after, "pyproject.toml") ==
        "--- a/pyproject.toml\n+++ b/pyproject.toml\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n"
        "-version = \"1.2.0\"\n+version = \"1.3.0\"\n 6\n 7\n 8\n");

  // A section prepended under the title: only additions.
  CHECK(unified_diff("# Changelog\n\n## 1.2.0\n", "# Changelog\n\n## 1.3.0\n\n- x\n\n## 1.2.0\n",
                     "CHANGELOG.md") ==
        "--- a/CHANGELOG.md\n+++ b/CHANGELOG.md\n@@ -1,3 +1,7 @@\n # Changelog\n \n+## 1.3.0\n"
        "+\n+- x\n+\n ## 1.2.0\n");

  // A new file: /dev/null on the old side, the hunk header says 0,0.
  CHECK(unified_diff("", "a\nb\n", "NEW.md", /*old_exists=*/false) ==
        "--- /dev/null\n+++ b/NEW.md\n@@ -0,0 +1,2 @@\n+a\n+b\n");

  // No newline at the end is said, as git says it.
  CHECK(unified_diff("a", "b", "f") ==
        "--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+b\n"
        "\\ No newline at end of file\n");

  // Two changes far apart: two hunks; close together: one.
  std::string many, changed;
  for (int i = 1; i <= 20; ++i) {
    many += std::to_string(i) + "\n";
    changed += (i == 2 || i == 18 ? "x" : std::to_string(i)) + "\n";
  }
  const auto two = unified_diff(many, changed, "f");
  CHECK(two.find("@@ -1,5 +1,5 @@") != std::string::npos);
  CHECK(two.find("@@ -15,6 +15,6 @@") != std::string::npos);
  std::string near = many;
  near.replace(near.find("\n8\n") + 1, 1, "y");
  near.replace(near.find("\n4\n") + 1, 1, "y");
  CHECK(unified_diff(many, near, "f").find("@@ -1,11 +1,11 @@") != std::string::npos);
}
