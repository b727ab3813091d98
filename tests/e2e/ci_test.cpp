// relctl in CI jobs end to end: the detached HEAD actions/checkout leaves,
// $GITHUB_OUTPUT, the step summary, annotations (configuration errors
// included) and GitLab's dotenv report.

#include <catch2/catch.hpp>

#include "support/git_project.hpp"

using namespace relctl::test;

namespace {

// The value of `key` in a $GITHUB_OUTPUT file: `key=value`, or the lines
// between `key<<DELIM` and `DELIM`.
std::string output_value(const std::string& file, const std::string& key) {
  std::istringstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(key + "=", 0) == 0) return line.substr(key.size() + 1);
    if (line.rfind(key + "<<", 0) == 0) {
      const std::string delim = line.substr(key.size() + 2);
      std::string value;
      while (std::getline(in, line) && line != delim) value += line + "\n";
      CHECK(line == delim);
      return value;
    }
  }
  FAIL("no " << key << " in\n" << file);
  return "";
}

std::map<std::string, std::string> ci_env(const GitProject& p) {
  return {{"GITHUB_ACTIONS", "true"},
          {"GITHUB_OUTPUT", (p.root() / "output.txt").string()},
          {"GITHUB_STEP_SUMMARY", (p.root() / "summary.md").string()}};
}

}  // namespace

TEST_CASE("a pull-request-style CI dry run on a detached HEAD writes outputs and a preview",
          "[e2e][ci]") {
  GitProject p;
  // The pull request's branch is on origin; the checkout is its head commit, detached.
  p.git("push -q origin main:refs/heads/feature/search && git fetch -q origin");
  p.git("checkout -q --detach origin/feature/search && git branch -q -D main");
  const std::string before = p.full_state();
  auto env = ci_env(p);
  env["GITHUB_HEAD_REF"] = "feature/search";
  env["GITHUB_REF_NAME"] = "7/merge";
  const auto r = p.relctl(
      {"--skip", "git.branch", "--reason", "pull request preview", "code-release", "--dry-run"},
      {.env = env});
  INFO(output(r));
  CHECK(r.exit_code == 0);
  CHECK(p.full_state() == before);  // still detached, nothing created
  CHECK_THAT(r.out, Catch::Contains("on feature/search at"));
  CHECK(r.out.find("::error") == std::string::npos);

  const std::string out = read_file(p.root() / "output.txt");
  CHECK(output_value(out, "released") == "false");
  CHECK(output_value(out, "version") == "1.3.0");
  CHECK(output_value(out, "tag") == "code-v1.3.0");
  CHECK(output_value(out, "previous_tag") == "code-v1.2.0");
  const std::string changelog = output_value(out, "changelog");
  CHECK_THAT(changelog, Catch::StartsWith("## 1.3.0 - "));
  CHECK_THAT(changelog, Catch::Contains("### Features\n\n- **search:** add search ("));

  const std::string md = read_file(p.root() / "summary.md");
  CHECK_THAT(md, Catch::Contains("### relctl code-release (dry run): passed (exit 0)"));
  CHECK_THAT(md, Catch::Contains("- Version: **1.3.0**"));
  CHECK_THAT(md, Catch::Contains("- Branch: `feature/search`"));
  CHECK_THAT(md, Catch::Contains("### Features"));
  CHECK_THAT(md, Catch::Contains("nothing was changed"));

  // HEAD is not the branch's tip: the run refuses before doing anything.
  p.git("checkout -q --detach HEAD~1");
  const std::string moved = p.full_state();
  const auto off =
      p.relctl({"code-release", "--dry-run", "--branch", "feature/search"}, {.env = ci_env(p)});
  INFO(output(off));
  CHECK(off.exit_code == 2);
  CHECK(p.full_state() == moved);
  CHECK_THAT(off.err, Catch::Contains("::error title=relctl code-release::"));
  CHECK_THAT(off.err, Catch::Contains("HEAD is at "));
  CHECK_THAT(off.err, Catch::Contains("not the tip of feature/search"));
  CHECK(output_value(read_file(p.root() / "output.txt"), "released") == "false");
}

TEST_CASE("a CI release from a detached HEAD commits onto the branch and reports it", "[e2e][ci]") {
  GitProject p;
  p.git("checkout -q --detach HEAD");
  auto env = ci_env(p);
  env["CI_COMMIT_REF_NAME"] = "main";  // GitLab's name of the branch
  const fs::path dotenv = p.root() / "relctl.env";
  const auto r = p.relctl({"code-release", "--dotenv", dotenv.string()}, {.env = env});
  INFO(output(r));
  REQUIRE(r.exit_code == 0);
  // The release commit is on main, locally and on origin, and HEAD is on main.
  CHECK(p.git("rev-parse main", p.origin()) == p.git("rev-parse HEAD"));
  CHECK(p.git("rev-parse --abbrev-ref HEAD") == "main\n");
  CHECK(p.git("rev-parse code-v1.3.0^{commit}", p.origin()) == p.git("rev-parse HEAD"));

  const std::string out = read_file(p.root() / "output.txt");
  CHECK(output_value(out, "released") == "true");
  CHECK(output_value(out, "tag") == "code-v1.3.0");
  CHECK(read_file(dotenv) ==
        "RELCTL_RELEASED=true\nRELCTL_VERSION=1.3.0\nRELCTL_TAG=code-v1.3.0\n"
        "RELCTL_PREVIOUS_TAG=code-v1.2.0\n");
  CHECK_THAT(read_file(p.root() / "summary.md"),
             Catch::Contains("### relctl code-release: passed (exit 0)"));
}

TEST_CASE("a configuration error in CI is an annotation naming relctl.toml", "[e2e][ci]") {
  GitProject p;
  write_file(p.work() / "relctl.toml", "[project]\nname = \"demo\"\nrelease_branchs = []\n");
  const auto r = p.relctl({"code-release", "--dry-run"}, {.env = ci_env(p)});
  INFO(output(r));
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("::error file=relctl.toml,line=3,col=1,title=relctl "
                                    "configuration error in relctl.toml::"));
  CHECK_THAT(r.err, Catch::Contains("release_branches"));  // the hint travels with it
  CHECK(output_value(read_file(p.root() / "output.txt"), "released") == "false");
}
