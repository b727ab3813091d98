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

std::string ReleasePlan::changelog_text() const {
  if (packages.size() == 1) return packages.front().changelog_section;
  std::string out;
  for (const auto& p : packages) {
    if (p.changelog_section.empty()) continue;
    out +=
        (out.empty() ? "" : "\n") + std::string("### ") + p.label() + "\n\n" + p.changelog_section;
  }
  return out;
}

}  // namespace relctl::release
