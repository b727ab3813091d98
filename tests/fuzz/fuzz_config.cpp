// libFuzzer target: relctl.toml as any bytes. A configuration error is a
// ConfigError (exit 2); anything else escaping, or a crash, is a finding.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "relctl/config/loader.hpp"
#include "relctl/core/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    relctl::config::parse(text, "relctl.toml");
  } catch (const relctl::ConfigError&) {
    // The expected outcome for most inputs.
  }
  return 0;
}
