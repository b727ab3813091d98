// forge.release and relctl publish end to end: the built binary releases to
// a local GitHub, and the tests assert on the requests it received.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "relctl/core/sha256.hpp"
#include "support/forge_project.hpp"
#include "support/json_schema.hpp"

using namespace relctl::test;
using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

const std::string releases = "POST /repos/acme/widgets/releases";

}  // namespace

TEST_CASE("code-release creates the GitHub release with its notes and assets", "[e2e][forge]") {
  ForgeProject f;
  const auto r = f.relctl({"code-release", "--json"});
  INFO(output(r));
  REQUIRE(r.exit_code == 0);
  const auto doc = json::parse(r.out);
  CHECK(gate_of(doc, "forge.release")["status"] == "passed");

  for (const auto& req : f.server.requests()) {
    INFO(req.line());
    CHECK(req.header("authorization") == std::string("Bearer ") + ForgeServer::token);
    CHECK_THAT(req.header("user-agent"), Catch::StartsWith("relctl/"));
  }
  const auto created = f.server.matching(releases);
  REQUIRE(created.size() == 1);
  const json body = created[0].json();
  CHECK(body["tag_name"] == "code-v1.3.0");
  CHECK(body["name"] == "code-v1.3.0");
  CHECK(body["prerelease"] == false);
  CHECK(body["draft"] == false);
  const std::string notes = body["body"];
  CHECK_THAT(notes, Catch::StartsWith("## 1.3.0 - "));
  CHECK_THAT(notes, Contains("### Features\n\n- **search:** add search ("));
  CHECK_THAT(notes, !Contains("Relctl-Run"));

  // SHA256SUMS and the artifact it lists, on the upload host, with their types and bytes.
  const auto uploads = f.server.matching("POST /repos/acme/widgets/releases/");
  REQUIRE(uploads.size() == 2);
  CHECK(uploads[0].host == "uploads");
  CHECK(uploads[0].param("name") == "SHA256SUMS");
  CHECK(uploads[0].header("content-type") == "text/plain");
  CHECK(uploads[0].body == read_file(f.project.work() / "SHA256SUMS"));
  CHECK(uploads[1].param("name") == "widgets.tar.gz");
  CHECK(uploads[1].header("content-type") == "application/gzip");
  CHECK(uploads[1].body == "the widgets build\n");
  CHECK_THAT(uploads[0].body,
             Contains(relctl::core::sha256_hex("the widgets build\n") + "  dist/widgets.tar.gz"));

  CHECK_THAT(f.everything_written(r), !Contains(ForgeServer::token));

  // Idempotent: publishing again finds the release complete and writes nothing.
  const auto writes = f.server.writes().size();
  const auto again = f.relctl({"publish", "code-v1.3.0"});
  INFO(output(again));
  CHECK(again.exit_code == 0);
  CHECK_THAT(again.out, Contains("was there and complete"));
  CHECK(f.server.writes().size() == writes);

  // An asset lost on the forge is uploaded again, alone.
  f.server.with_state([](json& s) {
    for (auto& [id, list] : s["assets"].items()) {
      list.erase(list.begin() + 1);
    }
  });
  const auto repair = f.relctl({"publish", "code-v1.3.0"});
  INFO(output(repair));
  CHECK(repair.exit_code == 0);
  const auto added = f.server.writes();
  REQUIRE(added.size() == writes + 1);
  CHECK(added.back().param("name") == "widgets.tar.gz");
  CHECK_THAT(f.everything_written(repair), !Contains(ForgeServer::token));
}

TEST_CASE("code-release --dry-run shows the forge requests and sends no write", "[e2e][forge]") {
  ForgeProject f;
  const std::string before = f.project.full_state();
  const auto r = f.relctl({"code-release", "--dry-run"});
  INFO(output(r));
  CHECK(r.exit_code == 0);
  CHECK(f.project.full_state() == before);
  CHECK(f.server.writes().empty());
  CHECK_THAT(r.out, Contains("planned forge.release"));
  CHECK_THAT(r.out, Contains("would create the GitHub release code-v1.3.0"));
  CHECK_THAT(r.out, Contains("POST " + f.server.api_url() +
                             "/repos/acme/widgets/releases {\"body\":\"## 1.3.0 - "));
  CHECK_THAT(r.out, Contains("\"tag_name\":\"code-v1.3.0\""));
  CHECK_THAT(r.out, Contains("then upload SHA256SUMS and each file it lists"));
  CHECK_THAT(output(r), !Contains(ForgeServer::token));
}

TEST_CASE("a forge failure after the push keeps the release, relctl publish finishes it",
          "[e2e][forge]") {
  ForgeProject f;
  f.server.fail_next(releases, 4, {502, {{"Retry-After", "1"}}, "bad gateway"});
  const auto r = f.relctl({"code-release", "--json"});
  INFO(output(r));
  CHECK(r.exit_code == 3);
  const auto doc = json::parse(r.out);
  const auto gate = gate_of(doc, "forge.release");
  CHECK(gate["status"] == "failed");
  CHECK_THAT(gate["hint"].get<std::string>(), Contains("relctl publish code-v1.3.0"));
  // Nothing was undone: the tag and the release commit are on origin and here.
  CHECK(gate_of(doc, "git.tag")["status"] == "passed");
  CHECK(gate_of(doc, "git.commit")["status"] == "passed");
  CHECK(f.project.git("cat-file -t code-v1.3.0", f.project.origin()) == "tag\n");
  CHECK(f.project.git("rev-parse main") == f.project.git("rev-parse main", f.project.origin()));
  CHECK(f.project.git("tag -l code-v1.3.0") == "code-v1.3.0\n");
  CHECK(f.server.state()["releases"].empty());
  CHECK_THAT(f.everything_written(r), !Contains(ForgeServer::token));

  const auto publish = f.relctl({"publish", "code-v1.3.0"});
  INFO(output(publish));
  CHECK(publish.exit_code == 0);
  CHECK_THAT(publish.out, Contains("created the GitHub release code-v1.3.0"));
  const auto state = f.server.state();
  REQUIRE(state["releases"].size() == 1);
  CHECK(state["assets"].begin()->size() == 2);
  // publish pushes nothing: origin is as the failed run left it.
  CHECK(f.project.git("rev-parse main", f.project.origin()) == f.project.git("rev-parse main"));
}

TEST_CASE("relctl publish --json: failed and passed documents are valid against the JSON Schema",
          "[e2e][forge][json]") {
  ForgeProject f;
  f.server.fail_next(releases, 4, {502, {{"Retry-After", "1"}}, "bad gateway"});
  REQUIRE(f.relctl({"code-release"}).exit_code == 3);  // released, not published

  const auto check = [](const ProcessResult& r, int exit_code, const std::string& status) {
    CHECK(check_envelope(r, exit_code, status)["command"] == "publish");
  };
  f.server.fail_next(releases, 4, {502, {{"Retry-After", "1"}}, "bad gateway"});
  check(f.relctl({"publish", "code-v1.3.0", "--json"}), 3, "failed");
  check(f.relctl({"publish", "code-v1.3.0", "--json"}), 0, "passed");
  CHECK(f.server.state()["releases"].size() == 1);
}

TEST_CASE("a rate-limited forge is waited out as retry-after says", "[e2e][forge]") {
  ForgeProject f;
  f.server.fail_next(releases, 1,
                     {403,
                      {{"Retry-After", "1"}, {"X-RateLimit-Remaining", "0"}},
                      R"({"message":"You have exceeded a secondary rate limit."})"});
  const auto r = f.relctl({"code-release", "--pre", "beta"});
  INFO(output(r));
  CHECK(r.exit_code == 0);
  const auto posts = f.server.matching(releases);
  REQUIRE(posts.size() == 2);
  // --pre versions are prereleases.
  CHECK(posts[1].json()["tag_name"] == "code-v1.3.0-beta.1");
  CHECK(posts[1].json()["prerelease"] == true);
  CHECK_THAT(r.err, Contains("rate limited (403)"));
}

TEST_CASE("relctl publish refuses a tag the remote does not have, and needs [forge]",
          "[e2e][forge]") {
  ForgeProject f;
  f.project.git("tag -a code-v9.9.9 -m 'Release 9.9.9'");
  const auto r = f.relctl({"publish", "code-v9.9.9"});
  INFO(output(r));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Contains("code-v9.9.9 is not on origin"));
  CHECK_THAT(r.out, Contains("git push origin code-v9.9.9"));
  CHECK(f.server.writes().empty());

  GitProject plain;
  const auto none = plain.relctl({"publish", "code-v1.2.0"});
  CHECK(none.exit_code == 2);
  CHECK_THAT(none.err, Contains("needs a [forge] section"));
}

TEST_CASE("the forge and the repository are found from the remote's URL", "[e2e][forge]") {
  ForgeServer server(ForgeServer::Kind::github);
  GitProject p("\n[forge]\nkind = \"github\"\napi_url = \"" + server.api_url() + "\"\n");
  p.serve_origin_with_daemon("acme/widgets.git");
  RunOptions o;
  o.env["GH_TOKEN"] = ForgeServer::token;
  const auto r = p.relctl({"code-release"}, o);
  INFO(r.out + r.err);
  CHECK(r.exit_code == 0);
  REQUIRE(server.matching("POST /repos/acme/widgets/releases").size() == 1);
  // No artifacts configured: a release without assets.
  CHECK(server.matching("POST /repos/acme/widgets/releases/").empty());
}
