// The command examples of README.md and docs/*.md run as written: every
// fenced ```sh block right after a `<!-- runnable -->` line runs with bash
// (-e, pipefail) in a fresh sandbox copy of the bundled example
// (examples/gamebot, committed, with a bare origin), offline, with the built
// relctl first on PATH, and must exit 0. CONTRIBUTING.md describes the marker.

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "support/support.hpp"

using namespace relctl::test;

namespace {

struct Example {
  std::string where;  // "docs/cli.md:55"
  std::string script;
};

std::vector<Example> runnable_examples(const fs::path& source) {
  std::vector<fs::path> files = {source / "README.md"};
  for (const auto& entry : fs::directory_iterator(source / "docs")) {
    if (entry.path().extension() == ".md") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<Example> found;
  for (const auto& file : files) {
    std::ifstream in(file);
    std::string line;
    int number = 0;
    bool marked = false;
    while (std::getline(in, line)) {
      ++number;
      if (line == "<!-- runnable -->") {
        marked = true;
        continue;
      }
      if (marked && line.rfind("```sh", 0) == 0) {
        Example e{file.lexically_relative(source).string() + ":" + std::to_string(number), ""};
        while (std::getline(in, line) && line.rfind("```", 0) != 0) {
          ++number;
          e.script += line + "\n";
        }
        ++number;
        found.push_back(e);
      }
      marked = false;
    }
  }
  return found;
}

// examples/gamebot as a user's project: committed on main, pushed to a bare origin.
fs::path make_sandbox(const TempDir& tmp, const fs::path& source) {
  const fs::path sandbox = tmp / "gamebot";
  sh("git init -q --bare -b main origin.git", tmp.path());
  fs::copy(source / "examples" / "gamebot", sandbox, fs::copy_options::recursive);
  sh("git init -q -b main && git config user.name 'Docs Example' && "
     "git config user.email docs@example.com && git add -A && "
     "git commit -q -m 'feat: start the gamebot project' && "
     "git remote add origin ../origin.git && git push -q -u origin main",
     sandbox);
  return sandbox;
}

}  // namespace

TEST_CASE("every runnable example in README.md and docs runs as written", "[e2e][docs]") {
  const fs::path source = RELCTL_SOURCE_DIR;
  const auto examples = runnable_examples(source);
  CHECK(examples.size() >= 5);  // the marker is in use: this test cannot pass on nothing
  const std::string bin_dir = fs::path(RELCTL_BINARY).parent_path().string();
  for (const auto& example : examples) {
    TempDir tmp;
    const fs::path sandbox = make_sandbox(tmp, source);
    RunOptions o;
    o.cwd = sandbox;
    // A user's shell: relctl on PATH, a git identity, no CI and no database.
    o.env = {{"PATH", bin_dir + ":" + std::getenv("PATH")},
             {"HOME", tmp.path().string()},
             {"GIT_CONFIG_NOSYSTEM", "1"},
             {"GIT_AUTHOR_NAME", "Docs Example"},
             {"GIT_AUTHOR_EMAIL", "docs@example.com"},
             {"GIT_COMMITTER_NAME", "Docs Example"},
             {"GIT_COMMITTER_EMAIL", "docs@example.com"},
             {"NO_COLOR", "1"}};
    o.unset_env = {"CI",
                   "GITLAB_CI",
                   "GITHUB_ACTIONS",
                   "GITHUB_OUTPUT",
                   "GITHUB_STEP_SUMMARY",
                   "GITHUB_EVENT_PATH",
                   "GITHUB_REF",
                   "GITHUB_HEAD_REF",
                   "GITHUB_REF_NAME",
                   "CI_COMMIT_REF_NAME",
                   "GITHUB_TOKEN",
                   "GAMEBOT_DW_URL",
                   "GAMEBOT_STAGING_URL",
                   "GAMEBOT_PROD_URL"};
    const auto r = run_process({"bash", "-e", "-o", "pipefail", "-c", example.script}, o);
    INFO(example.where << "\n" << example.script << "--- output\n" << output(r));
    CHECK(r.exit_code == 0);
  }
}
