// relctl recover: resolves the runs of this work tree that died half-way
// (kill -9, a crash, a power cut) from the journals they left: undoes their
// local actions in reverse, or, where the remote already has the release,
// keeps it and clears the rest; marks each run in the ledger. docs/safety.md.

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "app.hpp"
#include "gates/git/support.hpp"
#include "recovery.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/identity.hpp"
#include "relctl/core/run_lock.hpp"
#include "relctl/report/output.hpp"
#include "report/json_document.hpp"
#include "session.hpp"

namespace relctl::cli {

namespace {

nlohmann::json recovery_json(const Recovery& r, bool done) {
  nlohmann::json steps = nlohmann::json::array();
  for (const auto& [what, step] : r.steps) steps.push_back(what);
  return {{"run_id", r.journal.run_id},
          {"command", r.journal.command},
          {"outcome", r.completes ? "completed" : "undone"},
          {"resolved", done},
          {"left", r.left},
          {"steps", steps}};
}

void print_human(const Recovery& r, bool dry_run) {
  std::string text = describe_run(r.journal) + " was abandoned; ";
  if (r.completes) {
    text += std::string(dry_run ? "would complete" : "completed") + " it: " +
            (journal_env(r.journal).empty() ? "the remote has its release"
                                            : "its deployment is recorded");
  } else {
    text += std::string(dry_run ? "would undo" : "undid") + " what it left";
  }
  text += "\n";
  for (const auto& [what, step] : r.steps) text += "  " + what + "\n";
  if (!journal_env(r.journal).empty() && !r.left.empty()) text += "  " + r.left.back() + "\n";
  if (r.steps.empty() && journal_env(r.journal).empty()) text += "  nothing of it is left\n";
  report::print_text(stdout, text);
}

}  // namespace

void add_recover_command(CLI::App& app, Globals& g, Handlers& h) {
  app.add_subcommand("recover",
                     "undo (or complete from the remote) what a killed or crashed run left");
  h["recover"] = [&g] {
    Session session(g, "recover", /*config_required=*/false);
    core::Context& ctx = session.context();
    const bool dry_run = g.options.dry_run;
    git::Repository* repo = session.repository();
    // Recovery changes the work tree: one run at a time, as a release.
    std::optional<core::RunLock> lock;
    if (!dry_run) {
      lock.emplace(core::RunLock::acquire(
          ctx.root(), {ctx.run_id, static_cast<long>(getpid()), core::host_name(),
                       core::utc_iso8601(ctx.clock.now())}));
    } else if (const auto holder = core::RunLock::holder(ctx.root())) {
      throw LockedError("run " + holder->run_id + " (pid " + std::to_string(holder->pid) +
                            ") is under way in this work tree: nothing was abandoned",
                        "wait for it to finish");
    }
    const auto journals = core::read_journals(ctx.root(), ctx.run_id);
    const std::string remote = gates::git_support::remote_name(ctx);
    const git::Auth auth = gates::git_support::auth(ctx);
    nlohmann::json runs = nlohmann::json::array();
    for (const auto& journal : journals) {
      if (!is_abandoned(journal, /*lock_free=*/!dry_run || !core::RunLock::holder(ctx.root()))) {
        continue;  // a promotion under way in this work tree
      }
      const DatabaseFacts facts =
          session.config() ? database_facts(*session.config(), session.connections(), journal)
                           : DatabaseFacts{};
      Recovery r = plan_recovery(journal, repo, remote, auth, facts.deployed);
      if (!facts.text.empty()) r.left.push_back(facts.text);
      if (!dry_run) {
        recover(r);
        std::string note = "recovered by " + ctx.run_id + ": ";
        if (!facts.text.empty()) {
          note += facts.text;
        } else {
          note += r.completes ? "completed, " + remote + " has the release"
                              : "undone, nothing of the run is left";
        }
        const std::string warning = mark_run(*open_ledger(session.config()), journal.run_id,
                                             r.completes ? "passed" : "recovered", note);
        if (!warning.empty()) report::print_text(stderr, "relctl: warning: " + warning + "\n");
      }
      if (!g.options.json) print_human(r, dry_run);
      runs.push_back(recovery_json(r, !dry_run));
    }
    if (g.options.json) {
      return report::print_envelope("recover", 0, {{"dry_run", dry_run}, {"runs", runs}});
    }
    if (runs.empty()) report::print_text(stdout, "nothing to recover\n");
    return 0;
  };
}

}  // namespace relctl::cli
