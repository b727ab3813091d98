// Behaving like git around relctl's commits and tags: the repository's
// pre-commit, commit-msg and post-commit hooks (core.hooksPath honoured,
// [project] hooks = "skip"), and signing with commit.gpgSign, tag.gpgSign,
// user.signingKey and gpg.format (a throwaway GnuPG key and SSH key);
// `git tag -v` and `git verify-commit` check the result.

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/git_project.hpp"
#include "support/signing_keys.hpp"

using namespace relctl::test;

namespace {

void write_hook(const fs::path& path, const std::string& body) {
  fs::create_directories(path.parent_path());
  write_file(path, "#!/bin/sh\n" + body);
  fs::permissions(path, fs::perms::owner_all | fs::perms::group_read | fs::perms::others_read);
}

// Refs, HEAD, the index's bytes and every work tree file: what an undone
// release must leave as it found (loose objects it wrote are unreachable,
// as after a failed `git commit`).
std::string refs_and_files(const GitProject& p) {
  const std::string s = p.full_state();
  const auto objects = s.find("\n--- objects\n");
  const auto files = s.find("\n--- files\n");
  return s.substr(0, objects) + s.substr(files);
}

}  // namespace

TEST_CASE("a failing pre-commit hook stops the code release and everything is undone",
          "[e2e][git][hooks]") {
  GitProject p;
  write_hook(p.work() / ".git/hooks/pre-commit",
             "echo \"lint says no to $(git diff --cached --name-only | tr '\\n' ' ')\" >&2\n"
             "test -n \"$GIT_INDEX_FILE\" || echo 'no GIT_INDEX_FILE' >&2\nexit 1\n");
  const std::string before = refs_and_files(p);
  const auto r = p.relctl({"code-release"});
  INFO(output(r));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Catch::Contains("failed  git.commit"));
  CHECK_THAT(output(r), Catch::Contains("pre-commit hook"));
  CHECK_THAT(output(r), Catch::Contains("lint says no to CHANGELOG.md pyproject.toml"));
  CHECK_THAT(output(r), !Catch::Contains("no GIT_INDEX_FILE"));
  CHECK_THAT(r.out, Catch::Contains("undone  version.files"));
  CHECK(refs_and_files(p) == before);
  CHECK(p.git("for-each-ref", p.origin()).find("code-v1.3.0") == std::string::npos);
}

TEST_CASE("a failing commit-msg hook stops the code release and everything is undone",
          "[e2e][git][hooks]") {
  GitProject p;
  write_hook(p.work() / ".git/hooks/commit-msg",
             "head -1 \"$1\" | sed 's/^/refused: /' >&2\nexit 3\n");
  const std::string before = refs_and_files(p);
  const auto r = p.relctl({"code-release"});
  INFO(output(r));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Catch::Contains("failed  git.commit"));
  CHECK_THAT(output(r), Catch::Contains("commit-msg hook"));
  CHECK_THAT(output(r), Catch::Contains("refused: chore(release): 1.3.0"));
  CHECK(refs_and_files(p) == before);
}

TEST_CASE(
    "hooks run at the work tree top, commit-msg may rewrite the message, a failing "
    "post-commit only warns",
    "[e2e][git][hooks]") {
  GitProject p;
  write_hook(p.work() / ".git/hooks/pre-commit", "pwd > .git/pre-commit-ran\n");
  write_hook(p.work() / ".git/hooks/commit-msg",
             "git interpret-trailers --in-place --trailer 'Reviewed-by: Hook <hook@example.com>' "
             "\"$1\"\n");
  write_hook(p.work() / ".git/hooks/post-commit",
             "git rev-parse HEAD > .git/post-commit-saw\necho 'post says oops' >&2\nexit 1\n");
  fs::create_directories(p.work() / "sub");
  RunOptions o;
  o.cwd = p.work() / "sub";
  const auto r = p.relctl({"code-release"}, o);
  INFO(output(r));
  REQUIRE(r.exit_code == 0);
  CHECK(read_file(p.work() / ".git/pre-commit-ran") == fs::canonical(p.work()).string() + "\n");
  const std::string message = p.git("log -1 --format=%B main", p.origin());
  CHECK_THAT(message, Catch::StartsWith("chore(release): 1.3.0\n"));
  CHECK_THAT(message, Catch::Contains("\nReviewed-by: Hook <hook@example.com>"));
  CHECK_THAT(message, !Catch::Contains("\n\nReviewed-by"));  // in relctl's trailer block
  CHECK(read_file(p.work() / ".git/post-commit-saw") == p.git("rev-parse main", p.origin()));
  CHECK_THAT(output(r), Catch::Contains("post-commit hook failed"));
  CHECK_THAT(output(r), Catch::Contains("post says oops"));
}

TEST_CASE("core.hooksPath relative to the work tree top is honoured", "[e2e][git][hooks]") {
  GitProject p;
  write_hook(p.work() / ".git/hooks/pre-commit", "exit 0\n");
  write_hook(p.work() / "githooks/pre-commit", "echo 'from githooks' >&2\nexit 1\n");
  p.git("add githooks && git commit -q -m 'chore: hooks' && git push -q origin main");
  p.git("config core.hooksPath githooks");
  const auto r = p.relctl({"code-release"});
  INFO(output(r));
  CHECK(r.exit_code == 1);
  CHECK_THAT(output(r), Catch::Contains("from githooks"));
}

TEST_CASE("[project] hooks = skip runs no hook and says so", "[e2e][git][hooks]") {
  GitProject p;
  sh("sed -i 's/^name = \"demo\"/name = \"demo\"\\nhooks = \"skip\"/' relctl.toml", p.work());
  p.git("commit -q -am 'chore: skip hooks' && git push -q origin main");
  write_hook(p.work() / ".git/hooks/pre-commit", "exit 1\n");
  write_hook(p.work() / ".git/hooks/commit-msg", "exit 1\n");
  write_hook(p.work() / ".git/hooks/pre-push", "exit 1\n");
  const auto r = p.relctl({"code-release", "--json"});
  INFO(output(r));
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("hooks skipped by [project] hooks = \\\"skip\\\""));
  const auto doc = nlohmann::json::parse(r.out);
  for (const auto& g : doc.at("gates")) {
    if (g.at("id") == "git.push")
      CHECK(g.at("details").at("hooks") == "hooks skipped by [project] hooks = \"skip\"");
  }
  CHECK(p.git("ls-remote --tags origin").find("code-v1.3.0") != std::string::npos);
}

TEST_CASE("an unknown [project] hooks value is a config error with a did-you-mean",
          "[e2e][git][hooks]") {
  GitProject p("", false);
  sh("sed -i 's/^name = \"demo\"/name = \"demo\"\\nhooks = \"skipp\"/' relctl.toml", p.work());
  const auto r = p.relctl({"code-release", "--dry-run"});
  INFO(output(r));
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("hooks"));
  CHECK_THAT(r.err, Catch::Contains("did you mean \"skip\"?"));
}

TEST_CASE("a dry run runs no hook and signs nothing but says it would", "[e2e][git][hooks]") {
  GitProject p;
  GnupgHome gpg;
  write_hook(p.work() / ".git/hooks/pre-commit", "touch .git/hook-ran\n");
  write_hook(p.work() / ".git/hooks/commit-msg", "touch .git/hook-ran\n");
  p.git("config commit.gpgSign true && git config tag.gpgSign true");
  const std::string before = p.full_state();
  RunOptions o;
  o.env["GNUPGHOME"] = gpg.path().string();
  const auto r = p.relctl({"code-release", "--dry-run"}, o);
  INFO(output(r));
  REQUIRE(r.exit_code == 0);
  CHECK(!fs::exists(p.work() / ".git/hook-ran"));
  CHECK(p.full_state() == before);
  CHECK_THAT(r.out, Catch::Contains("would run the pre-commit and commit-msg hooks"));
  CHECK_THAT(r.out, Catch::Contains("signed with gpg (openpgp) as Rel Ease <rel@example.com>"));
}

TEST_CASE("commit.gpgSign and tag.gpgSign with a GnuPG key: git tag -v and git verify-commit pass",
          "[e2e][git][signing]") {
  GitProject p;
  GnupgHome gpg;
  p.git("config commit.gpgSign true && git config tag.gpgSign true");
  RunOptions o;
  o.env["GNUPGHOME"] = gpg.path().string();
  const auto r = p.relctl({"code-release"}, o);
  INFO(output(r));
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("signed with gpg (openpgp)"));
  const std::string tag = sh(gpg.env() + "git tag -v code-v1.3.0 2>&1", p.origin());
  CHECK_THAT(tag, Catch::Contains("Good signature from \"Rel Ease <rel@example.com>\""));
  CHECK_THAT(tag, Catch::Contains("Relctl-Version: 1.3.0"));
  const std::string commit = sh(gpg.env() + "git verify-commit main 2>&1", p.origin());
  CHECK_THAT(commit, Catch::Contains("Good signature"));
}

TEST_CASE("gpg.format ssh with user.signingKey a key file: git tag -v and git verify-commit pass",
          "[e2e][git][signing]") {
  GitProject p;
  SshKey key;
  p.git(
      "config commit.gpgSign true && git config tag.gpgSign true && "
      "git config gpg.format ssh && git config user.signingKey " +
      key.key().string() + " && git config gpg.ssh.allowedSignersFile " +
      key.allowed_signers().string());
  const auto r = p.relctl({"code-release"});
  INFO(output(r));
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("signed with ssh-keygen (ssh)"));
  const std::string verify = "git -c gpg.ssh.allowedSignersFile=" + key.allowed_signers().string();
  const std::string tag = sh(verify + " tag -v code-v1.3.0 2>&1", p.origin());
  CHECK_THAT(tag, Catch::Contains("Good \"git\" signature for rel@example.com"));
  const std::string commit = sh(verify + " verify-commit main 2>&1", p.origin());
  CHECK_THAT(commit, Catch::Contains("Good \"git\" signature for rel@example.com"));
}

TEST_CASE(
    "[code_release] sign = true without a key fails the dry run and the real run, naming "
    "the settings",
    "[e2e][git][signing]") {
  GitProject p("sign = true\n");
  p.git("config gpg.format ssh");
  const std::string before = refs_and_files(p);
  for (const bool dry : {true, false}) {
    std::vector<std::string> args = {"code-release"};
    if (dry) args.emplace_back("--dry-run");
    const auto r = p.relctl(args);
    INFO(output(r));
    CHECK(r.exit_code == 1);
    CHECK_THAT(output(r), Catch::Contains("[code_release] sign = true"));
    CHECK_THAT(output(r), Catch::Contains("user.signingKey"));
  }
  CHECK(refs_and_files(p) == before);
}

TEST_CASE("a signing failure fails the release with the signing program's message and undoes it",
          "[e2e][git][signing]") {
  GitProject p;
  GnupgHome gpg;
  p.git("config tag.gpgSign true && git config user.signingKey nobody@example.invalid");
  const std::string before = refs_and_files(p);
  RunOptions o;
  o.env["GNUPGHOME"] = gpg.path().string();
  const auto r = p.relctl({"code-release"}, o);
  INFO(output(r));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Catch::Contains("failed  git.tag"));
  CHECK_THAT(output(r), Catch::Contains("gpg failed to sign"));
  CHECK_THAT(output(r), Catch::Contains("nobody@example.invalid"));
  CHECK_THAT(r.out, Catch::Contains("undone  git.commit"));
  CHECK(refs_and_files(p) == before);
}

TEST_CASE("hooks and git push get no database URL or secret of relctl's environment",
          "[e2e][git][hooks][secrets]") {
  const std::string password = "Tr0ub4dor&3!";
  GitProject p("\n[databases.warehouse]\nurl_env = \"WAREHOUSE_URL\"\n");
  const fs::path seen = p.root() / "seen";
  fs::create_directories(seen);
  for (const char* hook :
       {"pre-commit", "prepare-commit-msg", "commit-msg", "post-commit", "pre-push"}) {
    write_hook(p.work() / ".git/hooks" / hook, "env > " + (seen / hook).string() + "\n");
  }
  RunOptions o;
  o.env = {{"WAREHOUSE_URL", "postgresql://app:" + password + "@db.example/dw"},
           {"OTHER_DB", "postgres://u:" + password + "@db.example/x"},
           {"DEPLOY_TOKEN", password},
           {"GH_TOKEN", "gh-token-for-helpers"},
           {"PLAIN_SETTING", "visible"}};
  const auto r = p.relctl({"code-release"}, o);
  INFO(output(r));
  REQUIRE(r.exit_code == 0);
  for (const char* hook :
       {"pre-commit", "prepare-commit-msg", "commit-msg", "post-commit", "pre-push"}) {
    INFO(hook);
    REQUIRE(fs::exists(seen / hook));
    const std::string env = read_file(seen / hook);
    CHECK_THAT(env, Catch::Contains("PLAIN_SETTING=visible"));
    CHECK_THAT(env, !Catch::Contains(password) && !Catch::Contains("WAREHOUSE_URL=") &&
                        !Catch::Contains("OTHER_DB=") && !Catch::Contains("DEPLOY_TOKEN="));
    // A credential helper of `git push` may read a push token: only commit hooks lose it.
    CHECK(env.find("GH_TOKEN=") ==
          (std::string(hook) == "pre-push" ? env.find("GH_TOKEN=") : std::string::npos));
  }
  CHECK_THAT(output(r), !Catch::Contains(password));
  CHECK_THAT(p.relctl({"history", "--json", "--limit", "5"}).out, !Catch::Contains(password));
  for (const auto& e : fs::recursive_directory_iterator(p.work() / ".relctl")) {
    INFO(e.path());
    if (e.is_regular_file()) CHECK_THAT(read_file(e.path()), !Catch::Contains(password));
  }
}

TEST_CASE("a dry run with OpenPGP signing fails when gpg has no secret key for user.signingKey",
          "[e2e][git][signing]") {
  GitProject p;
  GnupgHome gpg;
  p.git("config tag.gpgSign true && git config user.signingKey nobody@example.invalid");
  const std::string before = p.full_state();
  RunOptions o;
  o.env["GNUPGHOME"] = gpg.path().string();
  auto r = p.relctl({"code-release", "--dry-run"}, o);
  INFO(output(r));
  CHECK(r.exit_code == 1);
  CHECK_THAT(output(r), Catch::Contains("nobody@example.invalid") &&
                            Catch::Contains("has no secret key") &&
                            Catch::Contains("git config tag.gpgSign is true"));
  CHECK(p.full_state() == before);
  // With the key gpg holds, the dry run passes.
  p.git("config --unset user.signingKey");
  r = p.relctl({"code-release", "--dry-run"}, o);
  INFO(output(r));
  CHECK(r.exit_code == 0);
  CHECK(p.full_state() == before);
}
