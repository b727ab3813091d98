#pragma once
// Behaving like git around relctl's commits and tags: the repository's
// hooks (core.hooksPath, [project] hooks) and signing as git's settings ask
// (commit.gpgSign, tag.gpgSign, user.signingKey, gpg.format, gpg.program),
// calling the same programs with the same arguments as git.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "relctl/core/context.hpp"
#include "relctl/git/repository.hpp"
#include "relctl/release/shape.hpp"

namespace relctl::gates::git_policy {

/// The repository's hooks as git finds them, or none under [project] hooks = "skip".
class Hooks {
 public:
  Hooks(const core::Context& ctx, git::Repository& repo);

  bool skipped() const { return skipped_; }
  /// "hooks skipped by [project] hooks = \"skip\"".
  static std::string skipped_note();
  /// The hook `name` when git would run it (present and executable).
  std::optional<std::filesystem::path> find(const std::string& name) const;
  /// Of `names`, those git would run, in that order.
  std::vector<std::string> present(const std::vector<std::string>& names) const;
  /// Runs hook `name` (if present) at the work tree's top with `args` and
  /// git's environment for commit hooks (without relctl's database URLs and
  /// secrets, as a command gate); throws GateError with its output
  /// when it fails. Returns whether it ran.
  bool must_pass(const std::string& name, const std::vector<std::string>& args = {}) const;
  /// Like must_pass, but a failure is returned as a warning, as git does
  /// for post-commit; empty when it passed or is absent.
  std::string may_fail(const std::string& name, const std::vector<std::string>& args = {}) const;

 private:
  struct Ran {
    bool ok = true;
    std::string why;
  };
  std::optional<Ran> run(const std::string& name, const std::vector<std::string>& args) const;

  git::Repository& repo_;
  bool skipped_ = false;
  std::filesystem::path dir_;
  std::vector<std::string> withheld_;  // database URLs and secrets, as for command gates
};

/// "the pre-commit and commit-msg hooks".
std::string hook_list(const std::vector<std::string>& names);

enum class Object { commit, tag };

/// How git would sign: the format, the program and the key.
struct Signing {
  std::string format;   // "openpgp" or "ssh"
  std::string program;  // "gpg", "ssh-keygen" or the configured one
  std::string key;      // user.signingKey, or the committer ident for openpgp
  /// "gpg (openpgp) as Rel Ease <rel@example.com>".
  std::string describe() const;
  /// Signs `payload` by running the program; GateError with its message.
  std::string sign(const std::string& payload) const;
};

/// Whether and how the release's `object` is signed: commit.gpgSign or
/// tag.gpgSign, or forced by [code_release] / [data_release] sign for this
/// shape. nullopt when unsigned; GateError when signing is asked but cannot
/// be set up (no key for ssh, an unknown gpg.format), naming the settings.
std::optional<Signing> signing_for(const core::Context& ctx, const git::Repository& repo,
                                   const release::ReleaseShape& shape, Object object,
                                   const git::Signature& who);

/// A Signer for the git adapter, or an empty one when unsigned.
git::Signer signer(const std::optional<Signing>& signing);

/// A file of the system's temporary folder holding `content`, removed (with
/// the `.sig` ssh-keygen writes beside it) when this goes.
class TempFile {
 public:
  explicit TempFile(const std::string& content);
  ~TempFile();
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

/// What a signing or verifying program said for a human: its lines without
/// gpg's `[GNUPG:]` status lines, joined by `separator`.
std::string program_words(const std::string& text, const std::string& separator);

/// Checks the signature of `object` (named `what` in messages) as `git tag
/// -v` does, with git's settings (gpg.program, gpg.ssh.program,
/// gpg.ssh.allowedSignersFile): returns who signed it ("Rel Ease
/// <rel@example.com>", "rel@example.com"); GateError with the program's
/// words when it is not a good signature.
std::string verify_signature(const git::Repository& repo, const git::SignedObject& object,
                             const std::string& what);

}  // namespace relctl::gates::git_policy
