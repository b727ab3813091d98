#pragma once
// A Session is the setup every pipeline command shares: config, run id,
// reporters, ledger; execute() runs a pipeline and records it in the ledger.

#include <memory>
#include <optional>
#include <string>

#include "app.hpp"
#include "relctl/config/config.hpp"
#include "relctl/core/clock.hpp"
#include "relctl/core/ledger.hpp"
#include "relctl/core/reporter.hpp"
#include "relctl/core/runner.hpp"

namespace relctl::cli {

/// relctl.toml from --config, or found by walking up from the current
/// folder; nullopt when there is none and `required` is false. Throws
/// ConfigError when required and missing, or when malformed.
std::optional<config::Config> load_config(const core::Options& options, bool required);

/// The ledger the config names (SQLite by default); without a config,
/// `.relctl/ledger.db` in the current folder.
std::unique_ptr<core::Ledger> open_ledger(const config::Config* config);

class Session {
 public:
  /// Loads the config (required or not) and prepares reporters for `command`.
  Session(Globals& globals, std::string command, bool config_required);

  /// A context for this run; valid as long as the session.
  core::Context& context() { return *context_; }
  const config::Config* config() const { return config_ ? &*config_ : nullptr; }

  /// Records the run in the ledger, runs `pipeline`, records the outcome,
  /// and returns the exit code.
  int execute(core::Pipeline& pipeline);

 private:
  Globals& globals_;
  std::optional<config::Config> config_;
  core::SystemClock clock_;
  core::FanoutReporter reporter_;
  std::unique_ptr<core::Context> context_;
};

}  // namespace relctl::cli
