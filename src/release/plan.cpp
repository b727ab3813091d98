#include "relctl/release/plan.hpp"

#include <algorithm>

namespace relctl::release {

void ReleasePlan::add_output(const std::string& path, bool force) {
  auto it = std::find_if(outputs.begin(), outputs.end(),
                         [&](const ReleaseOutput& o) { return o.path == path; });
  if (it == outputs.end()) {
    outputs.push_back({path, force});
  } else {
    it->force = it->force || force;
  }
}

}  // namespace relctl::release
