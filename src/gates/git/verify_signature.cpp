// Checking a signature as `git tag -v` does, by running the same programs:
// `gpg --keyid-format=long --status-fd=1 --verify SIGFILE -` with the signed
// bytes on stdin (a GOODSIG status line is a good signature), or for SSH
// signatures `ssh-keygen -Y find-principals` and `ssh-keygen -Y verify -n
// git` against gpg.ssh.allowedSignersFile.

#include <unistd.h>

#include <cstdlib>

#include "gates/git/policy.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/output_file.hpp"
#include "relctl/process/process.hpp"

namespace relctl::gates::git_policy {

namespace fs = std::filesystem;

namespace {

process::Result run_verifier(std::vector<std::string> argv, const std::string& input) {
  process::Spec spec;
  spec.argv = std::move(argv);
  spec.input = input;
  spec.separate_stderr = true;
  spec.timeout = std::chrono::minutes(1);
  const process::Result r = process::run(spec);
  if (r.interrupted) throw Interrupted();
  return r;
}

std::string verify_openpgp(const git::Repository& repo, const git::SignedObject& object,
                           const std::string& what) {
  const std::string program = repo.config_string("gpg.openpgp.program")
                                  .value_or(repo.config_string("gpg.program").value_or("gpg"));
  const TempFile sig(object.signature);
  const auto r = run_verifier(
      {program, "--keyid-format=long", "--status-fd=1", "--verify", sig.path().string(), "-"},
      object.payload);
  const auto good = r.output.find("[GNUPG:] GOODSIG ");
  if (r.exit_code != 0 || good == std::string::npos ||
      r.output.find("[GNUPG:] BADSIG ") != std::string::npos) {
    throw GateError(
        what + " has no good signature: " + program + " says: " + program_words(r.errors, "; "),
        "import the signer's public key (`gpg --import`), or make a new signed "
        "release");
  }
  // "[GNUPG:] GOODSIG <long key id> <user id>"
  const auto line_end = r.output.find('\n', good);
  const std::string line = r.output.substr(good, line_end - good);
  const auto id_at = line.find(' ', std::string("[GNUPG:] GOODSIG ").size());
  return id_at == std::string::npos ? line : line.substr(id_at + 1);
}

std::string verify_ssh(const git::Repository& repo, const git::SignedObject& object,
                       const std::string& what) {
  const std::string program = repo.config_string("gpg.ssh.program").value_or("ssh-keygen");
  std::string allowed = repo.config_string("gpg.ssh.allowedSignersFile").value_or("");
  if (allowed.empty()) {
    throw GateError(what +
                        " carries an SSH signature, but gpg.ssh.allowedSignersFile is not set: "
                        "there is no key to check it against",
                    "list the keys allowed to sign releases in a file and set `git config "
                    "gpg.ssh.allowedSignersFile PATH`");
  }
  if (allowed.rfind("~/", 0) == 0 && std::getenv("HOME"))
    allowed = std::string(std::getenv("HOME")) + allowed.substr(1);
  const TempFile sig(object.signature);
  const auto found = run_verifier(
      {program, "-Y", "find-principals", "-f", allowed, "-s", sig.path().string()}, "");
  const std::string principal = found.output.substr(0, found.output.find('\n'));
  if (found.exit_code != 0 || principal.empty()) {
    throw GateError(what + " is not signed by a key of " + allowed + ": " +
                        program_words(found.errors + found.output, "; "),
                    "add the signer's key to gpg.ssh.allowedSignersFile, or make a new signed "
                    "release");
  }
  const auto r = run_verifier({program, "-Y", "verify", "-n", "git", "-f", allowed, "-I", principal,
                               "-s", sig.path().string()},
                              object.payload);
  if (r.exit_code != 0) {
    throw GateError(what + " has no good signature: " + program +
                        " says: " + program_words(r.errors + r.output, "; "),
                    "the tag was changed after it was signed: make a new signed release");
  }
  return principal;
}

}  // namespace

std::string verify_signature(const git::Repository& repo, const git::SignedObject& object,
                             const std::string& what) {
  if (object.signature.rfind("-----BEGIN SSH SIGNATURE-----", 0) == 0) {
    return verify_ssh(repo, object, what);
  }
  if (object.signature.rfind("-----BEGIN PGP SIGNATURE-----", 0) == 0) {
    return verify_openpgp(repo, object, what);
  }
  throw GateError(what + " carries an X.509 signature, which relctl does not check",
                  "sign releases with gpg.format = openpgp or ssh");
}

}  // namespace relctl::gates::git_policy
