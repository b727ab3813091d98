// The next version for a table of histories: what exists (all reachable from
// HEAD), the commits since the last final release, and what was asked.

#include <catch2/catch.hpp>

#include "gates/version/next_version.hpp"
#include "relctl/core/error.hpp"
#include "relctl/gates/version.hpp"

using namespace relctl::gates::version;
using namespace relctl::gates::commits;

namespace {

struct Row {
  const char* name;
  std::vector<const char*> tags;     // versions that exist
  std::vector<const char*> commits;  // messages since the last final release, newest first
  const char* bump = "auto";
  const char* explicit_version = "";
  const char* pre = "";
  const char* hotfix = "";
  const char* expected = "";  // the version, or "error: <text in the message>"
  int since_newest = -1;      // commits since the newest tag; -1: all of `commits`
};

VersionHistory history_of(const Row& r) {
  VersionHistory h;
  for (const char* t : r.tags) h.existing.push_back(*SemVer::parse(t));
  for (const auto& v : h.existing) {
    if (!h.newest || v > *h.newest) h.newest = v;
    if (!v.is_prerelease() && (!h.last_final || v > *h.last_final)) h.last_final = v;
  }
  std::vector<ConventionalCommit> cs;
  for (size_t i = 0; i < r.commits.size(); ++i) {
    cs.push_back(parse_commit("c" + std::to_string(i), r.commits[i]));
  }
  h.bump = classify(cs).bump;
  h.commits_since_newest = r.since_newest >= 0 ? static_cast<size_t>(r.since_newest) : cs.size();
  return h;
}

VersionRequest request_of(const Row& r) {
  VersionRequest q;
  q.bump = r.bump;
  if (*r.explicit_version) q.explicit_version = SemVer::parse(r.explicit_version);
  q.pre = r.pre;
  if (*r.hotfix) q.hotfix_from = SemVer::parse(r.hotfix);
  return q;
}

}  // namespace

TEST_CASE("next version for a table of histories", "[version]") {
  const std::vector<Row> rows = {
      {"fix bumps patch", {"1.2.3"}, {"fix: a"}, "auto", "", "", "", "1.2.4"},
      {"feat bumps minor", {"1.2.3"}, {"fix: a", "feat: b"}, "auto", "", "", "", "1.3.0"},
      {"! bumps major", {"1.2.3"}, {"feat!: b", "fix: a"}, "auto", "", "", "", "2.0.0"},
      {"footer bumps major",
       {"1.2.3"},
       {"fix: a\n\nBREAKING CHANGE: gone"},
       "auto",
       "",
       "",
       "",
       "2.0.0"},
      {"perf bumps patch", {"1.2.3"}, {"perf: faster"}, "auto", "", "", "", "1.2.4"},
      {"docs and chores bump patch",
       {"1.2.3"},
       {"docs: x", "chore: y"},
       "auto",
       "",
       "",
       "",
       "1.2.4"},
      {"non-conforming bumps patch", {"1.2.3"}, {"Update stuff"}, "auto", "", "", "", "1.2.4"},
      {"0.x: breaking bumps minor", {"0.4.2"}, {"feat!: b"}, "auto", "", "", "", "0.5.0"},
      {"0.x: feat bumps minor", {"0.4.2"}, {"feat: b"}, "auto", "", "", "", "0.5.0"},
      {"0.x: fix bumps patch", {"0.4.2"}, {"fix: b"}, "auto", "", "", "", "0.4.3"},
      {"0.x: explicit major leaves 0.x", {"0.4.2"}, {"fix: b"}, "major", "", "", "", "1.0.0"},
      {"first release is 0.1.0", {}, {"feat: init", "chore: setup"}, "auto", "", "", "", "0.1.0"},
      {"first release, explicit major", {}, {"feat: init"}, "major", "", "", "", "1.0.0"},
      {"nothing to release", {"1.2.3"}, {}, "auto", "", "", "", "error: nothing to release"},
      {"only a merge and a release commit",
       {"1.2.3"},
       {"Merge branch 'release/1.2.3'", "chore(release): 1.2.3\n\nRelctl-Version: 1.2.3"},
       "auto",
       "",
       "",
       "",
       "error: 2 commits, none of them releasable"},
      {"a merge alone, with an explicit bump",
       {"1.2.3"},
       {"Merge branch 'x'"},
       "patch",
       "",
       "",
       "",
       "1.2.4"},
      {"explicit patch", {"1.2.3"}, {"feat: b"}, "patch", "", "", "", "1.2.4"},
      {"explicit minor", {"1.2.3"}, {"fix: b"}, "minor", "", "", "", "1.3.0"},
      {"explicit major", {"1.2.3"}, {"fix: b"}, "major", "", "", "", "2.0.0"},
      {"--version", {"1.2.3"}, {"fix: b"}, "auto", "1.5.0", "", "", "1.5.0"},
      {"--version that exists",
       {"1.2.3", "1.5.0"},
       {"fix: b"},
       "auto",
       "1.5.0",
       "",
       "",
       "error: already exists"},
      {"--version that goes backwards",
       {"1.2.3"},
       {"fix: b"},
       "auto",
       "1.2.0",
       "",
       "",
       "error: goes backwards"},
      {"--version equal to an existing one with other build metadata",
       {"1.2.3"},
       {"fix: b"},
       "auto",
       "1.2.3+build.7",
       "",
       "",
       "error: already exists"},
      {"first beta", {"1.2.3"}, {"feat: b"}, "auto", "", "beta", "", "1.3.0-beta.1"},
      {"betas count up",
       {"1.2.3", "1.3.0-beta.1", "1.3.0-beta.2"},
       {"fix: c", "feat: b"},
       "auto",
       "",
       "beta",
       "",
       "1.3.0-beta.3",
       1},
      {"a breaking change after a minor beta moves the beta to the next major",
       {"1.2.3", "1.3.0-beta.1"},
       {"feat!: c", "feat: b"},
       "auto",
       "",
       "beta",
       "",
       "2.0.0-beta.1",
       1},
      {"rc counts separately from beta",
       {"1.2.3", "1.3.0-beta.4"},
       {"feat: b"},
       "auto",
       "",
       "rc",
       "",
       "1.3.0-rc.1",
       0},
      {"final after betas without new commits",
       {"1.2.3", "1.3.0-beta.2"},
       {"feat: b"},
       "auto",
       "",
       "",
       "",
       "1.3.0",
       0},
      {"prerelease with nothing new since the last beta",
       {"1.2.3", "1.3.0-beta.2"},
       {"feat: b"},
       "auto",
       "",
       "beta",
       "",
       "error: nothing to release",
       0},
      {"explicit version with --pre",
       {"1.2.3"},
       {"feat: b"},
       "auto",
       "2.0.0",
       "rc",
       "",
       "2.0.0-rc.1"},
      {"hotfix from an older release",
       {"1.2.0", "1.3.0"},
       {"fix: backport"},
       "auto",
       "",
       "",
       "1.2.0",
       "1.2.1"},
      {"hotfix of a release whose next patch exists takes the first free patch",
       {"1.2.0", "1.2.1", "1.3.0"},
       {"fix: backport"},
       "auto",
       "",
       "",
       "1.2.0",
       "1.2.2"},
      {"hotfix --version below its tag",
       {"1.2.0", "1.3.0"},
       {"fix: x"},
       "auto",
       "1.1.9",
       "",
       "1.2.0",
       "error: not above"},
      {"a minor below a newer major elsewhere goes backwards",
       {"1.2.3", "2.0.0"},
       {"feat: b"},
       "auto",
       "1.3.0",
       "",
       "",
       "error: goes backwards"},
  };
  REQUIRE(rows.size() >= 20);

  for (const auto& r : rows) {
    INFO(r.name);
    const std::string expected = r.expected;
    if (expected.rfind("error: ", 0) == 0) {
      try {
        const auto got = next_version(request_of(r), history_of(r));
        FAIL("expected an error, got " << got.str());
      } catch (const relctl::GateError& e) {
        CHECK_THAT(e.what(), Catch::Contains(expected.substr(7)));
        CHECK_FALSE(e.hint().empty());
      }
    } else {
      CHECK(next_version(request_of(r), history_of(r)).str() == expected);
    }
  }
}

TEST_CASE("bump_version applies the 0.x rule only when asked", "[version]") {
  const auto v = *SemVer::parse("0.9.1");
  CHECK(bump_version(v, Bump::major, true).str() == "0.10.0");
  CHECK(bump_version(v, Bump::major, false).str() == "1.0.0");
  CHECK(bump_version(*SemVer::parse("1.3.0-beta.2"), Bump::patch, true).str() == "1.3.1");
}

TEST_CASE("an unknown bump is a usage error", "[version]") {
  CHECK_THROWS_AS(parse_bump("huge"), relctl::UsageError);
}

TEST_CASE("without release tags the version files' version is the baseline", "[version]") {
  VersionHistory h;
  h.declared = SemVer::parse("0.3.0");
  h.commits_since_newest = 2;
  h.bump = Bump::patch;
  CHECK(next_version(VersionRequest{}, h).str() == "0.3.1");
  h.bump = Bump::minor;
  CHECK(next_version(VersionRequest{}, h).str() == "0.4.0");
  h.bump = Bump::major;  // the 0.x rule
  CHECK(next_version(VersionRequest{}, h).str() == "0.4.0");

  VersionRequest minor;
  minor.bump = "minor";
  CHECK(next_version(minor, h).str() == "0.4.0");

  VersionRequest backwards;
  backwards.explicit_version = SemVer::parse("0.2.0");
  CHECK_THROWS_WITH(next_version(backwards, h),
                    Catch::Contains("goes backwards: the version files declare 0.3.0"));
}

namespace {

VersionHistory line(std::vector<const char*> everywhere, const char* last_final, const char* newest,
                    Bump bump, size_t since_newest = 1) {
  VersionHistory h;
  for (const char* v : everywhere) {
    h.existing.push_back(*SemVer::parse(v));
    h.existing_tags.push_back(std::string("v") + v);
  }
  if (*last_final) h.last_final = SemVer::parse(last_final);
  if (*newest) h.newest = SemVer::parse(newest);
  h.bump = bump;
  h.commits_since_newest = since_newest;
  return h;
}

}  // namespace

TEST_CASE("a prerelease on another line does not block a stable release", "[version]") {
  // 16.0.0-beta.1 is tagged on a beta branch; main is at 15.12.3.
  const auto h = line({"15.12.3", "16.0.0-beta.1"}, "15.12.3", "15.12.3", Bump::patch);
  const auto next = next_version({}, h);
  CHECK(next.str() == "15.12.4");
  CHECK(higher_elsewhere(next, h)->str() == "16.0.0-beta.1");

  VersionRequest explicit_minor;
  explicit_minor.explicit_version = SemVer::parse("15.13.0");
  CHECK(next_version(explicit_minor, h).str() == "15.13.0");
  // A version that exists anywhere is still refused.
  VersionRequest taken;
  taken.explicit_version = SemVer::parse("16.0.0-beta.1");
  CHECK_THROWS_WITH(next_version(taken, h), Catch::Contains("already exists: tag v16.0.0-beta.1"));
  // And nothing goes below what this branch released.
  VersionRequest backwards;
  backwards.explicit_version = SemVer::parse("15.12.0");
  CHECK_THROWS_WITH(next_version(backwards, h), Catch::Contains("goes backwards: 15.12.3"));
}

TEST_CASE("a maintenance line releases from its own latest release, inside its range",
          "[version]") {
  // 1.10.x after 1.11.0 and 2.0.0 exist on main.
  auto h = line({"1.10.0", "1.11.0", "2.0.0"}, "1.10.0", "1.10.0", Bump::patch);
  VersionRequest on_branch;
  on_branch.range = VersionRange{*SemVer::parse("1.10.0"), *SemVer::parse("1.11.0"), "1.10.x",
                                 "maintenance branch 1.10.x"};
  CHECK(next_version(on_branch, h).str() == "1.10.1");

  h.bump = Bump::minor;  // a feat on a patch line leaves it
  try {
    next_version(on_branch, h);
    FAIL("a minor on 1.10.x was accepted");
  } catch (const relctl::GateError& e) {
    CHECK_THAT(e.what(), Catch::Contains("1.11.0 is outside maintenance branch 1.10.x "
                                         "(>=1.10.0 <1.11.0)"));
    CHECK_THAT(e.hint(), Catch::Contains("relctl code-release patch"));
  }
  VersionRequest patch = on_branch;
  patch.bump = "patch";
  CHECK(next_version(patch, h).str() == "1.10.1");

  // A major line (1.x) takes a maintenance minor.
  auto major_line = line({"1.11.0", "2.0.0"}, "1.11.0", "1.11.0", Bump::minor);
  VersionRequest one_x;
  one_x.range = VersionRange{*SemVer::parse("1.0.0"), *SemVer::parse("2.0.0"), "1.x", "1.x"};
  CHECK(next_version(one_x, major_line).str() == "1.12.0");
  major_line.bump = Bump::major;
  CHECK_THROWS_WITH(next_version(one_x, major_line), Catch::Contains("2.0.0 is outside 1.x"));
}

TEST_CASE("a hotfix stays on its tag's minor line", "[version]") {
  VersionRequest r;
  r.hotfix_from = SemVer::parse("1.2.0");
  r.range = VersionRange{*SemVer::parse("1.2.0"), *SemVer::parse("1.3.0"), "1.2.x",
                         "the hotfix range of v1.2.0"};
  r.explicit_version = SemVer::parse("1.3.0");
  const auto h = line({"1.2.0", "1.3.0"}, "1.2.0", "1.2.0", Bump::patch);
  CHECK_THROWS_WITH(next_version(r, h), Catch::Contains("outside the hotfix range of v1.2.0"));
  r.explicit_version = SemVer::parse("1.2.5");
  CHECK(next_version(r, h).str() == "1.2.5");
  r.explicit_version = SemVer::parse("1.4.0");
  CHECK_THROWS_WITH(next_version(r, h), Catch::Contains("outside the hotfix range of v1.2.0"));
}

TEST_CASE("a hand-started prerelease line is continued", "[version]") {
  // 6.0.0-alpha.1 was tagged by hand over 5.2.0; the commits since 5.2.0 are feats.
  const auto h = line({"5.2.0", "6.0.0-alpha.1"}, "5.2.0", "6.0.0-alpha.1", Bump::minor);
  VersionRequest alpha;
  alpha.pre = "alpha";
  CHECK(next_version(alpha, h).str() == "6.0.0-alpha.2");
  VersionRequest beta;
  beta.pre = "beta";
  CHECK(next_version(beta, h).str() == "6.0.0-beta.1");
  CHECK(next_version({}, h).str() == "6.0.0");  // the final release of the line

  // A dotted identifier counts up behind its last part.
  const auto dotted = line({"5.2.0", "6.0.0-rc.a.3"}, "5.2.0", "6.0.0-rc.a.3", Bump::minor);
  VersionRequest rc_a;
  rc_a.pre = "rc.a";
  CHECK(next_version(rc_a, dotted).str() == "6.0.0-rc.a.4");
}

TEST_CASE("prerelease numbers start at 1, or at 0 when configured", "[version]") {
  const auto h = line({"1.2.3"}, "1.2.3", "1.2.3", Bump::minor);
  VersionRequest beta;
  beta.pre = "beta";
  CHECK(next_version(beta, h).str() == "1.3.0-beta.1");
  beta.pre_start = 0;
  CHECK(next_version(beta, h).str() == "1.3.0-beta.0");
  const auto after_zero = line({"1.2.3", "1.3.0-beta.0"}, "1.2.3", "1.3.0-beta.0", Bump::minor);
  CHECK(next_version(beta, after_zero).str() == "1.3.0-beta.1");
}

TEST_CASE("prerelease identifiers of --pre: SemVer 2.0 only", "[version]") {
  for (const char* bad : {"be ta", "01", "Beta_1", "beta..1", ".rc", "rc.", "", "bêta", "rc.007"}) {
    INFO(bad);
    CHECK_FALSE(prerelease_problem(bad).empty());
    CHECK_THROWS_AS(relctl::gates::check_prerelease_id(bad), relctl::UsageError);
  }
  CHECK_THAT(prerelease_problem("be ta"), Catch::Contains("space"));
  CHECK_THAT(prerelease_problem("01"), Catch::Contains("leading zero"));
  CHECK_THAT(prerelease_problem("Beta_1"), Catch::Contains("'_'"));
  for (const char* good : {"beta", "rc", "alpha-2", "Beta", "rc.a", "0", "x1"}) {
    INFO(good);
    CHECK(prerelease_problem(good).empty());
    CHECK_NOTHROW(relctl::gates::check_prerelease_id(good));
  }
}
