#include "relctl/release/promotion.hpp"

namespace relctl::release {

std::string_view to_string(DeployKind k) {
  return k == DeployKind::rollback ? "rollback" : "promote";
}

std::string_view to_string(DeployStatus s) {
  return s == DeployStatus::failed ? "failed" : "succeeded";
}

}  // namespace relctl::release
