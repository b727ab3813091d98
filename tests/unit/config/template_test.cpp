// render(): {name} placeholders, {{ and }} for literal braces.

#include <catch2/catch.hpp>
#include <map>
#include <string>

#include "relctl/config/loader.hpp"
#include "relctl/core/error.hpp"

namespace cfg = relctl::config;

namespace {
const std::map<std::string, std::string> vars = {
    {"date", "20261122"},
    {"version", "1.4.0"},
    {"manifest.table_count", "14"},
    {"manifest.ingestion_run_id", "run-42"},
};

std::string render_error(const std::string& tmpl) {
  try {
    cfg::render(tmpl, vars);
  } catch (const relctl::ConfigError& e) {
    CHECK(e.code() == relctl::ExitCode::usage);
    return e.what();
  }
  FAIL("expected a ConfigError for " << tmpl);
  return {};
}
}  // namespace

TEST_CASE("render fills placeholders", "[config]") {
  CHECK(cfg::render("data-{date}", vars) == "data-20261122");
  CHECK(cfg::render("code-v{version}", vars) == "code-v1.4.0");
  CHECK(cfg::render("{date}{version}", vars) == "202611221.4.0");
  CHECK(cfg::render("no placeholders", vars) == "no placeholders");
  CHECK(cfg::render("", vars).empty());
  CHECK(cfg::render("Tables exported: {manifest.table_count}\nrun {manifest.ingestion_run_id}",
                    vars) == "Tables exported: 14\nrun run-42");
}

TEST_CASE("render keeps doubled braces as literal ones", "[config]") {
  CHECK(cfg::render("{{date}}", vars) == "{date}");
  CHECK(cfg::render("{{{date}}}", vars) == "{20261122}");
  CHECK(cfg::render("json: {{\"v\": \"{version}\"}}", vars) == "json: {\"v\": \"1.4.0\"}");
  CHECK(cfg::render("}}", vars) == "}");
}

TEST_CASE("render refuses unknown placeholders and bad braces", "[config]") {
  CHECK(render_error("data-{daet}") ==
        "unknown placeholder {daet} in template \"data-{daet}\"; known: {date}, "
        "{manifest.ingestion_run_id}, {manifest.table_count}, {version}");
  CHECK(render_error("{manifest.rows}") ==
        "unknown placeholder {manifest.rows} in template \"{manifest.rows}\"; known: {date}, "
        "{manifest.ingestion_run_id}, {manifest.table_count}, {version}");
  CHECK(render_error("data-{date") ==
        "template \"data-{date\": '{' at offset 5 is never closed (write {{ for a literal brace)");
  CHECK(render_error("a } b") ==
        "template \"a } b\": a lone '}' at offset 2 (write }} for a literal brace)");
  CHECK(render_error("x{}") ==
        "template \"x{}\": '{}' at offset 1 is not a placeholder: names use letters, digits, '_', "
        "'.' and '-' (write {{ and }} for literal braces)");
  CHECK(render_error("{ date }") ==
        "template \"{ date }\": '{ date }' at offset 0 is not a placeholder: names use letters, "
        "digits, '_', '.' and '-' (write {{ and }} for literal braces)");
  CHECK(render_error("line one\nline {two}") ==
        "unknown placeholder {two} in template \"line one\\nline {two}\"; known: {date}, "
        "{manifest.ingestion_run_id}, {manifest.table_count}, {version}");
}

TEST_CASE("templates in relctl.toml are checked when it loads", "[config]") {
  CHECK_NOTHROW(cfg::parse(R"toml(
[data_release]
snapshot = "d.sqlite"
tag = "data-{date}"
branch = "data/{tag}"
commit_message = "data {date} {tag} {branch}: {manifest.table_count} tables, {{literal}}"
[code_release]
tag = "v{version}"
branch = "release/{tag}-{date}"
commit_message = "release {version} ({tag})"
version_files = [{ path = "package.json", pattern = '"version": "{version}"' }]
[[gates.command]]
id = "deploy"
run = ["./deploy", "{env}", "{tag}", "{version}", "{commit}", "{date}", "{run_id}", "{branch}"]
)toml",
                           "relctl.toml"));
  CHECK_THROWS_WITH(
      cfg::parse("[code_release]\ncommit_message = \"release {manifest.table_count}\"\n",
                 "relctl.toml"),
      "relctl.toml:2:18: 'commit_message' in [code_release] is not a valid template: unknown "
      "placeholder {manifest.table_count}; known here: {version}, {date}, {tag}, {branch}");
  CHECK_THROWS_WITH(
      cfg::parse("[[gates.command]]\nid = \"x\"\nrun = [\"jq\", \"{}\"]\n", "relctl.toml"),
      Catch::Matchers::StartsWith("relctl.toml:3:7: 'run' in [[gates.command]] #1 is not a "
                                  "valid template: '{}' at offset 0 is not a placeholder"));
}
