// Applying migration files: each group of plan_migrations in one
// transaction (or a no-transaction file alone), on a session of its own that
// is reset after every file, with every file recorded in
// relctl.schema_history as what truly happened to it.

#include <fmt/format.h>

#include <chrono>

#include "pg/migrator_internal.hpp"
#include "relctl/pg/connection.hpp"
#include "relctl/pg/migrations.hpp"

namespace relctl::pg {

namespace {

using Clock = std::chrono::steady_clock;

long long elapsed_ms(Clock::time_point t0) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count();
}

std::string join_scripts(const PlannedGroup& files) {
  std::string out;
  for (const auto& p : files) out += (out.empty() ? "" : ", ") + p.file->script;
  return out;
}

std::string sqlstate_note(const ServerError& e) {
  return e.sqlstate.empty() ? "" : " (SQLSTATE " + e.sqlstate + ")";
}

// What to do about a refused statement, when its SQLSTATE says more than
// "fix the file".
std::string statement_hint(const ServerError& e, const std::string& script) {
  if (e.sqlstate == "25001" || e.sqlstate == "2D000") {
    return "the statement cannot run inside a transaction: make the first line of " + script +
           " `-- relctl: no-transaction`, or set [migrations] mixed = true";
  }
  if (e.sqlstate == "55P04") {
    return "a value added by ALTER TYPE ... ADD VALUE can be used only after its transaction "
           "commits: move the use into a later migration file (relctl commits after a file "
           "that adds a value)";
  }
  return "fix " + script + " and run again";
}

// Session state a file may leave behind, reset inside a transaction (role,
// settings, prepared statements, cursors, temp tables) ...
constexpr const char* reset_in_transaction =
    "RESET ROLE; RESET SESSION AUTHORIZATION; RESET ALL; DEALLOCATE ALL; CLOSE ALL; "
    "UNLISTEN *; DISCARD TEMP; DISCARD SEQUENCES; DISCARD PLANS";
// ... and outside one, where DISCARD ALL does all of it.
constexpr const char* reset_role = "RESET ROLE; RESET SESSION AUTHORIZATION";

// Makes a session ignore Ctrl-C for a scope (cleanup that must finish).
class Quiet {
 public:
  explicit Quiet(ScriptSession& s) : s_(s), was_(s.interruptible()) { s_.set_interruptible(false); }
  ~Quiet() { s_.set_interruptible(was_); }
  Quiet(const Quiet&) = delete;
  Quiet& operator=(const Quiet&) = delete;

 private:
  ScriptSession& s_;
  bool was_;
};

class Migrator {
 public:
  Migrator(const MigrationTarget& target, ScriptSession& session, const ApplyOptions& options)
      : target_(target), session_(session), options_(options) {}

  void run_group(const PlannedGroup& files) {
    const std::string tx_mode = options_.mode == TransactionMode::all ? "all" : "file";
    std::vector<AppliedFile> done;
    expect(session_.run("BEGIN"), "BEGIN");
    try {
      for (const auto& p : files) {
        const auto t0 = Clock::now();
        const FileRun r = run_file(session_, *p.file, true, options_.standard_conforming_strings);
        const long long ms = elapsed_ms(t0);
        if (r.failure) {
          rollback();
          const ServerError& e = r.failure->error;
          throw GateError(fmt::format("migration {} failed at line {}: {}{}{}", p.file->script,
                                      r.failure->line, e.message, sqlstate_note(e),
                                      files.size() > 1 ? "; rolled back the whole transaction (" +
                                                             join_scripts(files) + ")"
                                                       : "; rolled back"),
                          statement_hint(e, p.file->script) + "; " + applied_note());
        }
        expect(session_.run(reset_in_transaction), "resetting the session");
        record({p.file, ms, "applied", tx_mode, options_.run_id});
        done.push_back({p.file->script, ms, tx_mode, r.statements, r.copied_rows});
      }
      commit(files);
    } catch (const GateError&) {
      throw;
    } catch (...) {
      rollback();
      throw;
    }
    discard();
    applied.insert(applied.end(), done.begin(), done.end());
  }

  void run_alone(const PlannedFile& p) {
    const MigrationFile& f = *p.file;
    HistoryEntry entry{&f, 0, "started", "none", options_.run_id};
    // Committed before the first statement: a run killed part-way leaves it `started`.
    const int rank = record(entry);
    const auto t0 = Clock::now();
    FileRun r;
    try {
      r = run_file(session_, f, false, options_.standard_conforming_strings);
    } catch (...) {
      entry.execution_ms = elapsed_ms(t0);
      record_failure(rank, entry);  // Ctrl-C or a lost connection: the failure is recorded
      throw;
    }
    entry.execution_ms = elapsed_ms(t0);
    const auto tx = session_.transaction();
    if (!r.failure && tx == ScriptSession::Tx::idle) {
      reset_outside();
      entry.status = "applied";
      update(rank, entry);
      applied.push_back({f.script, entry.execution_ms, "none", r.statements, r.copied_rows});
      return;
    }
    const std::string recorded = record_failure(rank, entry);
    const std::string outcome = recorded.empty()
                                    ? "the file is recorded as failed"
                                    : "relctl could not record the failure (" + recorded +
                                          "), so relctl.schema_history shows it as started";
    if (!r.failure) {
      throw GateError(
          fmt::format("migration {} (no-transaction) ends inside a transaction it opened and "
                      "did not commit; relctl rolled that transaction back, the statements "
                      "before it stay applied and {}",
                      f.script, outcome),
          "end the file's transaction with COMMIT, repair the database by hand, delete the "
          "failed row from relctl.schema_history, then run again; " +
              applied_note());
    }
    const ServerError& e = r.failure->error;
    throw GateError(
        fmt::format("migration {} (no-transaction) failed at line {}: {}{}; statements before "
                    "it stay applied and {}",
                    f.script, r.failure->line, e.message, sqlstate_note(e), outcome),
        "repair the database by hand, delete the failed row from relctl.schema_history, then "
        "run again; " +
            applied_note());
  }

  std::vector<AppliedFile> applied;

 private:
  std::string applied_note() const {
    if (applied.empty()) return "nothing was applied";
    std::string names;
    for (const auto& f : applied) names += (names.empty() ? "" : ", ") + f.script;
    return "already applied and recorded: " + names;
  }

  // A statement of relctl's own must succeed; a refusal is the database refusing relctl (exit 3).
  void expect(const BatchOutcome& o, const char* doing) {
    if (!o.error) return;
    throw QueryError(session_.label(), o.error->message + " (" + doing + ")", o.error->sqlstate,
                     doing, 0);
  }

  int record(const HistoryEntry& e) {
    const auto [sql, params] = history_insert(e);
    return std::stoi(session_.query(sql, params).at(0).at(0).value_or("0"));
  }

  void update(int rank, const HistoryEntry& e) {
    const auto [sql, params] = history_update(rank, e);
    session_.query(sql, params);
  }

  void commit(const PlannedGroup& files) {
    BatchOutcome o;
    try {
      o = session_.run("COMMIT");
    } catch (const DependencyError& e) {
      throw DependencyError(
          std::string(e.what()) + " while committing " + join_scripts(files) +
              "; whether they were committed is unknown",
          "check relctl.schema_history: the files are applied exactly when their rows are there");
    }
    if (!o.error) return;
    // Deferred constraints, constraint triggers and serialization failures surface here.
    throw GateError(
        fmt::format("the transaction of {} failed at COMMIT: {}{}; rolled back",
                    join_scripts(files), o.error->message, sqlstate_note(*o.error)),
        (o.error->sqlstate == "40001" || o.error->sqlstate == "40P01"
             ? "another transaction conflicted with the migration: run again"
             : "a deferred constraint or constraint trigger checks the data at COMMIT: fix "
               "what the migrations leave behind, then run again") +
            std::string("; ") + applied_note());
  }

  void rollback() noexcept {
    if (!session_.connected() || session_.transaction() == ScriptSession::Tx::idle) return;
    Quiet quiet(session_);
    try {
      session_.run("ROLLBACK");
    } catch (const Error&) {
      // The connection is gone: the server rolls back with it.
    }
  }

  void reset_outside() {
    expect(session_.run(reset_role), "resetting the session");
    discard();
  }

  void discard() { expect(session_.run("DISCARD ALL"), "resetting the session"); }

  // Records a no-transaction file as failed: on its session when that is
  // usable again, else on the run's own connection. Returns why it could
  // not, empty when it did.
  std::string record_failure(int rank, HistoryEntry entry) {
    entry.status = "failed";
    const auto [sql, params] = history_update(rank, entry);
    try {
      Quiet quiet(session_);  // the record must land even after Ctrl-C
      rollback();
      reset_outside();
      session_.query(sql, params);
      return {};
    } catch (const Error&) {
      // The session is unusable: try the run's own connection.
    }
    Uninterruptible quiet(target_.bookkeeping);
    try {
      target_.bookkeeping.query(sql, params);
      return {};
    } catch (const Error& e) {
      return e.what();
    }
  }

  const MigrationTarget& target_;
  ScriptSession& session_;
  const ApplyOptions& options_;
};

}  // namespace

std::vector<AppliedFile> apply_migrations(const MigrationTarget& target,
                                          const std::vector<const MigrationFile*>& pending,
                                          const ApplyOptions& options) {
  auto session = ScriptSession::open(target.session, target.redactor);
  ApplyOptions o = options;
  o.standard_conforming_strings = session->setting("standard_conforming_strings") != "off";
  const std::vector<PlannedGroup> groups = plan_migrations(pending, o);
  Migrator m(target, *session, o);
  for (const auto& g : groups) {
    if (g.front().no_transaction) {
      m.run_alone(g.front());
    } else {
      m.run_group(g);
    }
  }
  return m.applied;
}

}  // namespace relctl::pg
