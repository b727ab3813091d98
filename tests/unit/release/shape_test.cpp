// The release model: the shape a release run takes from relctl.toml and the
// command's flags, and the answers every gate and pipeline reads from it.

#include <catch2/catch.hpp>
#include <initializer_list>
#include <string_view>

#include "relctl/config/loader.hpp"
#include "relctl/core/error.hpp"
#include "relctl/release/plan.hpp"
#include "relctl/release/promotion.hpp"
#include "relctl/release/shape.hpp"

using namespace relctl;
using namespace relctl::release;

namespace {

// relctl.toml made of `sections` (appended, not added: GCC 12 warns on
// temporaries joined with +).
config::Config config_of(std::initializer_list<std::string_view> sections) {
  std::string toml = "[project]\nname = \"demo\"\n";
  for (const auto section : sections) toml.append(section);
  return config::parse(toml, "relctl.toml");
}

const char* data_section = R"(
[data_release]
snapshot = "data/snap.sqlite"
manifest = "data/manifest.json"
)";

// opens_review, commits, tags_now, pushes_branch, pushes_tags
std::vector<bool> answers(const ReleaseShape& s) {
  return {s.opens_review(), s.commits(), s.tags_now(), s.pushes_branch(), s.pushes_tags()};
}

}  // namespace

TEST_CASE("release shape: what each mode and flag means for the git actions", "[release][shape]") {
  ReleaseShape s;
  s.mode = Mode::direct;
  // Direct: commit, tag and push branch and tags at once.
  CHECK(answers(s) == std::vector<bool>{false, true, true, true, true});
  s.mode = Mode::pr;
  // A pull request: the branch goes to review, the tag waits for --finalize.
  CHECK(answers(s) == std::vector<bool>{true, true, false, true, false});
  s.finalize = true;
  // --finalize: the merged commit is the release; only the tag is pushed.
  CHECK(answers(s) == std::vector<bool>{false, false, true, false, true});
  s.finalize = false;
  s.hotfix = true;
  // A hotfix never waits for review: its branch and tag go out together.
  CHECK(answers(s) == std::vector<bool>{false, true, true, true, true});
}

TEST_CASE("release shape of code-release: mode, joint with data, refused flags",
          "[release][shape]") {
  auto cfg = config_of({"[code_release]\nmode = \"pr\"\n", data_section});
  auto s = code_release_shape(cfg, {});
  CHECK(s.kind == Kind::joint);
  CHECK(s.mode == Mode::pr);
  CHECK(s.carries_code());
  CHECK(s.carries_data());
  CHECK(s.push);

  CodeFlags no_data;
  no_data.no_data = true;
  no_data.no_push = true;
  s = code_release_shape(cfg, no_data);
  CHECK(s.kind == Kind::code);
  CHECK_FALSE(s.carries_data());
  CHECK_FALSE(s.push);

  CodeFlags finalize;
  finalize.finalize = true;
  CHECK(code_release_shape(cfg, finalize).finalize);

  // Without [code_release] the defaults apply: direct mode, where --finalize means nothing.
  auto plain = config_of({});
  CHECK(code_release_shape(plain, {}).mode == Mode::direct);
  CHECK(code_release_shape(plain, {}).kind == Kind::code);
  CHECK_THROWS_WITH(code_release_shape(plain, finalize),
                    Catch::Contains("--finalize is for code_release.mode = \"pr\""));
  auto required = config_of({"[code_release]\nrequire_data_release = true\n", data_section});
  CHECK_THROWS_AS(code_release_shape(required, no_data), UsageError);
}

TEST_CASE("release shape of a monorepo: direct mode only, no hotfix or finalize",
          "[release][shape]") {
  const char* packages = "[[packages]]\nname = \"api\"\npath = \"api\"\n";
  auto direct = config_of({"[code_release]\n", packages});
  CHECK(code_release_shape(direct, {}).kind == Kind::code);
  CodeFlags hotfix;
  hotfix.hotfix = true;
  CHECK_THROWS_WITH(code_release_shape(direct, hotfix), Catch::Contains("[[packages]]"));
  auto pr = config_of({"[code_release]\nmode = \"pr\"\n", packages});
  CHECK_THROWS_AS(code_release_shape(pr, {}), UsageError);
}

TEST_CASE("release shape of data-release: its own mode, no [data_release] is a config error",
          "[release][shape]") {
  auto s = data_release_shape(config_of({data_section}), {});
  CHECK(s.kind == Kind::data);
  CHECK(s.mode == Mode::pr);  // data releases default to review
  CHECK(s.opens_review());
  CHECK_FALSE(s.carries_code());

  auto direct = config_of({data_section, "mode = \"direct\"\n"});
  DataFlags finalize;
  finalize.finalize = true;
  CHECK_THROWS_WITH(data_release_shape(direct, finalize),
                    Catch::Contains("--finalize is for data_release.mode = \"pr\""));
  CHECK_THROWS_AS(data_release_shape(config_of({}), {}), ConfigError);
}

TEST_CASE("release model names: kinds and deployments as relctl writes them", "[release][shape]") {
  CHECK(to_string(Kind::joint) == "joint");
  CHECK(to_string(DeployKind::rollback) == "rollback");
  CHECK(to_string(DeployKind::promote) == "promote");
  CHECK(to_string(DeployStatus::succeeded) == "succeeded");
  CHECK(to_string(DeployStatus::failed) == "failed");
  CHECK(config::to_string(Mode::pr) == "pr");

  Promotion p;
  CHECK_FALSE(p.rollback());
  p.kind = DeployKind::rollback;
  CHECK(p.rollback());
}

TEST_CASE("release plan: an output is committed once, force-added if any caller asks",
          "[release][plan]") {
  ReleasePlan plan;
  CHECK_FALSE(plan.planned());
  plan.add_output("CHANGELOG.md");
  plan.add_output("data/snap.sqlite");
  plan.add_output("data/snap.sqlite", /*force=*/true);
  plan.add_output("CHANGELOG.md");
  REQUIRE(plan.outputs.size() == 2);
  CHECK_FALSE(plan.outputs[0].force);
  CHECK(plan.outputs[1].force);
  plan.packages.push_back({});
  CHECK(plan.planned());
}
