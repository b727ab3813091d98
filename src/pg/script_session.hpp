#pragma once
// A libpq session of its own for running migration files: many statements
// in one simple-protocol query (one round trip for a batch, with the failing
// statement still known), COPY ... FROM stdin with inline data, the
// transaction status libpq tracks, and Ctrl-C/SIGTERM cancelling the
// statement in flight. Private to src/pg (the migrator is its only user).

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "relctl/pg/connection.hpp"

namespace relctl::core {
class Redactor;
}

namespace relctl::pg {

/// An error the server raised for a statement of a script.
struct ServerError {
  std::string message;  // primary message, masked
  std::string sqlstate;
  std::string detail;   // masked; may be empty
  std::string context;  // masked; "COPY t, line 3, column b: ..." for COPY data
  int position = 0;     // 1-based character of the query sent, 0 when the server gave none
};

/// What happened to a query of one or more statements.
struct BatchOutcome {
  int completed = 0;   // statements that completed (all of them unless `error`)
  long long rows = 0;  // COPY: rows the server loaded
  std::optional<ServerError> error;
};

class ScriptSession {
 public:
  /// Connects like Connection::open (password registered with `redactor`
  /// first); throws DependencyError (exit 3) when it cannot.
  static std::unique_ptr<ScriptSession> open(const ConnectOptions& options,
                                             core::Redactor& redactor);
  ~ScriptSession();
  ScriptSession(const ScriptSession&) = delete;
  ScriptSession& operator=(const ScriptSession&) = delete;

  /// Sends `sql` (statements separated by ';') as one query and reads every
  /// result; the server stops at the first error. Throws Interrupted after
  /// Ctrl-C cancelled it, DependencyError when the connection is lost.
  BatchOutcome run(std::string_view sql);
  /// COPY ... FROM STDIN followed by `data`; throws like run().
  BatchOutcome copy_in(std::string_view statement, std::string_view data);
  /// One statement of relctl's own, with parameters; throws QueryError when
  /// the server refuses it (exit 3), DependencyError, Interrupted.
  Rows query(const std::string& sql, const Params& params = {});

  enum class Tx { idle, open, failed, unknown };
  /// Whether a transaction is open on the session (libpq's view after the last result).
  Tx transaction() const;
  /// False once the connection is lost.
  bool connected() const;
  /// A setting the server reports to libpq ("standard_conforming_strings").
  std::string setting(const char* name) const;
  /// While true (the default), Ctrl-C cancels the statement in flight.
  void set_interruptible(bool on);
  bool interruptible() const;
  const std::string& label() const;

 private:
  struct Impl;
  explicit ScriptSession(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace relctl::pg
