// libFuzzer target: the redactor. The input's first line is registered as
// a connection string, a secret variable and a plain secret; the rest is
// text to mask. A registered secret (without '*') must never survive
// masking, and masking must stay linear (libFuzzer's -timeout catches it).

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "relctl/core/redactor.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto newline = input.find('\n');
  const std::string_view secret = input.substr(0, newline);
  const std::string_view text = newline == std::string_view::npos ? "" : input.substr(newline + 1);
  relctl::core::Redactor r;
  r.add_connection_string(secret);
  r.add_variable("FUZZ_TOKEN", secret);
  r.add_secret(secret);
  const std::string masked = r.mask(text);
  if (!secret.empty() && secret.find('*') == std::string_view::npos &&
      masked.find(secret) != std::string::npos) {
    std::abort();
  }
  r.clean(text);
  relctl::core::mask_url_passwords(text);
  relctl::core::is_secret_variable(secret, text);
  return 0;
}
