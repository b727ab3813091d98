#pragma once
// A Session is the setup every pipeline command shares: config, run id,
// reporters, the repository and the Postgres connections of the run, the
// ledger; execute() runs a pipeline and records it in the ledger.

#include <memory>
#include <optional>
#include <string>

#include "app.hpp"
#include "relctl/config/config.hpp"
#include "relctl/core/clock.hpp"
#include "relctl/core/ledger.hpp"
#include "relctl/core/reporter.hpp"
#include "relctl/core/runner.hpp"
#include "relctl/release/plan.hpp"

namespace relctl::git {
class Repository;
}
namespace relctl::pg {
class Connections;
}

namespace relctl::cli {

/// relctl.toml from --config, or found by walking up from the current
/// folder; nullopt when there is none and `required` is false. A --config
/// outside the git work tree of the current folder (after -C) describes
/// that work tree: its root becomes the work tree's top. Throws
/// ConfigError when required and missing, or when malformed.
std::optional<config::Config> load_config(const core::Options& options, bool required);

/// The ledger the config names (SQLite by default); without a config,
/// `.relctl/ledger.db` in the current folder.
std::unique_ptr<core::Ledger> open_ledger(const config::Config* config);

class Session;

/// The session's repository; UsageError outside a git repository.
git::Repository& script_repository(Session& session);

/// The next code release planned as version.next plans it (for --package
/// `package`), without running a pipeline and writing nothing.
release::ReleasePlan next_release_plan(Session& session, const std::string& package);

class Session {
 public:
  /// Loads the config (required or not) and prepares reporters for `command`.
  Session(Globals& globals, std::string command, bool config_required);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  /// A context for this run; valid as long as the session.
  core::Context& context() { return *context_; }
  const config::Config* config() const { return config_ ? &*config_ : nullptr; }

  /// The repository of the project, opened once and handed to every gate
  /// (ctx.repo); null outside a repository (git.repo then says so).
  git::Repository* repository();
  /// The Postgres connections of this run (ctx.pg), each opened on first use.
  /// Needs a config.
  pg::Connections& connections();

  /// Records the run in the ledger, runs `pipeline` with the repository and
  /// the connections attached, records the outcome, releases the locks the
  /// run held (warning about any the server had lost), and returns the exit
  /// code.
  int execute(core::Pipeline& pipeline);
  /// The run creates git refs although its command changes no work tree
  /// (rollback --hotfix): its journal records the refs it starts from, as a
  /// release's does, so that `relctl recover` can undo them.
  void journal_git_refs() { journal_git_refs_ = true; }
  /// What the last execute() produced.
  const core::RunResult& result() const { return result_; }

 private:
  Globals& globals_;
  std::optional<config::Config> config_;
  core::SystemClock clock_;
  core::FanoutReporter reporter_;
  std::unique_ptr<core::Context> context_;
  std::unique_ptr<git::Repository> repository_;
  bool repository_opened_ = false;
  bool journal_git_refs_ = false;
  std::unique_ptr<pg::Connections> connections_;
  core::RunResult result_;
};

}  // namespace relctl::cli
