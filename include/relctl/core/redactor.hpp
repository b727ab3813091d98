#pragma once
// Masks secrets in every string that leaves the process: terminal output,
// logs, JSON, the ledger, reports and error messages all pass through it.

#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace relctl::core {

class Redactor {
 public:
  static constexpr std::string_view mask_text = "****";

  /// Registers a secret; its percent-encoded form is masked too. Empty
  /// strings are ignored.
  void add_secret(std::string_view secret);

  /// Registers the password inside a connection string (URL userinfo or
  /// `password=` keyword form), if it has one.
  void add_connection_string(std::string_view conninfo);

  /// Registers what an environment variable may hide: the password inside
  /// its value (a database URL), and the whole value when the name looks
  /// secret (contains PASSWORD, PASSWD, SECRET, TOKEN, or ends in KEY) and
  /// it has at least 4 characters.
  void add_variable(std::string_view name, std::string_view value);

  /// `text` with every registered secret, every URL password
  /// (`scheme://user:PASSWORD@`) and every `password=VALUE` replaced by ****.
  std::string mask(std::string_view text) const;

  void clear();

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> secrets_;
};

/// The process-wide redactor that output paths and main() use.
Redactor& redactor();

}  // namespace relctl::core
