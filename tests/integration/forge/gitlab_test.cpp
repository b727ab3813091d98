// The GitLab adapter against the local forge: releases whose assets are
// generic packages linked from the release, merge requests, notes,
// deployments, and the token headers.

#include <catch2/catch.hpp>

#include "relctl/core/error.hpp"
#include "relctl/forge/forge.hpp"
#include "support/forge_server.hpp"
#include "support/support.hpp"

using namespace relctl;
using test::ForgeServer;

namespace {

struct GitLabFixture {
  ForgeServer server{ForgeServer::Kind::gitlab, "group/widgets"};
  test::TempDir dir;

  std::unique_ptr<forge::Forge> connect(const std::string& variable = "GITLAB_TOKEN") const {
    forge::Location where;
    where.kind = forge::Kind::gitlab;
    where.api_url = server.api_url();
    where.project = "group/widgets";
    return forge::connect(where, {ForgeServer::token, variable, {variable}});
  }
};

}  // namespace

TEST_CASE("gitlab: a release with assets as linked generic packages", "[forge][gitlab]") {
  GitLabFixture f;
  auto gl = f.connect();
  CHECK_FALSE(gl->find_release("code-v1.3.0"));
  const auto release = gl->create_release({"code-v1.3.0", "code-v1.3.0", "## 1.3.0\n", false});
  test::write_file(f.dir / "app.tar.gz", "tarball");
  gl->upload(release, {"app.tar.gz", f.dir / "app.tar.gz", "application/gzip", 7});

  const auto reqs = f.server.requests();
  REQUIRE(reqs.size() == 4);
  for (const auto& r : reqs) {
    INFO(r.line());
    CHECK(r.header("private-token") == ForgeServer::token);
    CHECK_THAT(r.header("user-agent"), Catch::StartsWith("relctl/"));
  }
  CHECK(reqs[0].line() == "GET /api/v4/projects/group%2Fwidgets/releases/code-v1.3.0");
  CHECK(reqs[1].line() == "POST /api/v4/projects/group%2Fwidgets/releases");
  CHECK(reqs[1].json() == nlohmann::json{{"tag_name", "code-v1.3.0"},
                                         {"name", "code-v1.3.0"},
                                         {"description", "## 1.3.0\n"}});
  CHECK(reqs[2].line() ==
        "PUT /api/v4/projects/group%2Fwidgets/packages/generic/widgets/code-v1.3.0/app.tar.gz");
  CHECK(reqs[2].body == "tarball");
  CHECK(reqs[2].header("content-type") == "application/gzip");
  CHECK(reqs[3].line() ==
        "POST /api/v4/projects/group%2Fwidgets/releases/code-v1.3.0/assets/links");
  CHECK(reqs[3].json()["name"] == "app.tar.gz");
  CHECK(reqs[3].json()["link_type"] == "package");
  CHECK_THAT(reqs[3].json()["url"].get<std::string>(),
             Catch::EndsWith("/packages/generic/widgets/code-v1.3.0/app.tar.gz"));

  // Idempotent: the release (409) and the link (400, taken) are found again.
  const auto again = gl->create_release({"code-v1.3.0", "code-v1.3.0", "", false});
  gl->upload(again, {"app.tar.gz", f.dir / "app.tar.gz", "application/gzip", 7});
  CHECK(f.server.state()["links"]["code-v1.3.0"].size() == 1);
  const auto found = gl->find_release("code-v1.3.0");
  REQUIRE(found);
  REQUIRE(found->assets.size() == 1);
}

TEST_CASE("gitlab: CI's job token goes in JOB-TOKEN", "[forge][gitlab]") {
  GitLabFixture f;
  f.connect("CI_JOB_TOKEN")->find_release("v1");
  CHECK(f.server.requests().at(0).header("job-token") == ForgeServer::token);
  CHECK(f.server.requests().at(0).header("private-token").empty());
}

TEST_CASE("gitlab: merge requests with labels and reviewer ids, notes found by marker",
          "[forge][gitlab]") {
  GitLabFixture f;
  f.server.with_state([](nlohmann::json& s) {
    s["users"].push_back({{"id", 31}, {"username", "alice"}});
  });
  auto gl = f.connect();
  forge::NewPullRequest p{"release/v1.3.0",    "main",   "Release", "body",
                          {"release", "data"}, {"alice"}};
  const auto mr = gl->open_pull_request(p);
  CHECK(mr.number == 1);
  CHECK(gl->open_pull_request(p).number == 1);  // 409: the open one is reused
  const auto post = f.server.matching("POST /api/v4/projects/group%2Fwidgets/merge_requests");
  REQUIRE_FALSE(post.empty());
  CHECK(post[0].json()["labels"] == "release,data");
  CHECK(post[0].json()["reviewer_ids"] == nlohmann::json::array({31}));
  CHECK(post[0].json()["source_branch"] == "release/v1.3.0");

  f.server.set_page_size(1);
  gl->put_comment(1, std::nullopt, "first");
  gl->put_comment(1, std::nullopt, "<!-- marker -->\nold");
  const auto found = gl->find_comment(1, "<!-- marker -->");
  REQUIRE(found);
  gl->put_comment(1, found, "<!-- marker -->\nnew");
  CHECK(f.server.state()["notes"]["1"].size() == 2);
  CHECK(f.server.state()["notes"]["1"][1]["body"] == "<!-- marker -->\nnew");

  gl->record_deployment({"code-v1.3.0", "abc123", "staging", "relctl promote", false, ""});
  CHECK(f.server.state()["deployments"][0]["environment"] == "staging");
  CHECK(f.server.state()["deployments"][0]["sha"] == "abc123");
  CHECK(f.server.state()["deployments"][0]["tag"] == true);
}
