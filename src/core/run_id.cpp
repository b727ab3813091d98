#include "relctl/core/run_id.hpp"

#include <random>

namespace relctl::core {

std::string new_run_id(TimePoint now) {
  static constexpr char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  std::string id(26, '0');
  auto ms = static_cast<unsigned long long>(epoch_ms(now));
  for (int i = 9; i >= 0; --i) {  // 48-bit timestamp, 10 characters
    id[static_cast<size_t>(i)] = alphabet[ms % 32];
    ms /= 32;
  }
  std::random_device rd;
  std::uniform_int_distribution<int> pick(0, 31);
  for (size_t i = 10; i < id.size(); ++i) id[i] = alphabet[pick(rd)];
  return id;
}

}  // namespace relctl::core
