// The publish pipeline: the forge step of a release whose tag is pushed
// (docs/forge.md). It pushes nothing.

#include "relctl/gates/forge.hpp"
#include "relctl/pipelines/pipelines.hpp"

namespace relctl::pipelines {

core::Pipeline publish(const std::string& tag) {
  core::Pipeline p;
  // The forge release of the tag: created if missing, completed if partial.
  p.push_back(gates::make_forge_publish(tag));
  return p;
}

}  // namespace relctl::pipelines
