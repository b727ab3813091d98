// relctl as it ships: relctl releases itself with the relctl.toml at the
// repository root, the GitHub Action reports what a run did, and the
// workflows follow the conventions they promise.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <regex>

#include "support/forge_server.hpp"
#include "support/support.hpp"

using namespace relctl::test;

namespace {

const fs::path source = RELCTL_SOURCE_DIR;

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// A clone of relctl's own repository at its HEAD, on branch main, with a
// bare clone as origin: what a maintainer has before a release.
struct RelctlClone {
  // relctl.toml's [forge]: GitHub, here a local one named as GitHub Actions names it.
  ForgeServer forge{ForgeServer::Kind::github, "your-org/relctl"};
  TempDir dir;
  fs::path work = dir / "relctl";
  RelctlClone() {
    std::string head = sh("git -C '" + source.string() + "' rev-parse HEAD");
    head.erase(head.find_last_not_of('\n') + 1);
    sh("git clone -q --bare --no-local '" + source.string() + "' origin.git", dir.path());
    sh("git -C origin.git branch -f main " + head +
           " && git -C origin.git symbolic-ref HEAD refs/heads/main",
       dir.path());
    sh("git clone -q origin.git relctl", dir.path());
  }
  ProcessResult relctl(const std::vector<std::string>& args) {
    return run_relctl(args, {.cwd = work,
                             .env = {{"GIT_AUTHOR_NAME", "Release Bot"},
                                     {"GIT_AUTHOR_EMAIL", "bot@example.com"},
                                     {"GITHUB_API_URL", forge.api_url()},
                                     {"GITHUB_REPOSITORY", "your-org/relctl"},
                                     {"GITHUB_TOKEN", ForgeServer::token}}});
  }
};

// Refs, work tree (ignored files included, but for the ledger's own folder)
// and the object count.
std::string tree_state(const fs::path& repo) {
  const std::string git = "git -C '" + repo.string() + "' ";
  return sh(git + "for-each-ref && " + git +
            "status --porcelain --ignored | grep -v '^!! .relctl/$'; " + git + "count-objects -v");
}

}  // namespace

TEST_CASE("relctl code-release --dry-run previews relctl's own release", "[e2e][shipping]") {
  RelctlClone clone;
  const std::string before = tree_state(clone.work);
  auto r = clone.relctl({"code-release", "--dry-run", "--json"});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  const auto doc = nlohmann::json::parse(r.out);
  CHECK(doc["status"] == "passed");
  std::map<std::string, nlohmann::json> gates;
  for (const auto& g : doc["gates"]) gates[g["id"]] = g;
  for (const char* id :
       {"git.repo", "git.branch", "git.clean", "git.up-to-date", "version.next", "git.tag-free"}) {
    CHECK(gates[id]["status"] == "passed");
  }
  for (const char* id :
       {"command.tests", "changelog.write", "version.files", "command.package",
        "artifacts.checksums", "git.commit", "git.tag", "git.push", "forge.release"}) {
    CHECK(gates[id]["status"] == "planned");
  }
  // The dry run asked the forge nothing it would change.
  CHECK(clone.forge.writes().empty());
  // The version is CMakeLists.txt's, the tag vX.Y.Z, the artifacts the package's.
  const std::string version = gates["version.next"]["details"]["version"];
  CHECK(std::regex_match(version, std::regex(R"(\d+\.\d+\.\d+)")));
  CHECK(doc["release"]["tags"] == nlohmann::json::array({"v" + version}));
  CHECK(has(gates["version.files"]["message"], "CMakeLists.txt"));
  CHECK(has(gates["artifacts.checksums"]["message"], "build/package/relctl_*_amd64.deb"));
  CHECK(has(gates["changelog.write"]["message"], "CHANGELOG.md"));
  // A dry run changes nothing (the ledger ignores itself).
  CHECK(tree_state(clone.work) == before);
}

TEST_CASE("CHANGELOG.md and the version live where relctl.toml says", "[e2e][shipping]") {
  CHECK(read_file(source / "CHANGELOG.md").rfind("# Changelog\n", 0) == 0);
  const std::string toml = read_file(source / "relctl.toml");
  CHECK(has(toml, R"x(pattern = "project(relctl VERSION {version} LANGUAGES CXX)")x"));
  CHECK(has(read_file(source / "CMakeLists.txt"), "project(relctl VERSION "));
  // No second copy of the version in the sources.
  CHECK_FALSE(fs::exists(source / "include/relctl/version.hpp"));
}

TEST_CASE("the GitHub Action reports what the run did", "[e2e][shipping]") {
  if (run_process({"sh", "-c", "command -v jq"}).exit_code != 0) {
    if (std::getenv("CI")) FAIL("jq is missing; scripts/deps.sh installs it");
    WARN("jq is not installed: skipped");
    return;
  }
  TempDir dir;
  sh("git init -q --bare -b main origin.git && git init -q -b main work", dir.path());
  const fs::path work = dir / "work";
  write_file(work / "relctl.toml", "[project]\nname = \"demo\"\n");
  sh("git add -A && git -c user.name=A -c user.email=a@x commit -qm 'feat: first' && "
     "git remote add origin ../origin.git && git push -q -u origin main",
     work);
  const std::string path =
      fs::path(RELCTL_BINARY).parent_path().string() + ":" + std::getenv("PATH");
  auto step = [&](const std::vector<std::string>& args) {
    RunOptions o{.cwd = work,
                 .env = {{"PATH", path},
                         {"GIT_AUTHOR_NAME", "A"},
                         {"GIT_AUTHOR_EMAIL", "a@x"},
                         {"GITHUB_OUTPUT", (dir / "outputs").string()}}};
    auto run = run_relctl(args, o);
    write_file(dir / "relctl.out", run.out);
    std::filesystem::remove(dir / "outputs");
    auto outputs = run_process(
        {"bash", (source / "scripts/action-outputs.sh").string(), (dir / "relctl.out").string()},
        o);
    INFO(outputs.err);
    CHECK(outputs.exit_code == 0);
    return read_file(dir / "outputs");
  };
  CHECK(step({"code-release", "--dry-run"}) == "released=false\nversion=0.1.0\ntag=code-v0.1.0\n");
  CHECK(step({"code-release", "--json"}) == "released=true\nversion=0.1.0\ntag=code-v0.1.0\n");
  CHECK(step({"code-release", "--bogus"}) == "released=false\nversion=\ntag=\n");
}

TEST_CASE("the workflows: the example uses the action, CI is least-privilege", "[e2e][shipping]") {
  const std::string action = read_file(source / "action.yml");
  CHECK(has(action, "using: composite"));
  for (const char* output : {"  released:", "  version:", "  tag:"}) CHECK(has(action, output));

  const std::string example = read_file(source / ".github/workflows/release-example.yml");
  CHECK(std::regex_search(example, std::regex(R"(uses: [\w.-]+/relctl@v\d+\.\d+\.\d+)")));
  CHECK_FALSE(has(example, "cmake"));
  CHECK_FALSE(has(example, "RELCTL_REF"));

  const std::string ci = read_file(source / ".github/workflows/ci.yml");
  CHECK(has(ci, "permissions:\n  contents: read\n"));
  CHECK(has(ci, "timeout-minutes:"));
  CHECK(has(ci, "concurrency:"));
  CHECK(has(ci, "uses: actions/cache@"));
  CHECK(has(ci, "code-release --dry-run"));

  const std::string release = read_file(source / ".github/workflows/release.yml");
  CHECK(has(release, "workflow_dispatch:"));
  CHECK(has(release, "code-release"));
}

TEST_CASE("cmake --install puts the man page and completions at Debian's paths",
          "[e2e][shipping]") {
  TempDir prefix;
  const fs::path build = fs::path(RELCTL_BINARY).parent_path().parent_path();
  auto r = run_process({"cmake", "--install", build.string(), "--prefix", prefix.path().string()});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  for (const char* file :
       {"bin/relctl", "share/man/man1/relctl.1.gz", "share/bash-completion/completions/relctl",
        "share/zsh/vendor-completions/_relctl", "share/fish/vendor_completions.d/relctl.fish",
        "share/doc/relctl/copyright", "share/doc/relctl/changelog.gz",
        "share/doc/relctl/README.md"}) {
    CHECK(fs::is_regular_file(prefix / file));
  }
  // The installed page and completions are what the binary prints.
  CHECK(sh("gzip -dc '" + (prefix / "share/man/man1/relctl.1.gz").string() + "'") ==
        run_relctl({"man"}).out);
  CHECK(read_file(prefix / "share/bash-completion/completions/relctl") ==
        run_relctl({"completion", "bash"}).out);
  // Nothing executable under the documentation.
  CHECK(sh("find '" + (prefix / "share/doc").string() + "' -type f -perm /111").empty());
  // The Debian-only files belong to the package, not to every install.
  CHECK_FALSE(fs::exists(prefix / "share/lintian"));
}
