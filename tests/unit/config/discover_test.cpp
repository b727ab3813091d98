// Finding relctl.toml by walking up, and load() filling file and root.

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "relctl/config/loader.hpp"
#include "relctl/core/error.hpp"
#include "support/support.hpp"

namespace cfg = relctl::config;
namespace fs = std::filesystem;
using relctl::test::TempDir;
using relctl::test::write_file;

namespace {
// Runs `f` with the working directory set to `dir`.
template <typename F>
auto in_dir(const fs::path& dir, F f) {
  const auto old = fs::current_path();
  fs::current_path(dir);
  struct Restore {
    fs::path p;
    ~Restore() { fs::current_path(p); }
  } restore{old};
  return f();
}
}  // namespace

TEST_CASE("discover finds relctl.toml in the folder itself", "[config]") {
  TempDir dir;
  write_file(dir / "relctl.toml", "");
  CHECK(cfg::discover(dir.path()) == dir / "relctl.toml");
}

TEST_CASE("discover walks up to the nearest relctl.toml", "[config]") {
  TempDir dir;
  write_file(dir / "relctl.toml", "");
  write_file(dir / "a/relctl.toml", "");
  fs::create_directories(dir / "a/b/c");
  fs::create_directories(dir / "x/y");
  CHECK(cfg::discover(dir / "a/b/c") == dir / "a/relctl.toml");
  CHECK(cfg::discover(dir / "x/y") == dir / "relctl.toml");
  CHECK(cfg::discover(dir / "a/b/c/../..") == dir / "a/relctl.toml");
}

TEST_CASE("discover ignores a folder named relctl.toml", "[config]") {
  TempDir dir;
  write_file(dir / "relctl.toml", "");
  fs::create_directories(dir / "sub/relctl.toml");
  CHECK(cfg::discover(dir / "sub") == dir / "relctl.toml");
}

TEST_CASE("discover returns nothing when there is no relctl.toml up to the root", "[config]") {
  TempDir dir;
  fs::create_directories(dir / "a/b");
  // The temp folder's ancestors (/tmp, /) have no relctl.toml on a sane machine.
  if (!cfg::discover(dir.path().parent_path())) {
    CHECK_FALSE(cfg::discover(dir / "a/b"));
  }
}

TEST_CASE("discover accepts a relative start", "[config]") {
  TempDir dir;
  write_file(dir / "relctl.toml", "");
  fs::create_directories(dir / "sub");
  CHECK(in_dir(dir / "sub", [] { return cfg::discover("."); }) == dir / "relctl.toml");
}

TEST_CASE("load sets file (absolute) and root (its folder)", "[config]") {
  TempDir dir;
  write_file(dir / "proj/relctl.toml", "[project]\nname = \"gamebot\"\n");
  const auto c = in_dir(dir.path(), [] { return cfg::load("proj/relctl.toml"); });
  CHECK(c.file == dir / "proj/relctl.toml");
  CHECK(c.file.is_absolute());
  CHECK(c.root == dir / "proj");
  CHECK(c.project.name == "gamebot");
}

TEST_CASE("load names the project after its folder by default", "[config]") {
  TempDir dir;
  write_file(dir / "survivor-bot/relctl.toml", "");
  CHECK(cfg::load(dir / "survivor-bot/relctl.toml").project.name == "survivor-bot");
}

TEST_CASE("load errors name the file relative to the working directory", "[config]") {
  TempDir dir;
  write_file(dir / "relctl.toml", "[project]\nnmae = \"x\"\n");
  fs::create_directories(dir / "sub");
  const auto message = [](const fs::path& file) {
    try {
      cfg::load(file);
    } catch (const relctl::ConfigError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(in_dir(dir.path(), [&] { return message(dir / "relctl.toml"); }) ==
        "relctl.toml:2:1: unknown key 'nmae' in [project]; did you mean 'name'?");
  // From a subfolder the path would start with "..": the absolute path is clearer.
  CHECK(in_dir(dir / "sub", [&] { return message(dir / "relctl.toml"); }) ==
        (dir / "relctl.toml").string() +
            ":2:1: unknown key 'nmae' in [project]; did you mean 'name'?");
}

TEST_CASE("load of a missing file is a ConfigError", "[config]") {
  TempDir dir;
  try {
    cfg::load(dir / "relctl.toml");
    FAIL("expected a ConfigError");
  } catch (const relctl::ConfigError& e) {
    CHECK_THAT(e.what(), Catch::Matchers::Contains("relctl.toml cannot be read") &&
                             Catch::Matchers::Contains("No such file or directory"));
    CHECK(e.code() == relctl::ExitCode::usage);
  }
}
