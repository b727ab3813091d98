// .env next to relctl.toml: KEY=VALUE lines that never override the environment.

#include <catch2/catch.hpp>
#include <cstdlib>
#include <string>

#include "relctl/config/loader.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/redactor.hpp"
#include "support/support.hpp"

namespace cfg = relctl::config;
using relctl::test::TempDir;
using relctl::test::write_file;

namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "<unset>";
}

// Unsets the variables a test uses, before and after it.
struct CleanEnv {
  std::vector<std::string> names;
  explicit CleanEnv(std::vector<std::string> n) : names(std::move(n)) { clear(); }
  ~CleanEnv() { clear(); }
  void clear() {
    for (const auto& n : names) ::unsetenv(n.c_str());
  }
};

}  // namespace

TEST_CASE(".env lines: plain, export, quotes, comments", "[config]") {
  CleanEnv clean({"RT_PLAIN", "RT_EXPORTED", "RT_DOUBLE", "RT_SINGLE", "RT_COMMENTED", "RT_HASH",
                  "RT_EMPTY", "RT_SPACED", "RT_ESCAPES", "RT_MULTI", "RT_URL", "RT_TWICE"});
  TempDir dir;
  write_file(dir / ".env",
             "# a comment line\n"
             "\n"
             "RT_PLAIN=plain value\n"
             "export RT_EXPORTED=exported\n"
             "RT_DOUBLE=\"double # not a comment\"\n"
             "RT_SINGLE='single $HOME \\n raw'\n"
             "RT_COMMENTED=value # trailing comment\n"
             "RT_HASH=a#b\n"
             "RT_EMPTY=\n"
             "  RT_SPACED = spaced  \n"
             "RT_ESCAPES=\"tab\\there\\nnext \\\"quoted\\\" back\\\\slash\"\n"
             "RT_MULTI=\"line one\n"
             "line two\"\n"
             "RT_URL=postgres://user:pw@db.example.com:5432/app?sslmode=require\n"
             "RT_TWICE=first\n"
             "RT_TWICE=second\r\n");
  cfg::load_dotenv(dir / ".env");
  CHECK(env("RT_PLAIN") == "plain value");
  CHECK(env("RT_EXPORTED") == "exported");
  CHECK(env("RT_DOUBLE") == "double # not a comment");
  CHECK(env("RT_SINGLE") == "single $HOME \\n raw");
  CHECK(env("RT_COMMENTED") == "value");
  CHECK(env("RT_HASH") == "a#b");
  CHECK(env("RT_EMPTY").empty());
  CHECK(env("RT_SPACED") == "spaced");
  CHECK(env("RT_ESCAPES") == "tab\there\nnext \"quoted\" back\\slash");
  CHECK(env("RT_MULTI") == "line one\nline two");
  CHECK(env("RT_URL") == "postgres://user:pw@db.example.com:5432/app?sslmode=require");
  CHECK(env("RT_TWICE") == "second");  // the later line wins, CRLF or not
}

TEST_CASE(".env never overrides a variable that is already set", "[config]") {
  CleanEnv clean({"RT_SET", "RT_SET_EMPTY", "RT_NEW"});
  ::setenv("RT_SET", "from the shell", 1);
  ::setenv("RT_SET_EMPTY", "", 1);
  TempDir dir;
  write_file(dir / ".env", "RT_SET=from .env\nRT_SET_EMPTY=from .env\nRT_NEW=from .env\n");
  cfg::load_dotenv(dir / ".env");
  CHECK(env("RT_SET") == "from the shell");
  CHECK(env("RT_SET_EMPTY").empty());  // set, even if empty, counts as set
  CHECK(env("RT_NEW") == "from .env");
}

TEST_CASE("a missing .env is not an error", "[config]") {
  TempDir dir;
  CHECK_NOTHROW(cfg::load_dotenv(dir / ".env"));
}

TEST_CASE("a malformed .env fails with file:line:col", "[config]") {
  TempDir dir;
  struct Row {
    const char* text;
    const char* message;
  };
  const Row rows[] = {
      {"OK=1\nnot a line\n", ".env:2:5: expected '=' after not"},
      {"OK=1\n=value\n",
       ".env:2:1: expected a variable name (letters, digits, '_') at the start "
       "of the line"},
      {"1ABC=x\n",
       ".env:1:1: expected a variable name (letters, digits, '_') at the start of "
       "the line"},
      {"A=\"open\n", ".env:1:3: this double-quoted value is never closed"},
      {"A='open\n", ".env:1:3: this single-quoted value is never closed"},
      {"A=\"x\" y\n", ".env:1:7: unexpected text after the quoted value of A"},
  };
  for (const auto& r : rows) {
    INFO(r.text);
    write_file(dir / ".env", r.text);
    try {
      // From the folder itself, so the message names ".env" as the user sees it.
      const auto old = std::filesystem::current_path();
      std::filesystem::current_path(dir.path());
      struct Restore {
        std::filesystem::path p;
        ~Restore() { std::filesystem::current_path(p); }
      } restore{old};
      cfg::load_dotenv(".env");
      FAIL("expected a ConfigError");
    } catch (const relctl::ConfigError& e) {
      CHECK(std::string(e.what()) == r.message);
      CHECK(e.code() == relctl::ExitCode::usage);
      CHECK_THAT(e.hint(), Catch::Matchers::Contains("KEY=VALUE"));
    }
  }
  ::unsetenv("OK");
}

TEST_CASE("load() reads the .env next to relctl.toml first", "[config]") {
  CleanEnv clean({"RT_LOAD_URL"});
  TempDir dir;
  write_file(dir / "relctl.toml", "[databases.db]\nurl_env = \"RT_LOAD_URL\"\n");
  write_file(dir / ".env", "RT_LOAD_URL=postgres://localhost/app\n");
  const auto c = cfg::load(dir / "relctl.toml");
  CHECK(env("RT_LOAD_URL") == "postgres://localhost/app");
  CHECK(c.databases.at(0).url_env == "RT_LOAD_URL");
}

TEST_CASE(".env secrets are masked in every output from then on", "[config]") {
  CleanEnv clean({"RT_API_TOKEN", "RT_DB_URL"});
  TempDir dir;
  write_file(dir / ".env", "RT_API_TOKEN=Tr0ub4dor&3!\nRT_DB_URL=postgres://u:S3cr3tPw@h/db\n");
  cfg::load_dotenv(dir / ".env");
  const auto& r = relctl::core::redactor();
  CHECK(r.mask("token Tr0ub4dor&3! and S3cr3tPw") == "token **** and ****");
}
