// The command line as users of git, cargo or gh expect it: did-you-mean for
// commands and flags, `relctl help [COMMAND]`, global flags in every
// command's help, texts that point to `relctl help` and the man page (never
// to files of relctl's repository), and the colour conventions.

#include <catch2/catch.hpp>
#include <regex>

#include "support/support.hpp"

using namespace relctl::test;

namespace {

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Every command, read from `relctl help`'s list (two spaces, the name, spaces, text).
std::vector<std::string> commands() {
  const auto r = run_relctl({"help"});
  std::vector<std::string> out;
  std::regex line(R"(^  ([a-z][a-z-]+) +\S)");
  std::istringstream in(r.out);
  bool listing = false;
  for (std::string l; std::getline(in, l);) {
    if (l.rfind("Subcommands:", 0) == 0) listing = true;
    std::smatch m;
    if (listing && std::regex_search(l, m, line)) out.push_back(m[1]);
  }
  return out;
}

// Text a user of the installed binary cannot follow: the project's own files.
void check_points_nowhere_private(const std::string& text) {
  INFO(text);
  CHECK_FALSE(has(text, "SPEC"));
  CHECK_FALSE(has(text, "docs/"));
  CHECK_FALSE(has(text, "README.md"));
  CHECK_FALSE(has(text, "ARCHITECTURE.md"));
}

}  // namespace

TEST_CASE("an unknown command exits 2 and names the closest one", "[e2e][cli]") {
  auto r = run_relctl({"promte", "code-v1.0.0", "--to", "prod"});
  CHECK(r.exit_code == 2);
  CHECK(r.err ==
        "relctl: error: unknown command 'promte'\n"
        "relctl: hint: did you mean `relctl promote`? `relctl help` lists every command\n");
  auto far = run_relctl({"--json", "frobnicate"});
  CHECK(far.exit_code == 2);
  CHECK(far.err ==
        "relctl: error: unknown command 'frobnicate'\n"
        "relctl: hint: `relctl help` lists every command\n");
  auto none = run_relctl({"--dry-run"});
  CHECK(none.exit_code == 2);
  CHECK(has(none.err, "relctl: error: no command given"));
}

TEST_CASE("an unknown flag exits 2 and names the closest one", "[e2e][cli]") {
  TempDir dir;
  auto r = run_relctl({"code-release", "--dryrun"}, {.cwd = dir.path()});
  CHECK(r.exit_code == 2);
  CHECK(r.err ==
        "relctl: error: unknown flag --dryrun for relctl code-release\n"
        "relctl: hint: did you mean --dry-run? `relctl help code-release` lists its flags\n");
  // The command's own flags count, and --flag=value is read as --flag.
  auto own =
      run_relctl({"promote", "code-v1.0.0", "--to", "prod", "--confrim=x"}, {.cwd = dir.path()});
  CHECK(own.exit_code == 2);
  CHECK(has(own.err, "unknown flag --confrim for relctl promote"));
  CHECK(has(own.err, "did you mean --confirm?"));
  // Before any command: the global flags.
  auto global = run_relctl({"--jsno", "status"}, {.cwd = dir.path()});
  CHECK(global.exit_code == 2);
  CHECK(has(global.err, "did you mean --json?"));
  auto far = run_relctl({"gates", "--frobnicate"}, {.cwd = dir.path()});
  CHECK(far.exit_code == 2);
  CHECK(far.err ==
        "relctl: error: unknown flag --frobnicate for relctl gates\n"
        "relctl: hint: `relctl help gates` lists its flags\n");
  // Nothing was created.
  CHECK(std::filesystem::is_empty(dir.path()));
}

TEST_CASE("relctl help lists every command and help COMMAND explains one", "[e2e][cli]") {
  auto r = run_relctl({"help"});
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
  CHECK(r.out == run_relctl({"--help"}).out);
  const auto names = commands();
  for (const char* c :
       {"data-release", "code-release", "promote", "rollback", "migrate", "check", "gates",
        "history", "status", "init", "doctor", "help", "completion", "man"}) {
    CHECK(std::find(names.begin(), names.end(), c) != names.end());
  }
  auto promote = run_relctl({"help", "promote"});
  CHECK(promote.exit_code == 0);
  CHECK(has(promote.out, "Usage: relctl promote"));
  CHECK(has(promote.out, "--confirm"));
  CHECK(promote.out == run_relctl({"promote", "--help"}).out);
  auto typo = run_relctl({"help", "promte"});
  CHECK(typo.exit_code == 2);
  CHECK(has(typo.err, "did you mean `relctl promote`?"));
}

TEST_CASE("every command's help shows the global flags", "[e2e][cli]") {
  const auto names = commands();
  REQUIRE(names.size() >= 14);
  for (const auto& name : names) {
    auto r = run_relctl({"help", name});
    INFO(name << "\n" << r.out);
    CHECK(r.exit_code == 0);
    CHECK(has(r.out, "Global flags"));
    for (const char* flag : {"--dry-run", "--json", "--config", "-C", "--verbose", "--quiet",
                             "--skip", "--reason", "--keep-partial", "--no-color"}) {
      CHECK(has(r.out, flag));
    }
    CHECK(has(r.out, "`relctl help` lists every command; `man relctl` is the manual."));
  }
}

TEST_CASE("help, gates and init point to relctl help and the man page only", "[e2e][cli]") {
  check_points_nowhere_private(run_relctl({"help"}).out);
  for (const auto& name : commands()) check_points_nowhere_private(run_relctl({"help", name}).out);
  const auto list = run_relctl({"gates", "list"});
  CHECK(list.exit_code == 0);
  check_points_nowhere_private(list.out);
  std::istringstream ids(list.out);
  for (std::string line; std::getline(ids, line);) {
    const std::string id = line.substr(0, line.find(' '));
    if (id.find('.') == std::string::npos || id.find('<') != std::string::npos) continue;
    check_points_nowhere_private(run_relctl({"gates", "show", id}).out);
  }
  TempDir dir;
  auto init = run_relctl({"init"}, {.cwd = dir.path()});
  CHECK(init.exit_code == 0);
  check_points_nowhere_private(init.out);
  check_points_nowhere_private(read_file(dir / "relctl.toml"));
  auto again = run_relctl({"init"}, {.cwd = dir.path()});
  CHECK(again.exit_code == 2);
  check_points_nowhere_private(again.err);
}

TEST_CASE("no text of the relctl binary points to a file of its source repository", "[e2e][cli]") {
  // Hints, help and the comments relctl writes into databases are read by
  // users of the binary, who have `relctl help` and the man page, not docs/.
  const std::string binary = read_file(RELCTL_BINARY);
  for (const std::string needle : {"docs/", "SPEC.md", "../shared/"}) {
    const auto at = binary.find(needle);
    std::string around;
    if (at != std::string::npos) {
      const auto from = binary.rfind('\0', at);
      around = binary.substr(from + 1, binary.find('\0', at) - from - 1);
    }
    INFO(needle << " in: " << around);
    CHECK(at == std::string::npos);
  }
}

TEST_CASE("flag --version prints the version, the commit and the build date", "[e2e][cli]") {
  auto r = run_relctl({"--version"});
  CHECK(r.exit_code == 0);
  INFO(r.out);
  CHECK(std::regex_match(
      r.out, std::regex(R"(relctl \d+\.\d+\.\d+ \([0-9a-f]{7,40} \d{4}-\d{2}-\d{2}\)\n)")));
  // The version comes from CMakeLists.txt's project(VERSION), and only from there.
  const std::string cmake = read_file(std::filesystem::path(RELCTL_SOURCE_DIR) / "CMakeLists.txt");
  std::smatch m;
  REQUIRE(std::regex_search(cmake, m, std::regex(R"(project\(relctl VERSION (\S+) )")));
  CHECK(r.out.rfind("relctl " + m[1].str() + " (", 0) == 0);
}

TEST_CASE("colour: FORCE_COLOR and CLICOLOR_FORCE colour a pipe, TERM=dumb a terminal not",
          "[e2e][cli]") {
  TempDir dir;
  write_file(dir / "relctl.toml", "[project]\nname = \"demo\"\n");
  sh("git init -q -b main . && git add -A && git commit -qm 'feat: first'", dir.path());
  auto forced =
      run_relctl({"check", "git.repo"}, {.cwd = dir.path(), .env = {{"FORCE_COLOR", "1"}}});
  CHECK(has(forced.out, "\x1b[32mpassed"));
  auto clicolor =
      run_relctl({"check", "git.repo"}, {.cwd = dir.path(), .env = {{"CLICOLOR_FORCE", "1"}}});
  CHECK(has(clicolor.out, "\x1b[32mpassed"));
  auto zero = run_relctl({"check", "git.repo"}, {.cwd = dir.path(), .env = {{"FORCE_COLOR", "0"}}});
  CHECK_FALSE(has(zero.out, "\x1b["));
  auto both = run_relctl({"check", "git.repo"},
                         {.cwd = dir.path(), .env = {{"FORCE_COLOR", "1"}, {"NO_COLOR", "1"}}});
  CHECK_FALSE(has(both.out, "\x1b["));
  // script(1) gives relctl a pseudo-terminal as stdout.
  const std::string cmd = std::string(RELCTL_BINARY) + " check git.repo";
  auto tty =
      run_process({"script", "-qec", cmd, "/dev/null"},
                  {.cwd = dir.path(), .env = {{"TERM", "xterm"}}, .unset_env = {"NO_COLOR"}});
  CHECK(has(tty.out, "\x1b[32mpassed"));
  auto dumb =
      run_process({"script", "-qec", cmd, "/dev/null"},
                  {.cwd = dir.path(), .env = {{"TERM", "dumb"}}, .unset_env = {"NO_COLOR"}});
  CHECK(has(dumb.out, "passed  git.repo"));
  CHECK_FALSE(has(dumb.out, "\x1b["));
}
