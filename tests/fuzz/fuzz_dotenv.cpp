// libFuzzer target: a .env file as any bytes. Malformed lines are a
// ConfigError with file:line:col; every value read goes through masking.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "relctl/config/loader.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/redactor.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    relctl::core::Redactor redactor;
    for (const auto& [key, value] : relctl::config::parse_dotenv(text, ".env")) {
      redactor.add_variable(key, value);
      redactor.mask(value);
    }
  } catch (const relctl::ConfigError&) {
  }
  return 0;
}
