// Finding the forge, the project and the token from the remote's URL,
// [forge] and the CI's variables.

#include <catch2/catch.hpp>
#include <map>

#include "relctl/config/config.hpp"
#include "relctl/core/error.hpp"
#include "relctl/forge/location.hpp"

using namespace relctl;
using forge::Kind;

namespace {

forge::Getenv env_of(std::map<std::string, std::string> vars) {
  return [vars](const std::string& name) {
    const auto it = vars.find(name);
    return it == vars.end() ? std::string() : it->second;
  };
}

const forge::Getenv no_env = env_of({});

}  // namespace

TEST_CASE("forge: remote URLs in every git spelling give host and project", "[forge]") {
  struct Case {
    const char* url;
    const char* host;
    const char* path;
  };
  for (const Case c :
       {Case{"https://github.com/acme/widgets.git", "github.com", "acme/widgets"},
        Case{"https://x-access-token@github.com/acme/widgets", "github.com", "acme/widgets"},
        Case{"git@github.com:acme/widgets.git", "github.com", "acme/widgets"},
        Case{"ssh://git@gitlab.example.com:2222/group/sub/app.git", "gitlab.example.com",
             "group/sub/app"},
        Case{"git://127.0.0.1:9418/acme/widgets.git", "127.0.0.1", "acme/widgets"},
        Case{"https://gitlab.com/group/app/", "gitlab.com", "group/app"}}) {
    INFO(c.url);
    const auto parsed = forge::parse_remote_url(c.url);
    REQUIRE(parsed);
    CHECK(parsed->host == c.host);
    CHECK(parsed->path == c.path);
  }
  for (const char* local : {"/srv/git/app.git", "../origin.git", "file:///srv/app.git", "origin"}) {
    INFO(local);
    CHECK_FALSE(forge::parse_remote_url(local));
  }
}

TEST_CASE("forge: github.com, GitHub Enterprise and GitLab hosts give their API bases", "[forge]") {
  const config::Forge none;
  auto github = forge::locate(none, "git@github.com:acme/widgets.git", no_env);
  CHECK(github.kind == Kind::github);
  CHECK(github.api_url == "https://api.github.com");
  CHECK(github.web_url == "https://github.com");
  CHECK(github.project == "acme/widgets");

  auto gitlab = forge::locate(none, "https://gitlab.com/group/sub/app.git", no_env);
  CHECK(gitlab.kind == Kind::gitlab);
  CHECK(gitlab.api_url == "https://gitlab.com/api/v4");
  CHECK(gitlab.project == "group/sub/app");

  config::Forge ghe;
  ghe.kind = "github";
  const auto enterprise = forge::locate(ghe, "https://git.corp.example/team/app.git", no_env);
  CHECK(enterprise.api_url == "https://git.corp.example/api/v3");

  // The CI's own server names an unknown host's kind.
  const auto actions = forge::locate(none, "https://git.corp.example/team/app.git",
                                     env_of({{"GITHUB_SERVER_URL", "https://git.corp.example"}}));
  CHECK(actions.kind == Kind::github);
  const auto gitlab_ci = forge::locate(none, "https://code.corp.example/team/app.git",
                                       env_of({{"CI_SERVER_HOST", "code.corp.example"}}));
  CHECK(gitlab_ci.kind == Kind::gitlab);
}

TEST_CASE("forge: GITHUB_API_URL and CI_API_V4_URL override the derived base, api_url wins",
          "[forge]") {
  const config::Forge none;
  const auto env = env_of({{"GITHUB_API_URL", "https://ghe.example/api/v3/"},
                           {"CI_API_V4_URL", "https://gl.example/api/v4"}});
  CHECK(forge::locate(none, "git@github.com:a/b.git", env).api_url == "https://ghe.example/api/v3");
  CHECK(forge::locate(none, "git@gitlab.com:a/b.git", env).api_url == "https://gl.example/api/v4");
  config::Forge set;
  set.api_url = "http://127.0.0.1:8080";
  CHECK(forge::locate(set, "git@github.com:a/b.git", env).api_url == "http://127.0.0.1:8080");
}

TEST_CASE("forge: [forge] repository names the project when the URL cannot", "[forge]") {
  config::Forge cfg;
  cfg.kind = "github";
  cfg.api_url = "https://api.github.com";
  try {
    forge::locate(cfg, "/srv/git/origin.git", no_env);
    FAIL("a local path names no repository");
  } catch (const ConfigError& e) {
    CHECK_THAT(e.what(), Catch::Contains("cannot tell the GitHub repository"));
    CHECK_THAT(e.hint(), Catch::Contains("[forge] repository"));
  }
  cfg.repository = "acme/widgets";
  CHECK(forge::locate(cfg, "/srv/git/origin.git", no_env).project == "acme/widgets");
  // A GitHub repository is owner/name: no subgroups.
  cfg.repository.clear();
  CHECK_THROWS_AS(forge::locate(cfg, "https://github.com/a/b/c.git", no_env), ConfigError);

  config::Forge unknown;
  try {
    forge::locate(unknown, "https://git.example/a/b.git", no_env);
    FAIL("an unknown host needs a kind");
  } catch (const ConfigError& e) {
    CHECK_THAT(e.hint(), Catch::Contains("[forge] kind"));
  }
}

TEST_CASE(
    "forge: tokens come from token_env, else GITHUB_TOKEN/GH_TOKEN or "
    "GITLAB_TOKEN/CI_JOB_TOKEN",
    "[forge]") {
  const config::Forge none;
  auto c = forge::credentials(none, Kind::github, env_of({{"GH_TOKEN", "b"}}));
  CHECK(c.token == "b");
  CHECK(c.variable == "GH_TOKEN");
  c = forge::credentials(none, Kind::github, env_of({{"GITHUB_TOKEN", "a"}, {"GH_TOKEN", "b"}}));
  CHECK(c.variable == "GITHUB_TOKEN");
  c = forge::credentials(none, Kind::gitlab, env_of({{"CI_JOB_TOKEN", "j"}}));
  CHECK(c.variable == "CI_JOB_TOKEN");
  config::Forge own;
  own.token_env = "RELEASE_TOKEN";
  c = forge::credentials(own, Kind::github, env_of({{"GITHUB_TOKEN", "a"}}));
  CHECK(c.token.empty());
  CHECK(c.tried == std::vector<std::string>{"RELEASE_TOKEN"});
}

TEST_CASE("forge: in CI, GITHUB_REPOSITORY or CI_PROJECT_PATH names a local remote's project",
          "[forge]") {
  config::Forge github;
  github.kind = "github";
  const auto actions = env_of({{"GITHUB_API_URL", "https://api.github.com"},
                               {"GITHUB_REPOSITORY", "acme/widgets"},
                               {"CI_PROJECT_PATH", "group/sub/app"}});
  CHECK(forge::locate(github, "/srv/git/origin.git", actions).project == "acme/widgets");
  // The remote's URL and [forge] repository come first.
  CHECK(forge::locate(github, "git@github.com:a/b.git", actions).project == "a/b");
  github.repository = "o/r";
  CHECK(forge::locate(github, "/srv/git/origin.git", actions).project == "o/r");
  config::Forge gitlab;
  gitlab.kind = "gitlab";
  gitlab.api_url = "https://gl.example/api/v4";
  CHECK(forge::locate(gitlab, "/srv/git/origin.git", actions).project == "group/sub/app");
}

TEST_CASE("forge: HTTPS everywhere, plain HTTP only to loopback addresses", "[forge]") {
  CHECK(forge::is_allowed_url("https://api.github.com/repos"));
  CHECK(forge::is_allowed_url("http://127.0.0.1:8080/api/v4"));
  CHECK(forge::is_allowed_url("http://127.3.2.1/x"));
  CHECK(forge::is_allowed_url("http://[::1]:9000/x"));
  CHECK_FALSE(forge::is_allowed_url("http://api.github.com/repos"));
  CHECK_FALSE(forge::is_allowed_url("http://localhost:8080/x"));
  CHECK_FALSE(forge::is_allowed_url("http://127.0.0.1.evil.example/x"));
  CHECK_FALSE(forge::is_allowed_url("ftp://127.0.0.1/x"));
}

TEST_CASE("forge: the pull request of a CI job", "[forge]") {
  CHECK(forge::pull_request_number(Kind::github, env_of({{"GITHUB_REF", "refs/pull/42/merge"}})) ==
        42);
  CHECK_FALSE(
      forge::pull_request_number(Kind::github, env_of({{"GITHUB_REF", "refs/heads/main"}})));
  CHECK(forge::pull_request_number(Kind::gitlab, env_of({{"CI_MERGE_REQUEST_IID", "7"}})) == 7);
  CHECK_FALSE(forge::pull_request_number(Kind::gitlab, no_env));
  CHECK(forge::in_ci(env_of({{"GITHUB_ACTIONS", "true"}})));
  CHECK_FALSE(forge::in_ci(no_env));
}
