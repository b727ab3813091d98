#pragma once
// Masks secrets in every string that leaves the process: terminal output,
// logs, JSON, the ledger, reports and error messages all pass through it.
// Masking scans each text a bounded number of times, without regular
// expressions or recursion, so its cost grows linearly with the text.

#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace relctl::core {

class Redactor {
 public:
  static constexpr std::string_view mask_text = "****";

  /// Registers a secret; its percent-encoded, sanitized and JSON-escaped
  /// forms are masked too. Empty strings are ignored.
  void add_secret(std::string_view secret);

  /// Registers every part of a connection string that libpq would take a
  /// password from, or that holds one typed wrongly (core/conninfo.hpp).
  /// A string libpq cannot parse is registered whole: it is known to be a
  /// connection string, and may be nothing but a password.
  void add_connection_string(std::string_view conninfo);

  /// Registers what an environment variable may hide: the password inside
  /// a URL or connection-string value, and the whole value when the name
  /// looks secret (is_secret_name) and it has at least 4 characters.
  void add_variable(std::string_view name, std::string_view value);

  /// `text` with every registered secret, every URL password
  /// (`scheme://user:PASSWORD@`) and every `password=VALUE` replaced by ****.
  std::string mask(std::string_view text) const;

  /// mask(sanitize(text)): outside text as relctl shows and stores it.
  std::string clean(std::string_view text) const;

  void clear();

 private:
  void add_secrets(const std::vector<std::string>& secrets);

  mutable std::mutex mutex_;
  std::vector<std::string> secrets_;  // longest first
};

/// `text` with the password of every `scheme://user:PASSWORD@host` URL
/// replaced by ****: the password runs to the URL's last '@'. Linear.
std::string mask_url_passwords(std::string_view text);

/// True for a variable name that looks like it holds a secret: it contains
/// PASSWORD, PASSWD, SECRET or TOKEN, or ends in KEY (any case).
bool is_secret_name(std::string_view name);

/// True for a variable a command should not see unless it asks: a secret
/// name (is_secret_name), a Postgres connection string, or a URL with a
/// password in it.
bool is_secret_variable(std::string_view name, std::string_view value);

/// The process-wide redactor that output paths and main() use.
Redactor& redactor();

}  // namespace relctl::core
