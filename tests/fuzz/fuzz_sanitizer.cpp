// libFuzzer target: the output sanitizer. Whatever the bytes, sanitize()
// gives valid UTF-8 with no control character but newline and tab, twice
// the same; sanitize_json() keeps valid JSON valid.

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "relctl/core/sanitize.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace core = relctl::core;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string clean = core::sanitize(text);
  if (core::sanitize(clean) != clean) std::abort();
  for (const char c : clean) {
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\n' && c != '\t') || u == 0x7F) std::abort();
  }
  // Throws on invalid UTF-8 (type_error 316): that would be a finding.
  (void)nlohmann::json(clean).dump();
  const std::string line = core::sanitize_line(text);
  if (line.find('\n') != std::string::npos) std::abort();
  // nlohmann reads a NUL as the end of the input: such text is not JSON relctl makes.
  if (text.find('\0') == std::string_view::npos && nlohmann::json::accept(text) &&
      !nlohmann::json::accept(core::sanitize_json(text))) {
    std::abort();
  }
  core::has_control_characters(text);
  core::has_workflow_command(text);
  return 0;
}
