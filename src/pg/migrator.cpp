// Applying migration files: grouping them into transactions, running them
// statement by statement (so a failure names its line), recording each in
// relctl.schema_history.

#include <fmt/format.h>

#include <chrono>

#include "relctl/pg/connection.hpp"
#include "relctl/pg/migrations.hpp"
#include "relctl/pg/sql_script.hpp"

namespace relctl::pg {

namespace {

struct Prepared {
  const MigrationFile* file;
  std::vector<SqlStatement> statements;
};

std::string join_scripts(const std::vector<const Prepared*>& files) {
  std::string out;
  for (const auto* p : files) out += (out.empty() ? "" : ", ") + p->file->script;
  return out;
}

std::string join_applied(const std::vector<AppliedFile>& files) {
  std::string out;
  for (const auto& f : files) out += (out.empty() ? "" : ", ") + f.script;
  return out;
}

long long elapsed_ms(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               t0)
      .count();
}

void record(Connection& conn, const MigrationFile& f, long long ms, bool success,
            const std::string& run_id, const std::string& tx_mode) {
  conn.query(
      "INSERT INTO relctl.schema_history (rank, version, description, script, checksum, "
      "  installed_by, execution_ms, success, run_id, tx_mode) "
      "SELECT coalesce(max(rank), 0) + 1, $1, $2, $3, $4, current_user, $5::integer, "
      "       $6::boolean, $7, $8 "
      "FROM relctl.schema_history",
      {f.version, f.description, f.script, f.checksum, std::to_string(ms),
       success ? "true" : "false", run_id, tx_mode});
}

// The file's line where the failing statement (or, for syntax errors, the
// failing token) is.
int failing_line(const SqlStatement& s, const QueryError& e) {
  return s.line + (e.line() > 0 ? e.line() - 1 : 0);
}

// Runs a file's statements; on a refused statement throws the QueryError
// after storing the line in `line`.
void run_statements(Connection& conn, const Prepared& p, int& line) {
  for (const auto& s : p.statements) {
    try {
      conn.query(s.text);
    } catch (const QueryError& e) {
      line = failing_line(s, e);
      throw;
    }
  }
  // The next file starts as in a fresh session (search_path, role, ...).
  conn.query("RESET ALL");
}

std::vector<Prepared> prepare(const std::vector<const MigrationFile*>& pending) {
  std::vector<Prepared> out;
  for (const auto* f : pending) {
    Prepared p{f, split_sql(f->sql)};
    if (!f->no_transaction) {
      for (const auto& s : p.statements) {
        if (!is_transaction_control(s.text)) continue;
        throw GateError(
            fmt::format("migration {} line {}: `{}` inside a file that relctl runs in a "
                        "transaction; nothing was applied",
                        f->script, s.line, leading_keywords(s.text, 1).front()),
            "remove BEGIN/COMMIT from the file (relctl wraps each file in a transaction), "
            "or make its first line `-- relctl: no-transaction` to run it alone");
      }
    }
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<std::vector<const Prepared*>> group(const std::vector<Prepared>& files,
                                                TransactionMode mode) {
  std::vector<std::vector<const Prepared*>> groups;
  for (const auto& p : files) {
    const bool joins = mode == TransactionMode::all && !groups.empty() && !p.file->no_transaction &&
                       !groups.back().front()->file->no_transaction;
    if (joins) {
      groups.back().push_back(&p);
    } else {
      groups.push_back({&p});
    }
  }
  return groups;
}

std::string applied_note(const std::vector<AppliedFile>& applied) {
  return applied.empty() ? "nothing was applied"
                         : "already applied and recorded: " + join_applied(applied);
}

void run_in_transaction(Connection& conn, const std::vector<const Prepared*>& files,
                        const ApplyOptions& options, std::vector<AppliedFile>& applied) {
  const std::string tx_mode = options.mode == TransactionMode::all ? "all" : "file";
  std::vector<AppliedFile> done;
  const Prepared* current = nullptr;
  int line = 0;
  conn.begin();
  try {
    for (const auto* p : files) {
      current = p;
      const auto t0 = std::chrono::steady_clock::now();
      run_statements(conn, *p, line);
      const long long ms = elapsed_ms(t0);
      record(conn, *p->file, ms, true, options.run_id, tx_mode);
      done.push_back({p->file->script, ms, tx_mode});
    }
    conn.commit();
  } catch (const QueryError& e) {
    conn.rollback();
    if (line == 0) throw;  // recording failed, not the file: the database refused relctl
    const std::string rolled_back =
        files.size() > 1 ? "; rolled back the whole transaction (" + join_scripts(files) + ")"
                         : "; rolled back";
    throw GateError(
        fmt::format("migration {} failed at line {}: {}{}{}", current->file->script, line,
                    e.server_message(),
                    e.sqlstate().empty() ? "" : " (SQLSTATE " + e.sqlstate() + ")", rolled_back),
        "fix " + current->file->script + " and run again; " + applied_note(applied));
  } catch (...) {
    conn.rollback();
    throw;
  }
  applied.insert(applied.end(), done.begin(), done.end());
}

void run_alone(Connection& conn, const Prepared& p, const ApplyOptions& options,
               std::vector<AppliedFile>& applied) {
  const auto t0 = std::chrono::steady_clock::now();
  int line = 0;
  auto record_failure = [&] {
    Uninterruptible quiet(conn);  // the record must land even after Ctrl-C
    try {
      record(conn, *p.file, elapsed_ms(t0), false, options.run_id, "none");
    } catch (const Error&) {
      // The original failure is the one to report.
    }
  };
  try {
    run_statements(conn, p, line);
  } catch (const QueryError& e) {
    record_failure();
    throw GateError(
        fmt::format("migration {} (no-transaction) failed at line {}: {}{}; statements before "
                    "it stay applied and the file is recorded as failed",
                    p.file->script, line, e.server_message(),
                    e.sqlstate().empty() ? "" : " (SQLSTATE " + e.sqlstate() + ")"),
        "repair the database by hand, delete the failed row from relctl.schema_history, then "
        "run again; " +
            applied_note(applied));
  } catch (...) {
    record_failure();
    throw;
  }
  const long long ms = elapsed_ms(t0);
  record(conn, *p.file, ms, true, options.run_id, "none");
  applied.push_back({p.file->script, ms, "none"});
}

}  // namespace

std::vector<AppliedFile> apply_migrations(Connection& conn,
                                          const std::vector<const MigrationFile*>& pending,
                                          const ApplyOptions& options) {
  const std::vector<Prepared> files = prepare(pending);
  std::vector<AppliedFile> applied;
  for (const auto& g : group(files, options.mode)) {
    if (g.front()->file->no_transaction) {
      run_alone(conn, *g.front(), options, applied);
    } else {
      run_in_transaction(conn, g, options, applied);
    }
  }
  return applied;
}

}  // namespace relctl::pg
