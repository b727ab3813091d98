#pragma once
#include <string>

#include "relctl/core/clock.hpp"

namespace relctl::core {

/// A ULID (26 Crockford base32 characters, time-sortable) for a run.
std::string new_run_id(TimePoint now);

}  // namespace relctl::core
