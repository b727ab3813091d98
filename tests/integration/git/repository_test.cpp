// The git adapter against real temporary repositories with a bare origin.

#include <git2.h>

#include <algorithm>

#include <catch2/catch.hpp>

#include "gates/git/push_program.hpp"
#include "relctl/core/error.hpp"
#include "relctl/git/repository.hpp"
#include "support/git_project.hpp"

using namespace relctl;
using relctl::test::GitProject;

TEST_CASE("discover finds the repository from a subfolder, or says there is none", "[git]") {
  GitProject p;
  test::write_file(p.work() / "src" / "deep" / "x.txt", "x");
  auto repo = git::Repository::discover(p.work() / "src" / "deep");
  CHECK(std::filesystem::equivalent(repo->workdir(), p.work()));
  CHECK(repo->current_branch() == "main");
  CHECK_FALSE(repo->is_shallow());
  CHECK_FALSE(repo->head_detached());

  test::TempDir elsewhere;
  CHECK_FALSE(git::Repository::try_discover(elsewhere.path()));
  try {
    git::Repository::discover(elsewhere.path());
    FAIL("expected GateError");
  } catch (const GateError& e) {
    CHECK_THAT(e.what(), Catch::Contains("not a git repository"));
    CHECK_FALSE(e.hint().empty());
  }
}

TEST_CASE("status lists modified, staged and untracked files but not ignored ones", "[git]") {
  GitProject p;
  test::write_file(p.work() / ".gitignore", "build/\n");
  p.git("add .gitignore && git commit -q -m 'chore: ignore build'");
  test::write_file(p.work() / "build" / "out.bin", "x");
  test::write_file(p.work() / "pyproject.toml", "changed\n");
  test::write_file(p.work() / "new" / "a.txt", "a");
  test::write_file(p.work() / "staged.txt", "s");
  p.git("add staged.txt");
  auto repo = git::Repository::discover(p.work());
  std::map<std::string, std::string> got;
  for (const auto& e : repo->status()) got[e.path] = e.change;
  CHECK(got == std::map<std::string, std::string>{{"new/a.txt", "untracked"},
                                                  {"pyproject.toml", "modified"},
                                                  {"staged.txt", "staged"}});
  CHECK(repo->is_ignored("build/out.bin"));
}

TEST_CASE("history: walk, ahead/behind, ancestry, files at a tag", "[git]") {
  GitProject p;
  auto repo = git::Repository::discover(p.work());
  const auto tag = repo->find_tag("code-v1.2.0");
  REQUIRE(tag);
  CHECK(tag->annotated);
  CHECK(tag->message == "Release 1.2.0\n");
  std::vector<std::string> headers;
  repo->walk(repo->head_id(), {tag->commit}, [&](const git::CommitInfo& c) {
    headers.push_back(c.message.substr(0, c.message.find('\n')));
    return true;
  });
  CHECK(headers ==
        std::vector<std::string>{"fix: crash on empty input", "feat(search): add search"});
  CHECK(repo->is_ancestor(tag->commit, repo->head_id()));
  CHECK_FALSE(repo->is_ancestor(repo->head_id(), tag->commit));
  const auto ab = repo->ahead_behind(repo->head_id(), tag->commit);
  CHECK(ab.ahead == 2);
  CHECK(ab.behind == 0);
  CHECK(repo->read_file_at("code-v1.2.0", "pyproject.toml") ==
        "[project]\nname = \"demo\"\nversion = \"1.2.0\"\n");
  CHECK_FALSE(repo->read_file_at("code-v1.2.0", "src/search.txt"));
  CHECK(repo->tags("code-v*").size() == 1);
  CHECK(repo->tags("data-*").empty());
}

TEST_CASE("tags are created annotated and deleted again", "[git]") {
  GitProject p;
  auto repo = git::Repository::discover(p.work());
  const std::string before = p.refs_state();
  const auto head = repo->head_id();
  repo->create_annotated_tag("code-v9.9.9", head, "Release 9.9.9\n", {"Rel", "rel@example.com"});
  CHECK(p.git("cat-file -t code-v9.9.9") == "tag\n");
  CHECK_THROWS_AS(repo->create_annotated_tag("code-v9.9.9", head, "again", {"Rel", "r@e.com"}),
                  GateError);
  repo->delete_tag("code-v9.9.9");
  CHECK(p.refs_state() == before);
}

TEST_CASE("commit_paths stages only the given paths, force-adds ignored ones, and can be undone",
          "[git]") {
  GitProject p;
  test::write_file(p.work() / ".gitignore", "dist/\n");
  p.git("add .gitignore && git commit -q -m 'chore: ignore dist'");
  auto repo = git::Repository::discover(p.work());
  const std::string before = p.refs_state();
  const std::string head = repo->head_id();
  const std::string index = repo->index_snapshot();

  test::write_file(p.work() / "CHANGELOG.md", "# Changelog\n\n## 1.3.0\n");
  test::write_file(p.work() / "dist" / "app.tar", "bytes");
  test::write_file(p.work() / "unrelated.txt", "not part of the release");
  CHECK_THROWS_WITH(repo->commit_paths({{"dist/app.tar", false}}, "x", {"Rel", "r@e.com"}),
                    Catch::Contains("ignored"));
  repo->restore_index(index);

  const auto id = repo->commit_paths({{"CHANGELOG.md", false}, {"dist/app.tar", true}},
                                     "chore(release): 1.3.0\n", {"Rel", "rel@example.com"});
  CHECK(repo->head_id() == id);
  CHECK(p.git("show --name-only --format= HEAD") == "CHANGELOG.md\ndist/app.tar\n");
  CHECK(p.git("log -1 --format=%an HEAD") == "Rel\n");

  repo->set_branch("main", head);
  repo->restore_index(index);
  CHECK(p.refs_state() == before);
}

TEST_CASE("the signature comes from git config, else GIT_AUTHOR_*, else a clear error", "[git]") {
  GitProject p;
  auto repo = git::Repository::discover(p.work());
  CHECK(repo->signature().name == "Rel Ease");
  p.git("config --unset user.name && git config --unset user.email");
  // No ~/.gitconfig or /etc/gitconfig of the developer's machine may answer.
  for (int level : {GIT_CONFIG_LEVEL_GLOBAL, GIT_CONFIG_LEVEL_XDG, GIT_CONFIG_LEVEL_SYSTEM}) {
    git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, level, p.root().c_str());
  }
  unsetenv("GIT_AUTHOR_NAME");
  unsetenv("GIT_AUTHOR_EMAIL");
  auto fresh = git::Repository::discover(p.work());
  try {
    fresh->signature();
    FAIL("expected GateError");
  } catch (const GateError& e) {
    CHECK_THAT(e.what(), Catch::Contains("no identity"));
    CHECK_THAT(e.hint(), Catch::Contains("user.name") && Catch::Contains("GIT_AUTHOR_NAME"));
  }
  setenv("GIT_AUTHOR_NAME", "Env Name", 1);
  setenv("GIT_AUTHOR_EMAIL", "env@example.com", 1);
  CHECK(fresh->signature().name == "Env Name");
  unsetenv("GIT_AUTHOR_NAME");
  unsetenv("GIT_AUTHOR_EMAIL");
  for (int level : {GIT_CONFIG_LEVEL_GLOBAL, GIT_CONFIG_LEVEL_XDG, GIT_CONFIG_LEVEL_SYSTEM}) {
    git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, level, nullptr);
  }
}

TEST_CASE("remotes: list, fetch without tags, push and a rejected push", "[git]") {
  GitProject p;
  auto repo = git::Repository::discover(p.work());
  const auto other = p.other_clone();
  p.git(
      "commit -q --allow-empty -m 'feat: theirs' && git tag other-tag && git push -q origin "
      "main other-tag",
      other);

  const auto refs = repo->list_remote("origin", {});
  const auto theirs = std::find_if(refs.begin(), refs.end(),
                                   [](const auto& r) { return r.name == "refs/heads/main"; });
  REQUIRE(theirs != refs.end());
  CHECK_FALSE(repo->has_commit(theirs->id));
  repo->fetch("origin", {});
  CHECK(repo->has_commit(theirs->id));
  CHECK_FALSE(repo->find_tag("other-tag"));  // a fetch never creates local tags
  CHECK(repo->ref_commit("refs/remotes/origin/main") == theirs->id);

  p.serve_origin_with_daemon();
  test::write_file(p.origin() / "hooks" / "pre-receive",
                   "#!/bin/sh\necho 'pushes are frozen today' >&2\nexit 1\n");
  std::filesystem::permissions(p.origin() / "hooks" / "pre-receive",
                               std::filesystem::perms::owner_all);
  const auto pushed = gates::git_support::push_with_git(
      p.work(), "origin", {"refs/tags/code-v1.2.0:refs/tags/code-v1.2.1"}, {}, true);
  CHECK(pushed.exit_code == 1);
  const auto& report = pushed.report;
  CHECK_FALSE(report.ok());
  REQUIRE(report.rejected.size() == 1);
  CHECK(report.rejected[0].first == "refs/tags/code-v1.2.1");
  CHECK_THAT(report.remote_output, Catch::Contains("pushes are frozen today"));
}

TEST_CASE("an unreachable remote is a dependency error (exit 3)", "[git]") {
  GitProject p;
  p.git("remote set-url origin " + (p.root() / "no-such-origin.git").string());
  auto repo = git::Repository::discover(p.work());
  try {
    repo->list_remote("origin", {});
    FAIL("expected DependencyError");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::dependency);
    CHECK_THAT(e.what(), Catch::Contains("origin"));
    CHECK_FALSE(e.hint().empty());
  }
  CHECK_THROWS_AS(repo->remote_url("upstream"), GateError);
}

TEST_CASE("a range read twice is read once: walk_since and is_ancestor answer from it", "[git]") {
  GitProject p;
  auto repo = git::Repository::discover(p.work());
  const auto tag = repo->find_tag("code-v1.2.0");
  REQUIRE(tag);
  auto headers = [&] {
    std::vector<std::string> out;
    const bool reachable = repo->walk_since(repo->head_id(), tag->commit, [&](const auto& c) {
      out.push_back(c.message.substr(0, c.message.find('\n')));
      CHECK(c.walk_size == 2);
    });
    CHECK(reachable);
    return out;
  };
  const auto first = headers();
  CHECK(first == std::vector<std::string>{"fix: crash on empty input", "feat(search): add search"});
  CHECK(headers() == first);
  CHECK(repo->is_ancestor(tag->commit, repo->head_id()));
  // Another range is walked afresh: the kept one answers only for itself.
  p.commit("feat: one more");
  auto fresh = git::Repository::discover(p.work());
  std::size_t seen = 0;
  CHECK(fresh->walk_since(fresh->head_id(), tag->commit, [&](const auto&) { ++seen; }));
  CHECK(seen == 3);
  CHECK_FALSE(fresh->walk_since(tag->commit, fresh->head_id(), [&](const auto&) { ++seen; }));
  CHECK(seen == 3);
  CHECK_FALSE(fresh->is_ancestor(fresh->head_id(), tag->commit));
}

namespace {

// The ids walk_since() gives for since..HEAD, and whether it said `since`
// is reachable.
std::pair<std::vector<std::string>, bool> walk_ids(const GitProject& p, const std::string& since) {
  auto repo = git::Repository::discover(p.work());
  std::vector<std::string> ids;
  const bool reachable = repo->walk_since(repo->head_id(), since, [&](const git::CommitInfo& c) {
    ids.push_back(c.id);
    CHECK(c.walk_size > 0);
  });
  return {ids, reachable};
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t nl = std::min(text.find('\n', at), text.size());
    if (nl > at) out.push_back(text.substr(at, nl - at));
    at = nl + 1;
  }
  return out;
}

}  // namespace

TEST_CASE(
    "walk_since reads a range without merges as git rev-list does, merges and other lines too",
    "[git]") {
  GitProject p;
  const std::string tag = p.git("rev-parse code-v1.2.0^{commit}").substr(0, 40);
  for (int i = 0; i < 5; ++i) p.commit("fix: linear " + std::to_string(i));
  // Linear: the chain of parents, newest first, exactly git's list.
  auto [linear, reachable] = walk_ids(p, tag);
  CHECK(reachable);
  CHECK(linear == lines_of(p.git("rev-list " + tag + "..HEAD")));
  CHECK(linear.size() == 7);

  // A merge in the range: the revision walk's answer, the same commits as git's.
  p.git("switch -q -c side HEAD~3");
  p.commit("feat: on the side");
  p.git("switch -q main");
  p.git("merge -q --no-ff -m \"chore: merge side\" side");
  p.commit("fix: after the merge");
  auto [merged, merged_reachable] = walk_ids(p, tag);
  CHECK(merged_reachable);
  auto expected = lines_of(p.git("rev-list " + tag + "..HEAD"));
  CHECK(merged.size() == expected.size());
  std::sort(merged.begin(), merged.end());
  std::sort(expected.begin(), expected.end());
  CHECK(merged == expected);

  // `since` on another line (not an ancestor): the linear chain reaches the
  // root without it, the revision walk answers, and says so.
  p.git("switch -q --orphan other");
  p.commit("feat: unrelated root");
  p.commit("fix: unrelated child");
  auto [other, other_reachable] = walk_ids(p, tag);
  CHECK_FALSE(other_reachable);
  CHECK(other == lines_of(p.git("rev-list " + tag + "..HEAD")));
}
