#pragma once
// The gate registry: every gate relctl has, declared once (SPEC §3): its
// id, kind, severity and description, the commands whose pipelines run it
// and the relctl.toml keys that drive it. The gate classes take their
// identity from here; `relctl gates`, `relctl check` and docs/gates.md read
// it; a test holds the pipelines to what it declares.

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "relctl/core/gate.hpp"

namespace relctl::gates {

struct GateInfo {
  std::string id;
  core::Kind kind = core::Kind::check;
  core::Severity severity = core::Severity::hard;
  std::string description;
  /// The commands whose pipelines run it ("code-release", "promote", ...).
  std::vector<std::string> pipelines;
  /// The relctl.toml keys it reads ("project.release_branches",
  /// "environments.*.smoke" for a key of every [environments.NAME]).
  std::vector<std::string> config_keys;
  /// True for command.<id>: kind and severity come from each
  /// [[gates.command]] entry (a check when it runs in dry runs, else an action).
  bool per_entry = false;
  /// Builds the gate alone for `relctl check` (read-only checks only); null
  /// for gates that need their pipeline.
  std::function<std::unique_ptr<core::Gate>()> make_alone;

  /// "check", "action", or "either" (per_entry).
  std::string kind_text() const;
  /// "hard", "soft", or "either" (per_entry).
  std::string severity_text() const;
};

/// Every gate, in the order of the catalogue (SPEC §3).
const std::vector<GateInfo>& registry();

/// The entry for `id` ("command.tests" finds the command.<id> entry), or null.
const GateInfo* find_gate(std::string_view id);

/// The registry as the Markdown table of docs/gates.md (`relctl gates list
/// --markdown`): id, kind, severity, what it does, pipelines, config keys.
std::string registry_markdown();

}  // namespace relctl::gates
