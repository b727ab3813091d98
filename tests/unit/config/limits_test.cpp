// What relctl.toml and .env may be: regular files of at most 1 MiB. A FIFO,
// a device or a huge file is refused at once with exit 2, and hostile sizes
// of keys and values are errors, never crashes.

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "relctl/config/loader.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/redactor.hpp"
#include "support/support.hpp"

namespace cfg = relctl::config;
namespace fs = std::filesystem;
using relctl::test::TempDir;
using relctl::test::write_file;

namespace {

std::string load_error(const fs::path& file) {
  try {
    cfg::load(file);
  } catch (const relctl::ConfigError& e) {
    CHECK(e.code() == relctl::ExitCode::usage);
    CHECK_FALSE(e.hint().empty());
    return e.what();
  }
  FAIL("expected a ConfigError for " << file);
  return "";
}

}  // namespace

TEST_CASE("relctl.toml must be a regular file: FIFO, device, folder", "[config][limits]") {
  TempDir dir;
  REQUIRE(::mkfifo((dir / "fifo.toml").c_str(), 0600) == 0);
  CHECK_THAT(load_error(dir / "fifo.toml"), Catch::Contains("is a FIFO, not a regular file"));
  CHECK_THAT(load_error("/dev/zero"), Catch::Contains("/dev/zero is a device"));
  fs::create_directories(dir / "folder.toml");
  CHECK_THAT(load_error(dir / "folder.toml"), Catch::Contains("is a folder"));
  fs::create_symlink(dir / "nowhere", dir / "dangling.toml");
  CHECK_THAT(load_error(dir / "dangling.toml"), Catch::Contains("cannot be read"));
}

TEST_CASE("relctl.toml larger than 1 MiB is refused before it is parsed", "[config][limits]") {
  TempDir dir;
  write_file(dir / "relctl.toml", "[project]\nname = \"x\"\n# " + std::string(1 << 20, 'x') + "\n");
  CHECK_THAT(load_error(dir / "relctl.toml"), Catch::Contains("is larger than 1 MiB"));
}

TEST_CASE(".env must be a regular file of at most 1 MiB", "[config][limits]") {
  TempDir dir;
  write_file(dir / "relctl.toml", "[project]\nname = \"x\"\n");
  REQUIRE(::mkfifo((dir / ".env").c_str(), 0600) == 0);
  CHECK_THAT(load_error(dir / "relctl.toml"), Catch::Contains(".env is a FIFO"));
  fs::remove(dir / ".env");
  write_file(dir / ".env", "BIG=" + std::string((1 << 20) + 1, 'x') + "\n");
  CHECK_THAT(load_error(dir / "relctl.toml"), Catch::Contains(".env is larger than 1 MiB"));
  fs::remove(dir / ".env");
  fs::create_symlink(dir / "nowhere", dir / ".env");
  CHECK_THAT(load_error(dir / "relctl.toml"), Catch::Contains(".env cannot be read"));
}

TEST_CASE("a 30,000-character key or value is an error or a value, never a crash",
          "[config][limits]") {
  const std::string long_text(30000, 'a');
  // An unknown key of 30,000 characters: the message quotes it shortened.
  try {
    cfg::parse("[project]\nname = \"x\"\n" + long_text + " = 1\n", "relctl.toml");
    FAIL("expected a ConfigError");
  } catch (const relctl::ConfigError& e) {
    CHECK_THAT(e.what(), Catch::Contains("unknown key"));
  }
  // A value of 30,000 URL characters is scanned for a password in linear time.
  const auto c = cfg::parse(
      "[project]\nname = \"" + long_text + "\"\n[ledger]\npath = \"x://" + long_text + "\"\n",
      "relctl.toml");
  CHECK(c.project.name == long_text);
  // A long .env value goes through the same masking.
  const auto vars = cfg::parse_dotenv("LONG_URL=postgres://" + long_text + "\n", ".env");
  relctl::core::Redactor r;
  r.add_variable("LONG_URL", vars.at("LONG_URL"));
  CHECK(r.mask(long_text).size() == long_text.size());
}
