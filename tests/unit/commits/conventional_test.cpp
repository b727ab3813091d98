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
  CHECK(both.features.empty());
  CHECK(both.other.empty());

  // Reverting something from an earlier release is a change of its own.
  const auto alone = classify({revert, fix});
  CHECK(alone.commits == 2);
  CHECK(alone.other.size() == 1);
  CHECK(alone.bump == Bump::patch);
}

TEST_CASE("classify groups commits as the changelog shows them", "[version]") {
  const auto changes = classify({
      parse_commit("1", "feat(ui)!: new layout"),
      parse_commit("2", "feat: search"),
      parse_commit("3", "fix(db): leak"),
      parse_commit("4", "perf: faster start"),
      parse_commit("5", "docs: typo"),
      parse_commit("6", "Tweak things"),
  });
  CHECK(changes.breaking.size() == 1);
  CHECK(changes.features.size() == 1);
  CHECK(changes.fixes.size() == 1);
  CHECK(changes.performance.size() == 1);
  CHECK(changes.other.size() == 2);
  CHECK(changes.bump == Bump::major);
  CHECK(changes.commits == 6);
}
