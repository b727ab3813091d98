// Command-gate children die with relctl: a kill -9 of relctl while a
// command gate runs leaves no process of the command behind, not even a
// background grandchild, and nothing it would have done later happens.

#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "support/git_project.hpp"

using namespace relctl::test;

namespace {

// The processes whose current folder is `dir` (the command's and its children's).
std::vector<std::string> processes_in(const fs::path& dir) {
  std::vector<std::string> found;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/proc", ec)) {
    std::error_code link_ec;
    const auto cwd = fs::read_symlink(entry.path() / "cwd", link_ec);
    if (!link_ec && cwd == dir) found.push_back(entry.path().filename().string());
  }
  return found;
}

}  // namespace

TEST_CASE("kill -9 of relctl during a command gate kills the command and its grandchildren",
          "[e2e][git][safety]") {
  GitProject p(R"(
[[gates.command]]
id = "deploy"
run = ["sh", "-c", "(sleep 2; touch late) & touch started; sleep 30"]
cwd = "../box"
phase = "build"
timeout = "2m"
)");
  const fs::path box = p.root() / "box";
  fs::create_directories(box);
  RunOptions o;
  o.signal_when = [&] { return fs::exists(box / "started"); };
  o.signal = SIGKILL;
  const auto r = p.relctl({"code-release"}, o);
  INFO(output(r));
  CHECK(r.exit_code == 128 + SIGKILL);
  // The grandchild would touch `late` two seconds after the start.
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  CHECK_FALSE(fs::exists(box / "late"));
  CHECK(processes_in(fs::canonical(box)).empty());
}
