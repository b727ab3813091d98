// The conventional-commit parser and the grouping of a release's commits.

#include <catch2/catch.hpp>

#include "gates/commits/conventional.hpp"

using namespace relctl::gates::commits;

TEST_CASE("conventional headers are parsed into type, scope, subject", "[version]") {
  auto c = parse_commit("a1", "feat(cli): add --json output\n\nbody text\n");
  CHECK(c.conforming);
  CHECK(c.type == "feat");
  CHECK(c.scope == "cli");
  CHECK(c.subject == "add --json output");
  CHECK_FALSE(c.breaking);
  CHECK(bump_of(c) == Bump::minor);

  c = parse_commit("a2", "Fix: crash on empty input");
  CHECK(c.conforming);
  CHECK(c.type == "fix");
  CHECK(bump_of(c) == Bump::patch);
}

TEST_CASE("breaking changes come from ! or a BREAKING CHANGE footer", "[version]") {
  auto bang = parse_commit("b1", "refactor(api)!: drop the v1 endpoints");
  CHECK(bang.breaking);
  CHECK(bang.type == "refactor");
  CHECK(bump_of(bang) == Bump::major);

  auto footer = parse_commit("b2",
                             "feat: new config format\n\nLonger text.\n\nBREAKING CHANGE: the old "
                             "keys are gone\nand must be renamed\nRefs: #12\n");
  CHECK(footer.breaking);
  CHECK(footer.breaking_note == "the old keys are gone and must be renamed");
  CHECK(bump_of(footer) == Bump::major);

  auto dash = parse_commit("b3", "fix: x\n\nBREAKING-CHANGE: y\n");
  CHECK(dash.breaking);

  auto mention = parse_commit("b4", "docs: explain what a BREAKING CHANGE: footer is");
  CHECK_FALSE(mention.breaking);
}

TEST_CASE("non-conforming headers are kept as they are", "[version]") {
  for (const char* msg : {"Update README", "feat:missing space", "feat(): empty scope",
                          "(scope): no type", "feat(cli: unclosed", "feat: ", "123: digits"}) {
    INFO(msg);
    auto c = parse_commit("c", msg);
    CHECK_FALSE(c.conforming);
    CHECK(c.subject == c.header);
    CHECK(bump_of(c) == Bump::patch);
  }
}

TEST_CASE("merge commits count for nothing, their commits count", "[version]") {
  CHECK(parse_commit("m1", "Merge pull request #3 from x/y\n\nfeat: z", 2).merge);
  CHECK(parse_commit("m2", "Merge branch 'feature'").merge);
  CHECK(parse_commit("m3", "feat: squash-merged title", 2).merge);
  const auto changes = classify({parse_commit("m", "Merge branch 'x'", 2),
                                 parse_commit("f", "feat: x"), parse_commit("g", "fix: y")});
  CHECK(changes.commits == 2);
  CHECK(changes.bump == Bump::minor);
}

TEST_CASE("a revert and the commit it reverts cancel out inside one release", "[version]") {
  const auto feat = parse_commit("1111111aaaa", "feat: risky thing");
  const auto revert = parse_commit(
      "2222222bbbb", "Revert \"feat: risky thing\"\n\nThis reverts commit 1111111aaaa.\n");
  CHECK(revert.revert);
  CHECK(revert.reverted_id == "1111111aaaa");
  const auto fix = parse_commit("3333333cccc", "fix: small thing");

  const auto both = classify({fix, revert, feat});  // newest first
  CHECK(both.commits == 1);
  CHECK(both.bump == Bump::patch);
  REQUIRE(both.kept.size() == 1);
  CHECK(both.kept[0].id == "3333333cccc");

  // Reverting something from an earlier release is a change of its own.
  const auto alone = classify({revert, fix});
  CHECK(alone.commits == 2);
  CHECK(alone.kept[0].revert);
  CHECK(alone.bump == Bump::patch);
}

TEST_CASE("classify keeps every change, newest first, and the highest bump", "[version]") {
  const auto changes = classify({
      parse_commit("1", "feat(ui)!: new layout"),
      parse_commit("2", "feat: search"),
      parse_commit("3", "fix(db): leak"),
      parse_commit("4", "perf: faster start"),
      parse_commit("5", "docs: typo"),
      parse_commit("6", "Tweak things"),
  });
  REQUIRE(changes.kept.size() == 6);
  CHECK(changes.kept.front().id == "1");
  CHECK(changes.kept.back().id == "6");
  CHECK(changes.bump == Bump::major);
  CHECK(changes.commits == 6);
}

// --- Breaking changes as real projects write them ---------------------------

TEST_CASE("breaking-change variants are read as breaking and reported as non-standard",
          "[version][commits]") {
  struct Case {
    const char* message;
    const char* note;
  };
  for (const Case& c : std::vector<Case>{
           {"feat: x\n\nBREAKING CHANGES: the API moved", "the API moved"},
           {"feat: x\n\nBREAKING CHANGE\n\nThe API moved\nto /v2.\n", "The API moved to /v2."},
           {"feat: squashed (#42)\n\n* feat: a\n\n* BREAKING CHANGE: flags renamed\n\n* fix: b\n",
            "flags renamed"},
           {"fix: y\n\n  - BREAKING CHANGE: indented bullet", "indented bullet"},
           {"feat: z\n\n## BREAKING CHANGES\n\nold keys are gone\n", "old keys are gone"},
       }) {
    INFO(c.message);
    const auto commit = parse_commit("a", c.message);
    CHECK(commit.breaking);
    CHECK(commit.breaking_note == c.note);
    CHECK(bump_of(commit) == Bump::major);
    CHECK(commit.nonstandard.size() == 1);
  }
  // The standard footers are not reported.
  for (const char* std_form :
       {"feat: x\n\nBREAKING CHANGE: y", "feat: x\n\nBREAKING-CHANGE: y", "feat!: x"}) {
    INFO(std_form);
    const auto commit = parse_commit("b", std_form);
    CHECK(commit.breaking);
    CHECK(commit.nonstandard.empty());
  }
  // Prose that mentions breaking changes is not a marker; lower case is not either.
  for (const char* prose : {"docs: x\n\nNo BREAKING CHANGE here", "fix: x\n\nbreaking change: no",
                            "docs: x\n\nBREAKING CHANGEs are listed below"}) {
    INFO(prose);
    CHECK_FALSE(parse_commit("c", prose).breaking);
  }
}

TEST_CASE("a squash merge whose body carries a BREAKING CHANGE bumps major: 7.6.1 -> 8.0.0",
          "[version][commits]") {
  const auto changes = classify({parse_commit(
      "d1", "fix: handle timeouts (#812)\n\n* fix: retry\n* BREAKING CHANGE: drop node 14\n")});
  CHECK(changes.bump == Bump::major);
}

TEST_CASE("a header that is not conventional says why", "[version][commits]") {
  struct Case {
    const char* header;
    const char* problem;
  };
  for (const Case& c : std::vector<Case>{
           {"Update README", "does not start with a type"},
           {"feat:missing space", "must be followed by a space"},
           {"feat(): empty scope", "scope in '()' is empty"},
           {"feat(cli: unclosed", "no closing ')'"},
           {"feat: ", "description after ': ' is empty"},
           {"123: digits", "does not start with a type"},
           {"", "empty"},
       }) {
    INFO(c.header);
    const auto commit = parse_commit("p", c.header);
    CHECK_FALSE(commit.conforming);
    CHECK_THAT(commit.problem, Catch::Contains(c.problem));
  }
  CHECK(parse_commit("q", "feat(cli)!: fine").problem.empty());
}

// --- Reverts ----------------------------------------------------------------

TEST_CASE("a revert of a revert restores the change", "[version][commits]") {
  const auto feat = parse_commit("aaaaaaa0001", "feat: risky thing");
  const auto revert = parse_commit(
      "bbbbbbb0002", "Revert \"feat: risky thing\"\n\nThis reverts commit aaaaaaa0001.\n");
  const auto again =
      parse_commit("ccccccc0003",
                   "Revert \"Revert \"feat: risky thing\"\"\n\nThis reverts commit bbbbbbb0002.\n");
  const auto restored = classify({again, revert, feat});
  REQUIRE(restored.kept.size() == 1);
  CHECK(restored.kept[0].id == "aaaaaaa0001");
  CHECK(restored.bump == Bump::minor);

  // And a third revert takes it back again.
  const auto third =
      parse_commit("ddddddd0004",
                   "Revert \"Revert \"Revert \"feat: risky thing\"\"\"\n\nThis reverts "
                   "commit ccccccc0003.\n");
  const auto gone = classify({third, again, revert, feat, parse_commit("eeeeeee0005", "fix: x")});
  REQUIRE(gone.kept.size() == 1);
  CHECK(gone.kept[0].id == "eeeeeee0005");
  CHECK(gone.bump == Bump::patch);
}

TEST_CASE("a revert naming a commit id from before a rebase matches by its header",
          "[version][commits]") {
  const auto chore = parse_commit("1234567aaaa", "chore!: drop the old config");
  const auto revert = parse_commit("7654321bbbb",
                                   "Revert \"chore!: drop the old config\"\n\nThis reverts commit "
                                   "0ff1ce0ff1ce0ff1ce0ff1ce0ff1ce0ff1ce0ff1.\n");
  const auto changes = classify({revert, chore, parse_commit("9999999cccc", "fix: y")});
  REQUIRE(changes.kept.size() == 1);
  CHECK_FALSE(changes.kept[0].breaking);
  CHECK(changes.bump == Bump::patch);

  // `revert: <header>` (Angular style) and a squash merge's "(#12)" match too.
  const auto squashed = parse_commit("3333333dddd", "feat(ui): dark mode (#12)");
  const auto angular = parse_commit("4444444eeee", "revert: feat(ui): dark mode");
  CHECK(classify({angular, squashed}).empty());
}

TEST_CASE("relctl's own release commits count for nothing", "[version][commits]") {
  const auto release =
      parse_commit("r1", "chore(release): 1.3.0\n\nRelctl-Run: 01ABC\nRelctl-Version: 1.3.0\n");
  CHECK(release.release);
  CHECK(bump_of(release) == Bump::none);
  CHECK(classify({release}).empty());
}
