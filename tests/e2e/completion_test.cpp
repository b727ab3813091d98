// `relctl completion bash|zsh|fish` and `relctl man`, generated from the
// command line: every command and flag is in them, and the shells accept them.

#include <catch2/catch.hpp>

#include "support/support.hpp"

using namespace relctl::test;

namespace {

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

bool on_path(const std::string& tool) {
  return run_process({"sh", "-c", "command -v " + tool}).exit_code == 0;
}

// True when `tool` is installed; missing, it skips the test with a warning,
// or fails it under CI, where scripts/deps.sh installs it.
bool have(const std::string& tool) {
  if (on_path(tool)) return true;
  if (std::getenv("CI")) FAIL(tool << " is missing; scripts/deps.sh installs it");
  WARN(tool << " is not installed: skipped");
  return false;
}

// What bash completes for the words of `line` (the last word being completed).
std::string bash_completes(const fs::path& script, const std::string& line) {
  const std::string cmd = "source '" + script.string() + "'; COMP_WORDS=(" + line +
                          "); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); "
                          "[[ '" +
                          line +
                          "' == *' ' ]] && { COMP_WORDS+=(''); COMP_CWORD=$((COMP_CWORD + 1)); }; "
                          "_relctl; printf '%s\\n' \"${COMPREPLY[@]}\"";
  auto r = run_process({"bash", "-c", cmd});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return r.out;
}

const std::vector<std::string> every_command = {
    "data-release", "code-release", "promote", "rollback", "migrate", "check",      "gates",
    "history",      "status",       "init",    "doctor",   "help",    "completion", "man"};

}  // namespace

TEST_CASE("completion for bash completes commands, flags and values", "[e2e][completion]") {
  TempDir dir;
  auto r = run_relctl({"completion", "bash"});
  REQUIRE(r.exit_code == 0);
  write_file(dir / "relctl.bash", r.out);
  const auto script = dir / "relctl.bash";
  CHECK(bash_completes(script, "relctl prom") == "promote\n");
  CHECK(bash_completes(script, "relctl code-release --dr") == "--dry-run\n");
  CHECK(bash_completes(script, "relctl --json code-release --no-") ==
        "--no-data\n--no-push\n--no-color\n");
  CHECK(bash_completes(script, "relctl code-release mi") == "minor\n");
  CHECK(bash_completes(script, "relctl completion ") == "bash\nzsh\nfish\n");
  CHECK(bash_completes(script, "relctl help code-") == "code-release\n");
  CHECK(bash_completes(script, "relctl check git.cl") == "git.clean\n");
  CHECK(bash_completes(script, "relctl --skip git.tag-") == "git.tag-free\n");
  // A flag's value is not a command: nothing offered after --to.
  CHECK(bash_completes(script, "relctl promote code-v1 --to ") == "\n");
  for (const auto& c : every_command) CHECK(has(r.out, " " + c + ")"));
}

TEST_CASE("completion for zsh and fish name every command and flag", "[e2e][completion]") {
  for (const char* shell : {"zsh", "fish"}) {
    auto r = run_relctl({"completion", shell});
    INFO(shell << "\n" << r.out);
    REQUIRE(r.exit_code == 0);
    for (const auto& c : every_command) CHECK(has(r.out, c));
    for (const char* flag :
         {"dry-run", "keep-partial", "no-color", "allow-rejected", "from-tag", "finalize"}) {
      CHECK(has(r.out, flag));
    }
  }
  CHECK(run_relctl({"completion", "zsh"}).out.rfind("#compdef relctl\n", 0) == 0);
  auto bad = run_relctl({"completion", "tcsh"});
  CHECK(bad.exit_code == 2);
  CHECK(has(bad.err, "tcsh"));
}

TEST_CASE("completion for zsh is valid zsh", "[e2e][completion]") {
  if (!have("zsh")) return;
  TempDir dir;
  write_file(dir / "_relctl", run_relctl({"completion", "zsh"}).out);
  auto r = run_process({"zsh", "-n", (dir / "_relctl").string()});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  // Loaded by compinit from $fpath, the function is defined for relctl.
  auto loaded = run_process(
      {"zsh", "-fc",
       "fpath=(" + dir.path().string() +
           " $fpath); autoload -Uz compinit; compinit -u -D; print -r -- $_comps[relctl]"});
  INFO(loaded.err);
  CHECK(loaded.out == "_relctl\n");
}

TEST_CASE("completion for fish completes commands, flags and values", "[e2e][completion]") {
  if (!have("fish")) return;
  TempDir dir;
  write_file(dir / "relctl.fish", run_relctl({"completion", "fish"}).out);
  auto complete = [&](const std::string& line) {
    auto r =
        run_process({"fish", "--no-config", "-c",
                     "source " + (dir / "relctl.fish").string() + "; complete -C '" + line + "'"},
                    {.env = {{"HOME", dir.path().string()}}});
    INFO(r.err);
    return r.out;
  };
  CHECK(has(complete("relctl prom"), "promote\tpromote a release tag to an environment"));
  CHECK(has(complete("relctl code-release --dr"), "--dry-run"));
  CHECK(has(complete("relctl code-release --fin"), "--finalize"));
  CHECK_FALSE(has(complete("relctl data-release --fin"),
                  "--finalize\tmode pr: tag the merged release on main"));
  CHECK(has(complete("relctl completion "), "zsh"));
}

TEST_CASE("relctl man prints the manual page in roff", "[e2e][man]") {
  auto r = run_relctl({"man"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.rfind(".TH RELCTL 1 ", 0) == 0);
  for (const char* section :
       {".SH NAME", ".SH SYNOPSIS", ".SH GLOBAL FLAGS", ".SH COMMANDS", ".SH GATES",
        ".SH CONFIGURATION", ".SH EXIT STATUS", ".SH ENVIRONMENT", ".SH FILES"}) {
    CHECK(has(r.out, section));
  }
  for (const auto& c : every_command) {
    CHECK(has(
        r.out, ".SS \"relctl " + [&] {
          std::string e;
          for (char ch : c) e += ch == '-' ? std::string("\\-") : std::string(1, ch);
          return e;
        }()));
  }
  CHECK(has(r.out, "\\-\\-dry\\-run"));
  // Plain ASCII: other characters are groff escapes such as \[u2014].
  CHECK(std::all_of(r.out.begin(), r.out.end(), [](char c) { return c > 0 && c < 0x7f; }));
  CHECK(has(r.out, "NO_COLOR"));
  CHECK(has(r.out, "FORCE_COLOR"));
  // groff reads it without a single warning (what lintian checks).
  if (have("groff")) {
    TempDir dir;
    write_file(dir / "relctl.1", r.out);
    auto g = run_process({"groff", "-man", "-Tutf8", "-ww", "-z", (dir / "relctl.1").string()});
    CHECK(g.err == "");
    CHECK(g.exit_code == 0);
  }
}
