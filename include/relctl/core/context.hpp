#pragma once
// Everything a gate may use during one run: options, config, clock,
// reporter, redactor, the release being built, and the adapters to the
// outside world (added by the areas that own them). Gates receive it; they
// never reach for globals. Core knows the config only by name: the gates
// that read it include relctl/config/config.hpp themselves.

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "relctl/core/clock.hpp"
#include "relctl/core/progress.hpp"
#include "relctl/core/redactor.hpp"
#include "relctl/core/reporter.hpp"
#include "relctl/core/result.hpp"

namespace relctl::config {
struct Config;
}
namespace relctl::git {
class Repository;
}
namespace relctl::pg {
class Connections;
}

namespace relctl::core {

struct SkipRequest {
  std::string gate;
  std::string reason;
  std::string by = "--skip";  // who asked: the user's --skip, or a command ("rollback")
};

/// The global flags of SPEC §2.
struct Options {
  bool dry_run = false;
  bool json = false;
  bool verbose = false;
  bool quiet = false;
  bool keep_partial = false;
  bool no_color = false;
  bool require_changes = false;  // --require-changes: nothing to release fails (exit 1)
  std::vector<SkipRequest> skips;
  std::string config_path;  // --config
  std::string directory;    // -C
};

class Context {
 public:
  Context(Options opts, const config::Config* cfg, Clock& clk, Reporter& rep, Redactor& red)
      : options(std::move(opts)), config(cfg), clock(clk), reporter(rep), redactor(red) {}

  Options options;
  const config::Config* config;  // null for commands that run without relctl.toml
  Clock& clock;
  Reporter& reporter;
  Redactor& redactor;

  std::string run_id;
  std::string command;                      // "code-release", "check", ...
  std::vector<std::string> argv;            // as typed, for the ledger (masked there)
  std::filesystem::path work_dir;           // where relctl runs (after -C)
  std::filesystem::path config_root;        // the config's folder ("" without a config)
  Release release;                          // filled in by gates as they go
  std::vector<std::string> warnings;        // "gate: message" of each gate that warned so far
  std::map<std::string, std::string> vars;  // template values: date, version, tag, ...

  // Adapters to the outside world; null until the pipeline that needs them
  // opens them. Unit tests may point them at fakes.
  git::Repository* repo = nullptr;
  pg::Connections* pg = nullptr;
  /// The progress line of long steps; null when nothing should show
  /// (no terminal, --json, --quiet).
  std::shared_ptr<Progress> progress;

  bool dry_run() const { return options.dry_run; }
  /// The project root: the config's folder, or the working directory.
  std::filesystem::path root() const { return config_root.empty() ? work_dir : config_root; }
};

}  // namespace relctl::core
