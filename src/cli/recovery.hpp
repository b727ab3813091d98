#pragma once
// What a run that died half-way left (its journal against the repository as
// it is now), and putting it right: undoing its local actions in reverse,
// or, where the remote already has the release, keeping it and clearing
// the rest. Used by the refusal of the next run and by `relctl recover`.

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "relctl/core/journal.hpp"
#include "relctl/core/ledger.hpp"

namespace relctl::config {
struct Config;
}
namespace relctl::git {
class Repository;
struct Auth;
}  // namespace relctl::git
namespace relctl::pg {
class Connections;
}

namespace relctl::cli {

/// An abandoned run's leftovers and what recovering it does.
struct Recovery {
  core::JournalEntries journal;
  std::vector<std::string> left;                                     // what is left, one line each
  std::vector<std::pair<std::string, std::function<void()>>> steps;  // what it does, in order
  bool completes = false;  // the remote has the release: keep it
};

/// What `journal`'s run left in `repo` (null outside a repository),
/// reading nothing but the local repository and files.
std::vector<std::string> leftovers(const core::JournalEntries& journal, git::Repository* repo);

/// Plans the recovery of `journal`'s run: reads `remote`'s refs when the run
/// created or moved refs; `completed` (a database run whose deployment is
/// recorded) keeps what it did. Throws GateError when the remote has part of
/// the release only, DependencyError when it cannot be reached.
Recovery plan_recovery(const core::JournalEntries& journal, git::Repository* repo,
                       const std::string& remote, const git::Auth& auth, bool completed = false);

/// Carries out `recovery` (its steps, in order) and removes the journal.
/// Throws GateError naming what could not be put back.
void recover(const Recovery& recovery);

/// Whether `journal`'s run is gone: a work-tree run whose repository lock
/// is free (`lock_free`), or a database run (promote, migrate, rollback)
/// whose process no longer lives on this host.
bool is_abandoned(const core::JournalEntries& journal, bool lock_free);

/// The environment a database run's journal names ("" for other runs).
std::string journal_env(const core::JournalEntries& journal);

/// What the database of a database run's environment holds of it.
struct DatabaseFacts {
  std::string text;       // one line; "" for a run that is no database run
  bool deployed = false;  // its deployment row is there: the run completed
};

/// Reads the database of `journal`'s environment: the deployment row and
/// the migrations its run committed (the rest rolled back with its
/// transaction). Throws relctl::Error when the database cannot be read.
DatabaseFacts database_facts(const config::Config& cfg, pg::Connections& connections,
                             const core::JournalEntries& journal);

/// "run ID (COMMAND, pid N on HOST, since T)".
std::string describe_run(const core::JournalEntries& journal);

/// Marks run `run_id`'s ledger row `status` (with `note` as a last gate
/// result) when it says `running` or `abandoned`; returns a warning to show
/// when the ledger cannot be written, "" otherwise.
std::string mark_run(core::Ledger& ledger, const std::string& run_id, const std::string& status,
                     const std::string& note = "");

}  // namespace relctl::cli
