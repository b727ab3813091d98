// The GitHub adapter against the local forge: the requests it sends
// (headers, JSON bodies, the upload host), pagination, idempotence, and
// how it meets refusals, rate limits and failures.

#include <catch2/catch.hpp>
#include <cstdlib>
#include <optional>

#include "relctl/core/error.hpp"
#include "relctl/forge/forge.hpp"
#include "support/forge_server.hpp"
#include "support/support.hpp"

using namespace relctl;
using test::ForgeServer;
using test::HttpResponse;

namespace {

struct GitHubFixture {
  ForgeServer server{ForgeServer::Kind::github};
  test::TempDir dir;

  std::unique_ptr<forge::Forge> connect(const std::string& token = ForgeServer::token) const {
    forge::Location where;
    where.kind = forge::Kind::github;
    where.api_url = server.api_url();
    where.web_url = "https://github.com";
    where.project = "acme/widgets";
    forge::Credentials c;
    c.token = token;
    c.variable = "GITHUB_TOKEN";
    c.tried = {"GITHUB_TOKEN", "GH_TOKEN"};
    return forge::connect(where, c);
  }

  forge::Asset asset(const std::string& name, const std::string& bytes) const {
    test::write_file(dir / name, bytes);
    return {name, dir / name, forge::content_type_for(name), bytes.size()};
  }
};

// Sets (or, with "", unsets) a variable of this process; puts it back after.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value.empty()) {
      unsetenv(name);
    } else {
      setenv(name, value.c_str(), 1);
    }
  }
  ~ScopedEnv() {
    if (old_) {
      setenv(name_, old_->c_str(), 1);
    } else {
      unsetenv(name_);
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

}  // namespace

TEST_CASE("github: a release is created with its notes, and assets go to the upload host",
          "[forge][github]") {
  GitHubFixture f;
  auto gh = f.connect();
  CHECK_FALSE(gh->find_release("code-v1.3.0"));  // 404: none yet

  const auto release = gh->create_release({"code-v1.3.0", "code-v1.3.0", "## 1.3.0\n", true});
  CHECK(release.tag == "code-v1.3.0");
  CHECK_THAT(release.upload_url, !Catch::Contains("{"));
  gh->upload(release, f.asset("SHA256SUMS", "abc  dist/x.tar.gz\n"));
  gh->upload(release, f.asset("x.tar.gz", "tarball"));

  const auto reqs = f.server.requests();
  REQUIRE(reqs.size() == 4);
  for (const auto& r : reqs) {
    INFO(r.line());
    CHECK(r.header("authorization") == std::string("Bearer ") + ForgeServer::token);
    CHECK_THAT(r.header("user-agent"), Catch::StartsWith("relctl/"));
    CHECK(r.header("accept") == "application/vnd.github+json");
  }
  CHECK(reqs[0].line() == "GET /repos/acme/widgets/releases/tags/code-v1.3.0");
  CHECK(reqs[1].line() == "POST /repos/acme/widgets/releases");
  CHECK(reqs[1].host == "api");
  CHECK(reqs[1].header("content-type") == "application/json");
  CHECK(reqs[1].json() == nlohmann::json{{"tag_name", "code-v1.3.0"},
                                         {"name", "code-v1.3.0"},
                                         {"body", "## 1.3.0\n"},
                                         {"draft", false},
                                         {"prerelease", true}});
  CHECK(reqs[2].host == "uploads");
  CHECK(reqs[2].param("name") == "SHA256SUMS");
  CHECK(reqs[2].header("content-type") == "text/plain");
  CHECK(reqs[2].body == "abc  dist/x.tar.gz\n");
  CHECK(reqs[3].param("name") == "x.tar.gz");
  CHECK(reqs[3].header("content-type") == "application/gzip");
  CHECK(reqs[3].body == "tarball");

  const auto found = gh->find_release("code-v1.3.0");
  REQUIRE(found);
  REQUIRE(found->assets.size() == 2);
  CHECK(found->assets[1].name == "x.tar.gz");
  CHECK(found->assets[1].size == 7);
}

TEST_CASE("github: assets are read across every page", "[forge][github]") {
  GitHubFixture f;
  f.server.set_page_size(2);
  auto gh = f.connect();
  const auto release = gh->create_release({"v1", "v1", "", false});
  for (int i = 0; i < 5; ++i) gh->upload(release, f.asset("a" + std::to_string(i), "x"));
  const auto found = gh->find_release("v1");
  REQUIRE(found);
  CHECK(found->assets.size() == 5);
  CHECK(f.server.matching("GET /repos/acme/widgets/releases/" + release.id + "/assets").size() ==
        3);
}

TEST_CASE("github: creating an existing release or asset finds it instead (422)",
          "[forge][github]") {
  GitHubFixture f;
  auto gh = f.connect();
  const auto first = gh->create_release({"v1", "v1", "", false});
  const auto again = gh->create_release({"v1", "v1", "", false});
  CHECK(again.id == first.id);
  gh->upload(first, f.asset("SHA256SUMS", "x"));
  gh->upload(first, f.asset("SHA256SUMS", "x"));  // 422 already_exists: it is there
  CHECK(f.server.state()["assets"][first.id].size() == 1);
}

TEST_CASE("github: a 403 rate limit is waited out as retry-after says, a 502 retried",
          "[forge][github]") {
  GitHubFixture f;
  f.server.fail_next("POST /repos/acme/widgets/releases", 1,
                     {403,
                      {{"Retry-After", "1"}, {"X-RateLimit-Remaining", "0"}},
                      R"({"message":"API rate limit exceeded for installation ID 1."})"});
  f.server.fail_next("GET /repos/acme/widgets/releases/tags/", 1, {502, {}, "bad gateway"});
  auto gh = f.connect();
  CHECK_FALSE(gh->find_release("v1"));
  gh->create_release({"v1", "v1", "", false});
  CHECK(f.server.matching("GET /repos/acme/widgets/releases/tags/v1").size() == 2);
  CHECK(f.server.matching("POST /repos/acme/widgets/releases").size() == 2);
  CHECK(f.server.state()["releases"].size() == 1);
}

TEST_CASE("github: refusals become errors that name the request, never the token",
          "[forge][github]") {
  GitHubFixture f;
  try {
    f.connect("wrong-token")->find_release("v1");
    FAIL("a wrong token is refused");
  } catch (const DependencyError& e) {
    CHECK_THAT(e.what(), Catch::Contains("GitHub answered 401 to GET"));
    CHECK_THAT(e.what(), Catch::Contains("Bad credentials"));
    CHECK_THAT(e.hint(), Catch::Contains("$GITHUB_TOKEN"));
    CHECK_THAT(std::string(e.what()) + e.hint(), !Catch::Contains("wrong-token"));
  }
  try {
    f.connect("")->find_release("v1");
    FAIL("no token, no request");
  } catch (const ConfigError& e) {
    CHECK_THAT(e.what(), Catch::Contains("$GITHUB_TOKEN or $GH_TOKEN is not set"));
  }
  f.server.fail_next("POST /repos/acme/widgets/releases", 4, {503, {{"Retry-After", "1"}}, "{}"});
  CHECK_THROWS_AS(f.connect()->create_release({"v1", "v1", "", false}), DependencyError);
  CHECK(f.server.matching("POST /repos/acme/widgets/releases").size() == 4);  // bounded
}

TEST_CASE("github: plain http to anything but loopback is refused before a byte is sent",
          "[forge][github]") {
  forge::Location where;
  where.api_url = "http://api.github.com";
  where.project = "acme/widgets";
  CHECK_THROWS_AS(forge::connect(where, {"t", "GITHUB_TOKEN", {}}), ConfigError);
}

TEST_CASE("github: proxies come from the environment (http_proxy, no_proxy)", "[forge][github]") {
  GitHubFixture f;
  auto gh = f.connect();
  // A proxy that is not there: the request goes to it, never to the forge.
  ScopedEnv proxy("http_proxy", "http://127.0.0.1:1");
  ScopedEnv none("no_proxy", "");
  ScopedEnv none_upper("NO_PROXY", "");
  CHECK_THROWS_AS(gh->find_release("code-v1.3.0"), DependencyError);
  CHECK(f.server.requests().empty());
  // no_proxy names the forge's host: straight to it.
  ScopedEnv direct("no_proxy", "127.0.0.1");
  CHECK_FALSE(gh->find_release("code-v1.3.0"));
  CHECK(f.server.requests().size() == 1);
}

TEST_CASE("github: pull requests get their labels and reviewers, an open one is reused",
          "[forge][github]") {
  GitHubFixture f;
  auto gh = f.connect();
  forge::NewPullRequest p{"release/v1.3.0", "main",      "Release code-v1.3.0",
                          "## 1.3.0\n",     {"release"}, {"alice", "acme/releasers"}};
  const auto pull = gh->open_pull_request(p);
  CHECK(pull.number == 1);
  CHECK(gh->open_pull_request(p).number == 1);  // 422: it exists; found, not duplicated
  CHECK(f.server.state()["pulls"].size() == 1);
  const auto reviewers = f.server.matching("POST /repos/acme/widgets/pulls/1/requested_reviewers");
  REQUIRE_FALSE(reviewers.empty());
  CHECK(reviewers[0].json() ==
        nlohmann::json{{"reviewers", {"alice"}}, {"team_reviewers", {"releasers"}}});
  CHECK(f.server.matching("POST /repos/acme/widgets/issues/1/labels")[0].json() ==
        nlohmann::json{{"labels", {"release"}}});
  const auto open = gh->find_pull_request("release/v1.3.0", "main", "open");
  REQUIRE(open);
  CHECK(f.server.matching("GET /repos/acme/widgets/pulls").back().param("head") ==
        "acme:release/v1.3.0");
}

TEST_CASE("github: the sticky comment is found by its marker on any page", "[forge][github]") {
  GitHubFixture f;
  f.server.set_page_size(2);
  f.server.with_state([](nlohmann::json& s) {
    auto& list = s["comments"]["7"] = nlohmann::json::array();
    for (int i = 1; i <= 5; ++i) {
      list.push_back({{"id", i},
                      {"body", i == 5 ? "<!-- relctl:preview code-release -->\nold" : "lgtm"},
                      {"user", {{"login", "someone-else"}}}});
    }
  });
  auto gh = f.connect();
  const auto found = gh->find_comment(7, "<!-- relctl:preview code-release -->");
  REQUIRE(found);
  CHECK(found->id == "5");
  gh->put_comment(7, found, "<!-- relctl:preview code-release -->\nnew");
  CHECK(f.server.matching("PATCH /repos/acme/widgets/issues/comments/5").size() == 1);
  CHECK(f.server.state()["comments"]["7"][4]["body"] ==
        "<!-- relctl:preview code-release -->\nnew");
}

TEST_CASE("github: a deployment and its success status", "[forge][github]") {
  GitHubFixture f;
  f.connect()->record_deployment({"code-v1.3.0", "abc", "prod", "relctl promote code-v1.3.0", true,
                                  "https://ci.example/job/1"});
  const auto writes = f.server.writes();
  REQUIRE(writes.size() == 2);
  CHECK(writes[0].json()["ref"] == "code-v1.3.0");
  CHECK(writes[0].json()["environment"] == "prod");
  CHECK(writes[0].json()["production_environment"] == true);
  CHECK(writes[0].json()["required_contexts"] == nlohmann::json::array());
  CHECK(writes[1].json()["state"] == "success");
  CHECK(writes[1].json()["log_url"] == "https://ci.example/job/1");
}
