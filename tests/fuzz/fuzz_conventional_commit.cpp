// libFuzzer target: a commit message as any bytes, parsed as a
// Conventional Commit and classified with the commits it reverts.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "gates/commits/conventional.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace v = relctl::gates::commits;
  const std::string_view message(reinterpret_cast<const char*>(data), size);
  const auto commit = v::parse_commit(std::string(40, 'a'), message, size % 3);
  v::bump_of(commit);
  auto reverted = commit;
  reverted.id = std::string(40, 'b');
  v::classify({commit, reverted, v::parse_commit(std::string(40, 'c'), message.substr(size / 2))});
  return 0;
}
