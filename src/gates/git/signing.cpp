// Signing relctl's commits and tags as git signs them: git's settings decide
// whether (commit.gpgSign, tag.gpgSign, or [code_release] / [data_release]
// sign) and how (gpg.format, gpg.program, gpg.openpgp.program,
// gpg.ssh.program, user.signingKey), and the same programs run with the same
// arguments as in git's gpg-interface.c: `gpg --status-fd=2 -bsau KEY` with
// the object on stdin, or `ssh-keygen -Y sign -n git -f KEYFILE FILE`.

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>

#include "gates/git/policy.hpp"
#include "relctl/config/config.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/output_file.hpp"
#include "relctl/process/process.hpp"

namespace relctl::gates::git_policy {

namespace fs = std::filesystem;

namespace {

// A passphrase prompt nobody answers must not hang a CI job.
constexpr std::chrono::minutes sign_timeout{2};

std::string without_cr(std::string s) {
  std::string out;
  for (char c : s) {
    if (c != '\r') out += c;
  }
  return out;
}

process::Result run_signer(process::Spec spec) {
  spec.timeout = sign_timeout;
  spec.separate_stderr = true;
  const process::Result r = process::run(spec);
  if (r.interrupted) throw Interrupted();
  return r;
}

std::string fail_hint(const Signing& s) {
  return s.format == "ssh" ? "check user.signingKey (" + s.key + ") and that " + s.program +
                                 " can use it without a prompt (an ssh-agent holding it)"
                           : "check user.signingKey (" + s.key + ") and that " + s.program +
                                 " can use it without a prompt: `echo test | " + s.program +
                                 " -bsau '" + s.key + "'`";
}

std::string sign_openpgp(const Signing& s, const std::string& payload) {
  process::Spec spec;
  spec.argv = {s.program, "--status-fd=2", "-bsau", s.key};
  spec.input = payload;
  const process::Result r = run_signer(spec);
  if (r.exit_code != 0 || r.errors.find("[GNUPG:] SIG_CREATED ") == std::string::npos) {
    throw GateError(s.program + " failed to sign the data" +
                        (r.timed_out ? " (timed out: waiting for a passphrase?)" : "") + ": " +
                        program_words(r.errors, "\n"),
                    fail_hint(s));
  }
  return without_cr(r.output);
}

// A dry run predicts an OpenPGP signature: gpg must hold a secret key for
// the key git passes to its -u (a real run would fail to sign without one).
void require_openpgp_key(const Signing& s, const std::string& why) {
  process::Spec spec;
  spec.argv = {s.program, "--batch", "--with-colons", "--list-secret-keys", "--", s.key};
  const process::Result r = run_signer(spec);
  if (r.exit_code == 0 && ("\n" + r.output).find("\nsec:") != std::string::npos) return;
  throw GateError("cannot sign the release as " + s.key + " (" + why + "): " + s.program +
                      " has no secret key for it: " + program_words(r.errors, "; "),
                  "import the key (`" + s.program +
                      " --import`), or set user.signingKey to a "
                      "key that `" +
                      s.program + " --list-secret-keys` shows");
}

std::string sign_ssh(const Signing& s, const std::string& payload) {
  std::optional<TempFile> literal;
  std::string key_file = s.key;
  if (s.key.rfind("key::", 0) == 0 || s.key.rfind("ssh-", 0) == 0) {
    literal.emplace(s.key.rfind("key::", 0) == 0 ? s.key.substr(5) : s.key);
    key_file = literal->path().string();
  } else if (s.key.rfind("~/", 0) == 0 && std::getenv("HOME")) {
    key_file = std::string(std::getenv("HOME")) + s.key.substr(1);
  }
  const TempFile buffer(payload);
  process::Spec spec;
  spec.argv = {s.program, "-Y", "sign", "-n", "git", "-f", key_file};
  if (literal) spec.argv.emplace_back("-U");
  spec.argv.push_back(buffer.path().string());
  const process::Result r = run_signer(spec);
  if (r.exit_code != 0) {
    std::string why = program_words(r.errors + "\n" + r.output, "\n");
    if (why.find("usage:") != std::string::npos) {
      why = "`ssh-keygen -Y sign` is needed for ssh signing (OpenSSH 8.2p1 or later)";
    }
    throw GateError(s.program + " failed to sign the data" +
                        (r.timed_out ? " (timed out: waiting for a passphrase?)" : "") + ": " + why,
                    fail_hint(s));
  }
  const auto signature = core::read_file(buffer.path().string() + ".sig");
  if (!signature) throw GateError(s.program + " wrote no signature", fail_hint(s));
  return without_cr(*signature);
}

}  // namespace

std::string Signing::describe() const {
  return program + " (" + format + ") as " + key;
}

std::string Signing::sign(const std::string& payload) const {
  return format == "ssh" ? sign_ssh(*this, payload) : sign_openpgp(*this, payload);
}

std::optional<Signing> signing_for(const core::Context& ctx, const git::Repository& repo,
                                   const release::ReleaseShape& shape, Object object,
                                   const git::Signature& who) {
  const std::string setting = object == Object::commit ? "commit.gpgSign" : "tag.gpgSign";
  std::string forced_by;
  if (ctx.config) {
    if (shape.carries_code() && ctx.config->code_release && ctx.config->code_release->sign)
      forced_by = "[code_release] sign = true";
    if (shape.carries_data() && ctx.config->data_release && ctx.config->data_release->sign)
      forced_by = "[data_release] sign = true";
  }
  if (forced_by.empty() && !repo.config_bool(setting).value_or(false)) return std::nullopt;
  const std::string why = forced_by.empty() ? "git config " + setting + " is true" : forced_by;

  Signing s;
  s.format = repo.config_string("gpg.format").value_or("openpgp");
  if (s.format == "openpgp") {
    s.program = repo.config_string("gpg.openpgp.program")
                    .value_or(repo.config_string("gpg.program").value_or("gpg"));
  } else if (s.format == "ssh") {
    s.program = repo.config_string("gpg.ssh.program").value_or("ssh-keygen");
  } else {
    throw GateError("cannot sign with gpg.format = " + s.format + " (" + why + ")",
                    "relctl signs with gpg.format = openpgp (the default) or ssh: "
                    "`git config gpg.format ssh`");
  }
  s.key = repo.config_string("user.signingKey").value_or("");
  if (s.key.empty() && s.format == "openpgp") s.key = who.name + " <" + who.email + ">";
  if (s.key.empty()) {
    throw GateError("cannot sign the release " +
                        std::string(object == Object::commit ? "commit" : "tag") + ": " + why +
                        " but no key is configured (gpg.format = ssh needs user.signingKey)",
                    "set the key: `git config user.signingKey ~/.ssh/id_ed25519.pub` (a key "
                    "file, or `key::ssh-ed25519 ...` for a key in the ssh-agent)");
  }
  if (s.format == "openpgp" && ctx.dry_run()) require_openpgp_key(s, why);
  if (s.format == "ssh" && s.key.rfind("key::", 0) != 0 && s.key.rfind("ssh-", 0) != 0) {
    std::string file = s.key;
    if (file.rfind("~/", 0) == 0 && std::getenv("HOME"))
      file = std::string(std::getenv("HOME")) + file.substr(1);
    std::error_code ec;
    if (!fs::exists(file, ec)) {
      throw GateError("cannot sign the release with user.signingKey = " + s.key + " (" + why +
                          "): no such file",
                      "point user.signingKey at your SSH key file: `git config user.signingKey "
                      "~/.ssh/id_ed25519.pub`");
    }
  }
  return s;
}

git::Signer signer(const std::optional<Signing>& signing) {
  if (!signing) return {};
  return [s = *signing](const std::string& payload) { return s.sign(payload); };
}

TempFile::TempFile(const std::string& content) {
  std::string pattern = (fs::temp_directory_path() / ".relctl_XXXXXX").string();
  const int fd = mkstemp(pattern.data());
  if (fd < 0) {
    throw GateError("cannot create a temporary file " + pattern + ": " + std::strerror(errno),
                    "check that TMPDIR (or /tmp) is writable");
  }
  close(fd);
  path_ = pattern;
  core::write_atomically(path_, content);
}

TempFile::~TempFile() {
  std::error_code ec;
  fs::remove(path_, ec);
  fs::remove(path_.string() + ".sig", ec);
}

std::string program_words(const std::string& text, const std::string& separator) {
  std::string out, line;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && text[i] != '\n') {
      line += text[i];
      continue;
    }
    if (!line.empty() && line.rfind("[GNUPG:]", 0) != 0)
      out += (out.empty() ? "" : separator) + line;
    line.clear();
  }
  return out.empty() ? "(it printed nothing)" : out;
}

}  // namespace relctl::gates::git_policy
