#include "relctl/gates/catalogue.hpp"

#include <algorithm>

namespace relctl::gates {

const std::vector<CatalogueEntry>& catalogue() {
  // One entry per gate, in SPEC §3 order; each area adds its gates here.
  static const std::vector<CatalogueEntry> entries = {};
  return entries;
}

const CatalogueEntry* find_gate(const std::string& id) {
  const auto& all = catalogue();
  auto it = std::find_if(all.begin(), all.end(), [&](const auto& e) { return e.id == id; });
  return it == all.end() ? nullptr : &*it;
}

}  // namespace relctl::gates
