#pragma once
// The load-time half of "the dry run refuses what the real run could not
// do": tag and branch templates rendered with sample values must give names
// git accepts.

#include "relctl/config/config.hpp"

namespace relctl::cli {

/// Throws ConfigError naming the setting when a tag or branch template of
/// `cfg`, rendered with a sample version and date, is not a valid git ref name.
void check_ref_templates(const config::Config& cfg);

}  // namespace relctl::cli
