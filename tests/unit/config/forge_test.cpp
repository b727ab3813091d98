// [forge]: every key optional, each checked with file:line:column.

#include <catch2/catch.hpp>

#include "malformed.hpp"
#include "relctl/config/loader.hpp"
#include "relctl/core/error.hpp"

using namespace relctl;

TEST_CASE("[forge] is optional, and empty means: find everything from the remote", "[config]") {
  CHECK_FALSE(config::parse("[project]\nname = \"x\"\n", "relctl.toml").forge);
  const auto cfg = config::parse("[forge]\n", "relctl.toml");
  REQUIRE(cfg.forge);
  CHECK(cfg.forge->kind.empty());
  CHECK(cfg.forge->pr_title == "Release {tag}");
  CHECK_FALSE(cfg.forge->deployments);
}

TEST_CASE("[forge] reads every key", "[config]") {
  const auto cfg = config::parse(R"([forge]
kind = "gitlab"
api_url = "https://gitlab.example.com/api/v4/"
token_env = "RELEASE_TOKEN"
repository = "group/sub/app"
deployments = true
require_checks = true
comment_previews = true
pr_title = "chore: release {version}"
labels = ["release", "data"]
reviewers = ["alice"]
)",
                                 "relctl.toml");
  const auto& f = *cfg.forge;
  CHECK(f.kind == "gitlab");
  CHECK(f.api_url == "https://gitlab.example.com/api/v4");
  CHECK(f.token_env == "RELEASE_TOKEN");
  CHECK(f.repository == "group/sub/app");
  CHECK(f.deployments);
  CHECK(f.require_checks);
  CHECK(f.comment_previews);
  CHECK(f.pr_title == "chore: release {version}");
  CHECK(f.labels == std::vector<std::string>{"release", "data"});
  CHECK(f.reviewers == std::vector<std::string>{"alice"});
}

TEST_CASE("[forge] mistakes name the line and the fix", "[config]") {
  using test::Malformed;
  for (const Malformed& c : {
           Malformed{"unknown kind", "[forge]\nkind = \"gitea\"\n",
                     "relctl.toml:2:8: 'kind' in [forge] must be \"github\" or \"gitlab\", got "
                     "\"gitea\"",
                     "write kind = \"github\""},
           Malformed{"api_url not a URL", "[forge]\napi_url = \"api.github.com\"\n",
                     "relctl.toml:2:11: 'api_url' in [forge] is not an http(s) URL: "
                     "\"api.github.com\"",
                     "write the API's base URL"},
           Malformed{"repository without owner", "[forge]\nrepository = \"widgets\"\n",
                     "relctl.toml:2:14: 'repository' in [forge] is not a repository path: "
                     "\"widgets\"",
                     "write it as the forge shows it"},
           Malformed{"token in token_env", "[forge]\ntoken_env = \"ghp_abc-def\"\n", nullptr,
                     nullptr},
           Malformed{"unknown placeholder", "[forge]\npr_title = \"Release {nope}\"\n", nullptr,
                     nullptr},
           Malformed{"misspelt key", "[forge]\ndeployment = true\n",
                     "relctl.toml:2:1: unknown key 'deployment' in [forge]; did you mean "
                     "'deployments'?",
                     "rename it to 'deployments'"},
       }) {
    if (c.message) {
      test::check_malformed(c);
    } else {
      INFO(c.title);
      CHECK_THROWS_AS(config::parse(c.toml, "relctl.toml"), ConfigError);
    }
  }
}
