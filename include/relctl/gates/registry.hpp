#pragma once
// The gate catalogue: every gate relctl can run, by id (SPEC §3). Pipelines
// are built from these factories; `relctl gates` and `relctl check` read it.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "relctl/core/gate.hpp"

namespace relctl::gates {

struct CatalogueEntry {
  std::string id;
  core::Kind kind;
  std::string description;
  /// Builds the gate for `relctl check` (read-only checks); null for gates that
  /// only make sense inside a pipeline.
  std::function<std::unique_ptr<core::Gate>()> make;
};

/// Every gate built so far, in SPEC §3 order.
const std::vector<CatalogueEntry>& catalogue();

/// The entry for `id`, or null.
const CatalogueEntry* find_gate(const std::string& id);

}  // namespace relctl::gates
