#include "relctl/core/reporter.hpp"

#include "relctl/core/sanitize.hpp"

namespace relctl::core {

void FanoutReporter::run_started(const RunResult& run) {
  for (auto& r : reporters_) r->run_started(run);
}
void FanoutReporter::gate_started(const Gate& gate) {
  for (auto& r : reporters_) r->gate_started(gate);
}
void FanoutReporter::gate_finished(const GateResult& result) {
  for (auto& r : reporters_) r->gate_finished(result);
}
void FanoutReporter::run_finished(const RunResult& run) {
  for (auto& r : reporters_) r->run_finished(run);
}
void FanoutReporter::note(std::string_view text) {
  // Notes quote command output and data: no reporter sees them raw.
  const std::string clean = sanitize(text);
  for (auto& r : reporters_) r->note(clean);
}

}  // namespace relctl::core
