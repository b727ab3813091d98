// libFuzzer target: manifest.json as any bytes. A manifest relctl cannot
// read is a GateError naming the field; one it can read writes back and
// reads again to the same manifest.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "gates/data/manifest.hpp"
#include "relctl/core/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using relctl::gates::data::Manifest;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const Manifest m = Manifest::parse(text, "manifest.json");
    const std::string written = m.to_json();
    if (Manifest::parse(written, "manifest.json").to_json() != written) std::abort();
    m.placeholders();
    m.table_summary();
  } catch (const relctl::GateError&) {
  }
  return 0;
}
