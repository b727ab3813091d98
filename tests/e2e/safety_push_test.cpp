// The push is the point of no return: one atomic push through a git://
// origin whose server hooks run (all refs or none), the local pre-push hook,
// and Ctrl-C during a slow push (the push finishes, the remote's refs say
// what stands).

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/git_project.hpp"

using namespace relctl::test;
using Catch::Contains;
using json = nlohmann::json;

namespace {

void hook(const fs::path& file, const std::string& body) {
  fs::create_directories(file.parent_path());
  write_file(file, "#!/bin/sh\n" + body);
  fs::permissions(file, fs::perms::owner_all);
}

// The origin's refs, as its bare repository holds them.
std::string origin_refs(const GitProject& p) {
  return p.git("for-each-ref --format='%(refname) %(objectname)'", p.origin());
}

// A release refused or stopped before anything was sent: the clone and
// origin exactly as before, the run undone.
void check_nothing_left(const GitProject& p, const ProcessResult& r, const std::string& local,
                        const std::string& files, const std::string& remote) {
  CHECK_THAT(r.out, Contains("undone  git.tag") && Contains("undone  git.commit") &&
                        Contains("undone  changelog.write"));
  CHECK(p.refs_state() == local);
  const std::string now = p.full_state();
  CHECK(now.substr(now.find("--- files")) == files);
  CHECK(origin_refs(p) == remote);
}

struct Before {
  std::string local, files, remote;
  explicit Before(const GitProject& p)
      : local(p.refs_state()),
        files(p.full_state().substr(p.full_state().find("--- files"))),
        remote(origin_refs(p)) {}
};

}  // namespace

TEST_CASE("push: origin refusing the tag leaves origin without the branch too",
          "[e2e][git][safety][push]") {
  GitProject p;
  p.serve_origin_with_daemon();
  p.git("fetch -q origin");
  // Per-ref protection, as a forge's protected tags: the update hook.
  hook(p.origin() / "hooks" / "update",
       "case \"$1\" in refs/tags/*) echo \"tag $1 is protected\" >&2; exit 1;; esac\n");
  const Before before(p);

  const auto r = p.relctl({"code-release"});
  INFO(output(r));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Contains("failed  git.push") && Contains("rejected the push"));
  CHECK_THAT(r.out, Contains("code-v1.3.0 (hook declined)"));
  CHECK_THAT(r.out, Contains("main (refused with it: atomic push failure)"));
  CHECK_THAT(r.out, Contains("tag refs/tags/code-v1.3.0 is protected"));
  check_nothing_left(p, r, before.local, before.files, before.remote);
}

TEST_CASE("push: origin refusing the branch leaves origin without the tag too",
          "[e2e][git][safety][push]") {
  GitProject p;
  p.serve_origin_with_daemon();
  p.git("fetch -q origin");
  hook(p.origin() / "hooks" / "update",
       "case \"$1\" in refs/heads/main) echo 'main is protected: open a pull request' >&2; "
       "exit 1;; esac\n");
  const Before before(p);

  const auto r = p.relctl({"code-release"});
  INFO(output(r));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Contains("main (hook declined)"));
  CHECK_THAT(r.out, Contains("code-v1.3.0 (refused with it: atomic push failure)"));
  CHECK_THAT(r.out, Contains("main is protected: open a pull request"));
  check_nothing_left(p, r, before.local, before.files, before.remote);
}

TEST_CASE("push: a remote without atomic pushes is refused before anything is sent",
          "[e2e][git][safety][push]") {
  GitProject p;
  p.serve_origin_with_daemon();
  p.git("fetch -q origin");
  p.git("config receive.advertiseAtomic false", p.origin());
  const Before before(p);

  const auto r = p.relctl({"code-release"});
  INFO(output(r));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Contains("cannot take a push atomically (all refs or none)"));
  CHECK_THAT(r.out, Contains("git push origin main && git push origin code-v1.3.0"));
  check_nothing_left(p, r, before.local, before.files, before.remote);
}

TEST_CASE("push: a failing pre-push hook (core.hooksPath) stops the release and undoes it",
          "[e2e][git][safety][push]") {
  GitProject p;
  p.serve_origin_with_daemon();
  p.git("fetch -q origin");
  hook(p.root() / "hooks" / "pre-push",
       "echo \"pre-push: tests must pass before pushing to $1\" >&2\nexit 1\n");
  p.git("config core.hooksPath '" + (p.root() / "hooks").string() + "'");
  const Before before(p);

  const auto r = p.relctl({"code-release"});
  INFO(output(r));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Contains("failed  git.push") && Contains("the pre-push hook") &&
                        Contains("refused the push"));
  CHECK_THAT(r.out, Contains("pre-push: tests must pass before pushing to origin"));
  check_nothing_left(p, r, before.local, before.files, before.remote);
}

TEST_CASE("push: Ctrl-C while origin's pre-receive hook runs lets the push finish",
          "[e2e][git][safety][push]") {
  GitProject p;
  p.serve_origin_with_daemon();
  p.git("fetch -q origin");
  const fs::path pushing = p.root() / "pushing";
  hook(p.origin() / "hooks" / "pre-receive",
       "cat >/dev/null\ntouch '" + pushing.string() + "'\nsleep 2\n");

  RunOptions o;
  o.interrupt_when_exists = pushing;
  const auto r = p.relctl({"code-release"}, o);
  INFO(output(r));
  // The release is public: nothing of it is undone, the run says so.
  CHECK(r.exit_code == 130);
  CHECK_THAT(r.out, Contains("passed  git.push") &&
                        Contains("Ctrl-C arrived during the push; origin confirms it has them"));
  CHECK_THAT(output(r), Contains("interrupted after git.push: the release is public and stands"));
  CHECK_THAT(r.out, !Contains("  undone  "));
  const std::string local_main = p.git("rev-parse main");
  const std::string local_tag = p.git("rev-parse code-v1.3.0");
  CHECK(p.git("rev-parse main", p.origin()) == local_main);
  CHECK(p.git("rev-parse code-v1.3.0", p.origin()) == local_tag);
  CHECK_THAT(read_file(p.work() / "pyproject.toml"), Contains("version = \"1.3.0\""));
  CHECK_THAT(read_file(p.work() / "CHANGELOG.md"), Contains("1.3.0"));
  CHECK(p.git("status --porcelain --untracked-files=no").empty());

  // The ledger: interrupted, with the push recorded as done.
  const auto h = p.relctl({"history", "--json"});
  REQUIRE(h.exit_code == 0);
  const json run = json::parse(h.out)["runs"][0];
  CHECK(run["status"] == "interrupted");
  CHECK(run["exit_code"] == 130);
  bool pushed = false;
  for (const auto& g : run["gates"]) {
    if (g["id"] == "git.push") pushed = g["status"] == "passed";
  }
  CHECK(pushed);
}

TEST_CASE("push: Ctrl-C while origin takes its time and then refuses undoes the release",
          "[e2e][git][safety][push]") {
  GitProject p;
  p.serve_origin_with_daemon();
  p.git("fetch -q origin");
  const fs::path pushing = p.root() / "pushing";
  hook(p.origin() / "hooks" / "pre-receive",
       "cat >/dev/null\ntouch '" + pushing.string() + "'\nsleep 2\necho 'frozen' >&2\nexit 1\n");
  const Before before(p);

  RunOptions o;
  o.interrupt_when_exists = pushing;
  const auto r = p.relctl({"code-release"}, o);
  INFO(output(r));
  CHECK(r.exit_code == 130);
  CHECK_THAT(output(r), !Contains("interrupted after git.push"));
  check_nothing_left(p, r, before.local, before.files, before.remote);
}

TEST_CASE("push: without the git program the dry run and the real run fail alike",
          "[e2e][git][safety][push]") {
  GitProject p;
  const Before before(p);
  RunOptions o;
  o.env["PATH"] = (p.root() / "no-git").string();
  const auto dry = p.relctl({"code-release", "--dry-run"}, o);
  const auto real = p.relctl({"code-release"}, o);
  INFO(output(dry) << output(real));
  CHECK(dry.exit_code == 1);
  CHECK(real.exit_code == 1);
  for (const auto* r : {&dry, &real}) {
    CHECK_THAT(r->out, Contains("failed  git.push") &&
                           Contains("the git program is not installed (not found on PATH)"));
  }
  check_nothing_left(p, real, before.local, before.files, before.remote);
}
