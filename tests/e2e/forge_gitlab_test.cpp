// The GitLab side end to end: a release with linked package assets, a
// preview note on the merge request, and data releases' notes and requests.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/data_repo.hpp"
#include "support/forge_project.hpp"

using namespace relctl::test;
using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

std::string forge_toml(const ForgeServer& server) {
  return "[forge]\nkind = \"github\"\napi_url = \"" + server.api_url() +
         "\"\nrepository = \"acme/widgets\"\n";
}

}  // namespace

TEST_CASE("GitLab: code-release links its assets as generic packages, previews are notes",
          "[e2e][forge]") {
  ForgeProject f(ForgeServer::Kind::gitlab);
  const auto r = f.relctl({"code-release"});
  INFO(output(r));
  REQUIRE(r.exit_code == 0);
  for (const auto& req : f.server.requests()) {
    INFO(req.line());
    CHECK(req.header("private-token") == ForgeServer::token);
  }
  const std::string project = "/api/v4/projects/acme%2Fwidgets";
  const auto created = f.server.matching("POST " + project + "/releases");
  REQUIRE_FALSE(created.empty());
  CHECK(created[0].json()["tag_name"] == "code-v1.3.0");
  CHECK_THAT(created[0].json()["description"].get<std::string>(), Contains("### Features"));
  const auto puts = f.server.matching("PUT " + project + "/packages/generic/widgets/code-v1.3.0/");
  REQUIRE(puts.size() == 2);
  CHECK(puts[1].body == "the widgets build\n");
  CHECK(f.server.state()["links"]["code-v1.3.0"].size() == 2);
  CHECK_THAT(f.everything_written(r), !Contains(ForgeServer::token));

  // A preview on merge request !5.
  RunOptions o;
  o.env["CI_MERGE_REQUEST_IID"] = "5";
  f.project.commit("fix: another");
  f.project.git("push -q origin main");
  const auto preview = f.relctl({"code-release", "--dry-run", "--comment"}, o);
  INFO(output(preview));
  CHECK(preview.exit_code == 0);
  const auto notes = f.server.matching("POST " + project + "/merge_requests/5/notes");
  REQUIRE(notes.size() == 1);
  CHECK_THAT(notes[0].json()["body"].get<std::string>(), Contains("Version: **1.3.1**"));
}

TEST_CASE(
    "data-release: the forge release lists the tables, pr mode's request carries the "
    "report",
    "[e2e][forge][data]") {
  ForgeServer server(ForgeServer::Kind::github);
  const std::map<std::string, std::string> env = {{"GITHUB_TOKEN", ForgeServer::token}};
  {
    data::DataRepo repo(data::data_release_toml("direct", forge_toml(server)));
    const auto r = repo.relctl({"data-release", "--date", "20261122"}, env);
    INFO(output(r));
    REQUIRE(r.exit_code == 0);
    const auto created = server.matching("POST /repos/acme/widgets/releases");
    REQUIRE(created.size() == 1);
    const json body = created[0].json();
    CHECK(body["tag_name"] == "data-20261122");
    const std::string notes = body["body"];
    CHECK_THAT(notes, Catch::StartsWith("Data release data-20261122: 3 tables, "));
    CHECK_THAT(notes, Contains("| castaways | 120 |"));
    CHECK_THAT(notes, Contains("- Ingestion run: `run-42`"));
    CHECK_THAT(notes, Contains("- Upstream version: `survivoR 2.3.1`"));
    CHECK(server.matching("POST /repos/acme/widgets/releases/").empty());  // no assets
  }
  {
    data::DataRepo repo(data::data_release_toml("pr", forge_toml(server)));
    const auto r = repo.relctl({"data-release", "--date", "20261123"}, env);
    INFO(output(r));
    REQUIRE(r.exit_code == 0);
    const auto pulls = server.matching("POST /repos/acme/widgets/pulls");
    REQUIRE(pulls.size() == 1);
    CHECK(pulls[0].json()["head"] == "data-release/20261123");
    CHECK(pulls[0].json()["title"] == "Release data-20261123");
    const std::string body = pulls[0].json()["body"];
    CHECK_THAT(body, Contains("validation report"));
    CHECK_THAT(body, Contains("## Row counts"));
    CHECK_THAT(body, !Contains("## Schema"));
    CHECK_THAT(body, Contains("relctl data-release --finalize"));
  }
}
