#include "support/signing_keys.hpp"

namespace relctl::test {

GnupgHome::GnupgHome(const std::string& uid) {
  fs::permissions(dir_.path(), fs::perms::owner_all);
  sh("gpg --batch --quiet --homedir " + dir_.path().string() +
     " --passphrase '' --quick-gen-key '" + uid + "' ed25519 sign never 2>&1");
}

GnupgHome::~GnupgHome() {
  run_process({"gpgconf", "--homedir", dir_.path().string(), "--kill", "all"});
}

SshKey::SshKey(const std::string& principal) {
  sh("ssh-keygen -q -t ed25519 -N '' -C " + principal + " -f " + key().string());
  write_file(allowed_signers(), principal + " " + read_file(dir_ / "id_ed25519.pub"));
}

}  // namespace relctl::test
