#pragma once
// command.<id>: the user's [[gates.command]] entries as gates (SPEC §3).
// Factory only; the class lives in src/gates/command/.

#include <memory>

#include "relctl/config/config.hpp"
#include "relctl/core/gate.hpp"

namespace relctl::gates {

/// command.<id>: runs a [[gates.command]] entry (argv, no shell) with a
/// timeout, RELCTL_* variables and captured output. It is a check when it
/// runs in dry runs too (dry_run = true), an action (planned) otherwise.
std::unique_ptr<core::Gate> make_command_gate(const config::CommandGate& command);

}  // namespace relctl::gates
