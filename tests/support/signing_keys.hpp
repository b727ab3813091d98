#pragma once
// Throwaway signing keys for the signing tests: a GnuPG home with one key
// (its agent killed at the end) and an SSH key with the allowed-signers file
// that verifies it.

#include "support/support.hpp"

namespace relctl::test {

/// A GnuPG home with one ed25519 signing key for `uid`, no passphrase.
class GnupgHome {
 public:
  explicit GnupgHome(const std::string& uid = "Rel Ease <rel@example.com>");
  ~GnupgHome();
  GnupgHome(const GnupgHome&) = delete;
  GnupgHome& operator=(const GnupgHome&) = delete;
  fs::path path() const { return dir_.path(); }
  /// "GNUPGHOME=... " to put before a shell command.
  std::string env() const { return "GNUPGHOME=" + dir_.path().string() + " "; }

 private:
  TempDir dir_;
};

/// An ed25519 SSH key without passphrase for `principal`, and the
/// allowed-signers file listing it.
class SshKey {
 public:
  explicit SshKey(const std::string& principal = "rel@example.com");
  fs::path key() const { return dir_ / "id_ed25519"; }
  fs::path allowed_signers() const { return dir_ / "allowed_signers"; }

 private:
  TempDir dir_;
};

}  // namespace relctl::test
