// Which [[gates.command]] entries join a command's pipeline (see pipelines.hpp).

#include <algorithm>

#include "relctl/pipelines/pipelines.hpp"

namespace relctl::pipelines {

std::vector<const config::CommandGate*> commands_for(const config::Config& cfg,
                                                     std::string_view command,
                                                     config::Phase phase) {
  auto names = [](const config::CommandGate& c, std::string_view name) {
    return std::find(c.commands.begin(), c.commands.end(), name) != c.commands.end();
  };
  std::vector<const config::CommandGate*> out;
  for (const auto& c : cfg.commands) {
    if (c.phase != phase) continue;
    // A rollback deploys a release the way a promotion does.
    const bool joins =
        c.commands.empty() || names(c, command) || (command == "rollback" && names(c, "promote"));
    if (joins) out.push_back(&c);
  }
  return out;
}

}  // namespace relctl::pipelines
