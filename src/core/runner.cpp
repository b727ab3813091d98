#include "relctl/core/runner.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <string_view>
#include <thread>

#include "relctl/core/error.hpp"
#include "relctl/core/interrupt.hpp"
#include "relctl/core/journal.hpp"
#include "relctl/core/log.hpp"
#include "relctl/core/sanitize.hpp"
#include "relctl/core/text.hpp"

namespace relctl::core {

namespace {

const SkipRequest* find_skip(const Options& options, const std::string& id) {
  for (const auto& s : options.skips) {
    if (s.gate == id) return &s;
  }
  return nullptr;
}

// Fails closed on a --skip that names no gate of this pipeline (a typo would
// otherwise run the gate the user meant to skip, or worse, silently skip
// nothing), lacks a reason, or targets a gate that refuses to be skipped.
void validate_skips(const Context& ctx, const Pipeline& gates) {
  for (const auto& skip : ctx.options.skips) {
    if (skip.reason.empty()) {
      throw UsageError("--skip " + skip.gate + " needs a reason",
                       "add --reason \"why it is safe to skip\" after it; the reason is recorded");
    }
    auto it = std::find_if(gates.begin(), gates.end(),
                           [&](const auto& g) { return g->id() == skip.gate; });
    if (it == gates.end()) {
      std::string ids;
      for (const auto& g : gates) ids += (ids.empty() ? "" : ", ") + g->id();
      throw UsageError("--skip " + skip.gate + ": no such gate in the " + ctx.command + " pipeline",
                       "gates here: " + ids);
    }
    if (!(*it)->may_skip(ctx)) {
      throw UsageError("--skip " + skip.gate + " is refused here",
                       "this gate protects a protected environment and cannot be skipped");
    }
  }
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

// What a gate starts from, for the run's log: the keys it reads, the
// template values and the release so far.
void log_inputs(const Context& ctx, const Gate& gate) {
  if (!run_log_active()) return;
  if (const auto keys = gate.config_keys(); !keys.empty()) log_debug("  reads {}", joined(keys));
  std::string vars;
  for (const auto& [k, v] : ctx.vars) vars += (vars.empty() ? "" : " ") + k + "=" + v;
  if (!vars.empty()) log_debug("  vars: {}", vars);
  const Release& r = ctx.release;
  log_debug("  release: tags [{}] branch {} commit {} version {} env {}", joined(r.tags),
            r.branch.empty() ? "-" : r.branch, r.commit.empty() ? "-" : r.commit,
            r.version.empty() ? "-" : r.version, r.env.empty() ? "-" : r.env);
}

void log_result(const GateResult& r) {
  log_step("gate {} {} in {}ms: {}", r.id, to_string(r.status), r.duration_ms, r.message);
  if (!r.hint.empty()) log_debug("  hint: {}", r.hint);
  if (r.details_json == "{}") return;
  // A release of many commits carries its whole changelog section and diffs:
  // the debug log keeps a gate's details when they are short and points to
  // the ledger row (and --json) for the rest.
  constexpr std::size_t logged_details = 4096;
  if (r.details_json.size() <= logged_details) {
    log_debug("  details: {}", r.details_json);
  } else {
    std::size_t cut = logged_details;  // not inside a UTF-8 sequence
    while (cut > 0 && (static_cast<unsigned char>(r.details_json[cut]) & 0xC0) == 0x80) --cut;
    log_debug("  details: {} bytes, in the ledger row and --json; the first {}: {}",
              r.details_json.size(), cut, std::string_view(r.details_json).substr(0, cut));
  }
}

// Everything a gate reports may quote outside text (command output, data
// values, file names, server messages): from here on it is clean text.
void clean(GateResult& r, const Redactor& redactor) {
  r.message = redactor.clean(r.message);
  r.hint = redactor.clean(r.hint);
  r.details_json = redactor.mask(sanitize_json(r.details_json));
}

GateResult execute(Context& ctx, Gate& gate) {
  GateResult r;
  r.id = gate.id();
  r.kind = gate.kind();
  r.severity = gate.severity();
  if (const SkipRequest* skip = find_skip(ctx.options, r.id)) {
    r.status = Status::skipped;
    r.message = (skip->by == "--skip" ? "skipped with --skip: " : "skipped: ") + skip->reason;
    r.details_json = "{\"reason\":\"" + json_escape(skip->reason) + "\",\"by\":\"" +
                     json_escape(skip->by) + "\"}";
    log_step("gate {} skipped by {}: {}", r.id, skip->by, skip->reason);
    return r;
  }
  log_step("gate {} ({}, {}) starts{}", r.id, to_string(r.kind), to_string(r.severity),
           ctx.dry_run() && r.kind == Kind::action ? ": dry run, planning only" : "");
  log_inputs(ctx, gate);
  ctx.reporter.gate_started(gate);
  const auto t0 = std::chrono::steady_clock::now();
  try {
    if (ctx.dry_run() && gate.kind() == Kind::action) {
      r.status = Status::planned;
      r.message = gate.plan(ctx);
      r.details_json = gate.plan_details();
    } else {
      Outcome o = gate.run(ctx);
      r.status = o.status;
      r.message = std::move(o.message);
      r.details_json = std::move(o.details_json);
      r.ends_run = o.ends_run;
    }
  } catch (const NothingToRelease& e) {
    r.message = e.what();
    if (ctx.options.require_changes) {
      r.status = Status::failed;
      r.hint = "--require-changes makes this a failure; " + e.hint();
      r.exit_code = static_cast<int>(ExitCode::gate_failed);
    } else {
      r.status = Status::passed;
      r.hint = e.hint();
      r.ends_run = r.nothing_to_release = true;
    }
  } catch (const Error& e) {
    r.status = Status::failed;
    r.message = e.what();
    r.hint = e.hint();
    r.exit_code = static_cast<int>(e.code());
  } catch (const std::exception& e) {
    r.status = Status::failed;
    r.message = std::string("internal error: ") + e.what();
    r.hint = "this is a bug in relctl; please report it with the command you ran";
  }
  r.duration_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0)
          .count();
  if (r.status == Status::failed) {
    if (r.exit_code == 0) r.exit_code = static_cast<int>(ExitCode::gate_failed);
    if (r.severity == Severity::soft && r.exit_code != static_cast<int>(ExitCode::interrupted)) {
      r.status = Status::warned;
      r.exit_code = 0;
    }
  }
  return r;
}

// Tests kill a run at a chosen moment: with RELCTL_TEST=1, the run stops
// before the gate RELCTL_TEST_PAUSE_BEFORE names, creates the file
// RELCTL_TEST_PAUSE_FILE and waits (up to a minute, or until interrupted).
void test_pause(const std::string& id) {
  const char* test = std::getenv("RELCTL_TEST");
  const char* gate = std::getenv("RELCTL_TEST_PAUSE_BEFORE");
  const char* file = std::getenv("RELCTL_TEST_PAUSE_FILE");
  if (!test || std::string_view(test) != "1" || !gate || id != gate || !file) return;
  std::ofstream(file) << id << "\n";
  for (int i = 0; i < 600 && !interrupt_requested(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

// A real run's actions go into its journal before and after they run, so
// that a run killed halfway leaves what `relctl recover` needs.
bool journaled(const Context& ctx, const Gate& gate) {
  return !ctx.dry_run() && gate.kind() == Kind::action && journal_active();
}

// Writes one journal line; "" or, when it cannot be written (a full disk),
// why: before an action that fails the gate, after one it is only logged.
std::string journal_line(const Context& ctx, const Gate& gate, const std::string& event) {
  if (!journaled(ctx, gate)) return "";
  try {
    journal_action(event, gate.id());
    return "";
  } catch (const Error& e) {
    log_step("journal: {}", e.what());
    return e.what();
  }
}

void undo_done(Context& ctx, RunResult& run, const std::vector<std::pair<Gate*, size_t>>& done) {
  std::vector<std::string> remains;  // what the user must put back by hand
  for (auto it = done.rbegin(); it != done.rend(); ++it) {
    GateResult& r = run.gates[it->second];
    try {
      it->first->undo(ctx);
      journal_line(ctx, *it->first, "undone");
      r.status = Status::undone;
      r.message = "undone (" + r.message + ")";
    } catch (const std::exception& e) {
      remains.push_back(r.id + (r.message.empty() ? "" : " (" + r.message + ")") + ": " + e.what());
      r.status = Status::failed;
      r.message = std::string("could not undo: ") + e.what();
      if (const auto* err = dynamic_cast<const Error*>(&e)) r.hint = err->hint();
      if (r.hint.empty()) r.hint = "undo this step by hand";
    }
    clean(r, ctx.redactor);
    log_step("undo {}: {}", r.id, r.message);
    ctx.reporter.gate_finished(r);
  }
  if (!remains.empty()) {
    std::string text = "the undo could not finish; what remains to put back by hand:";
    for (const auto& item : remains) text += "\n  - " + item;
    text = ctx.redactor.clean(text);
    log_step("{}", text);
    ctx.reporter.note(text);
  }
}

// Ctrl-C after the point of no return: what the remote has stands, and the
// user learns which gates did not run.
void note_interrupted_after(Context& ctx, const Pipeline& gates, size_t index) {
  std::vector<std::string> left;
  for (size_t i = index + 1; i < gates.size(); ++i) left.push_back(gates[i]->id());
  std::string text = "interrupted after " + gates[index]->id() +
                     ": the release is public and stands, nothing was undone";
  text += left.empty() ? "" : "; these gates did not run: " + joined(left);
  log_step("{}", text);
  ctx.reporter.note(text);
}

}  // namespace

RunResult run_pipeline(Context& ctx, Pipeline& gates) {
  validate_skips(ctx, gates);

  RunResult run;
  run.run_id = ctx.run_id;
  run.command = ctx.command;
  run.dry_run = ctx.dry_run();
  run.started_at = ctx.clock.now();
  ctx.reporter.run_started(run);

  std::vector<std::string> ids;
  for (const auto& g : gates) ids.push_back(g->id());
  log_step("pipeline of {}{}: {}", ctx.command, ctx.dry_run() ? " (dry run)" : "", joined(ids));
  std::vector<std::pair<Gate*, size_t>> done;  // actions done, with their result's index
  int first_failure = 0;
  bool interrupted = false;
  bool nothing = false;    // a gate found nothing to release
  size_t past_return = 0;  // 1 + the index of the point of no return, once it has passed

  for (auto& gate : gates) {
    if (interrupt_requested()) {
      interrupted = true;
      break;
    }
    test_pause(gate->id());
    GateResult r;
    if (const std::string why = journal_line(ctx, *gate, "begin"); !why.empty()) {
      r.id = gate->id();
      r.kind = gate->kind();
      r.severity = gate->severity();
      r.status = Status::failed;
      r.message = why;
      r.hint = "nothing of this step was done: make room for the journal and run again";
      r.exit_code = static_cast<int>(ExitCode::gate_failed);
    } else {
      r = execute(ctx, *gate);
      journal_line(ctx, *gate, "done");
    }
    clean(r, ctx.redactor);
    log_result(r);
    const bool did_act = !ctx.dry_run() && gate->kind() == Kind::action && gate->reversible() &&
                         (r.status == Status::passed || r.status == Status::warned);
    if (r.status == Status::warned) ctx.warnings.push_back(r.id + ": " + r.message);
    run.gates.push_back(r);
    ctx.reporter.gate_finished(r);
    if (did_act) done.emplace_back(gate.get(), run.gates.size() - 1);
    // Past the push, the release stands: nothing before it is taken back.
    if (did_act && gate->point_of_no_return()) {
      done.clear();
      past_return = static_cast<size_t>(&gate - gates.data()) + 1;
    }

    if (r.exit_code == static_cast<int>(ExitCode::interrupted) || interrupt_requested()) {
      interrupted = true;
      break;
    }
    if (r.status == Status::failed) {
      if (first_failure == 0) first_failure = r.exit_code;
      if (!ctx.dry_run()) break;
    }
    if (r.nothing_to_release && first_failure == 0) nothing = true;
    if (r.ends_run) break;  // nothing is left to do
  }

  // Nothing to release changes nothing: what was done on the way is undone.
  if ((interrupted || first_failure != 0 || nothing) && !done.empty()) {
    if (ctx.options.keep_partial) {
      ctx.reporter.note("--keep-partial: the actions already done are left in place");
    } else {
      undo_done(ctx, run, done);
    }
  }

  if (interrupted && past_return > 0) note_interrupted_after(ctx, gates, past_return - 1);

  run.finished_at = ctx.clock.now();
  run.release = ctx.release;
  if (interrupted) {
    run.status = RunStatus::interrupted;
    run.exit_code = static_cast<int>(ExitCode::interrupted);
  } else if (first_failure != 0) {
    run.status = RunStatus::failed;
    run.exit_code = first_failure;
  } else {
    run.status = nothing ? RunStatus::nothing_to_release : RunStatus::passed;
    run.exit_code = 0;
    if (nothing) run.release.tags.clear();  // no tag was made, none would be
  }
  log_step("run {} with exit code {}", to_string(run.status), run.exit_code);
  ctx.reporter.run_finished(run);
  return run;
}

}  // namespace relctl::core
