#pragma once
// The Postgres adapter: a thin RAII connection over libpqxx 6.4 that never
// lets a libpq/pqxx exception out. Connection problems become
// DependencyError (exit 3) and refused statements QueryError (a
// DependencyError with the SQLSTATE and the statement), always with every
// password masked. libpqxx stays behind the pimpl: nothing here includes it.

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "relctl/core/error.hpp"

namespace relctl::core {
class Redactor;
}

namespace relctl::pg {

/// One result row as text; nullopt for SQL NULL.
using Row = std::vector<std::optional<std::string>>;
using Rows = std::vector<Row>;
/// Statement parameters ($1, $2, ...), all passed as text.
using Params = std::vector<std::string>;

struct ConnectOptions {
  std::string conninfo;          // URL or key=value form, as read from the variable
  std::string label;             // for messages: "database warehouse ($WAREHOUSE_URL)"
  std::string application_name;  // "relctl/<run id>", shown in pg_stat_activity
  std::chrono::milliseconds connect_timeout{10000};
  std::string dbname;  // non-empty: connect to this database on the same server instead
};

/// A statement the server refused. what() is "<label>: <server message>"
/// (masked); the parts are kept for gates that name a file and line.
class QueryError : public DependencyError {
 public:
  QueryError(const std::string& label, std::string server_message, std::string sqlstate,
             std::string statement, int line);
  const std::string& server_message() const noexcept { return server_message_; }
  const std::string& sqlstate() const noexcept { return sqlstate_; }
  const std::string& statement() const noexcept { return statement_; }
  /// The 1-based line within statement() the server pointed at; 0 if it did not.
  int line() const noexcept { return line_; }

 private:
  std::string server_message_;
  std::string sqlstate_;
  std::string statement_;
  int line_;
};

/// The server closed relctl's session (it was terminated, restarted, or the
/// network went): "lost the connection to <label>: <why>" (exit 3). Locks
/// the session held went with it.
struct ConnectionLost : DependencyError {
  ConnectionLost(const std::string& label, const std::string& why)
      : DependencyError("lost the connection to " + label + ": " + why,
                        "check that the server is up and reachable, then run again") {}
};

/// `conninfo` (URL or key=value form) with application_name, connect_timeout
/// and (if given) dbname appended so that they override what it says. Never
/// throws: a malformed string fails in Connection::open.
std::string build_conninfo(const ConnectOptions& options);

/// Registers every secret of options.conninfo with `redactor`, then throws
/// ConfigError (exit 2) naming options.label, but never quoting the string,
/// when libpq cannot parse it or it names a port that is not a number.
void check_conninfo(const ConnectOptions& options, core::Redactor& redactor);

class Connection {
 public:
  /// Registers the connection string's password with `redactor`, then
  /// connects. Throws DependencyError (exit 3) with a masked message and a
  /// hint if the server cannot be reached or refuses us.
  static std::unique_ptr<Connection> open(const ConnectOptions& options, core::Redactor& redactor);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  /// Runs `sql` in the open transaction, or on its own (autocommit) outside
  /// one. Without params it may hold several statements. Throws QueryError,
  /// DependencyError, or Interrupted when Ctrl-C cancelled it.
  Rows query(const std::string& sql, const Params& params = {});
  /// The first column of the first row, or nullopt (no rows, or NULL).
  std::optional<std::string> query_value(const std::string& sql, const Params& params = {});

  /// Runs `sql` as exactly one statement through the extended protocol
  /// (Parse, Bind, Execute): the server refuses a second statement in it,
  /// however it is hidden. For SQL written by users; otherwise as query().
  Rows query_one(const std::string& sql, const Params& params = {});

  /// Opens a transaction (read-only if asked); throws if one is open.
  void begin(bool read_only = false);
  void commit();
  /// Rolls back the open transaction, if any. Never throws.
  void rollback() noexcept;

  /// While true (the default), Ctrl-C cancels the statement in flight and the
  /// call throws Interrupted. Cleanup (dropping a scratch database) turns it off.
  void set_interruptible(bool on);
  bool interruptible() const;

  /// e.g. 150004 for 15.4.
  int server_version_num() const;
  int backend_pid() const;

 private:
  struct Impl;
  explicit Connection(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// A transaction that is rolled back when the scope ends without commit()
/// (an error, Ctrl-C, or a check that only reads).
class ScopedTransaction {
 public:
  explicit ScopedTransaction(Connection& conn, bool read_only = false) : conn_(conn) {
    conn_.begin(read_only);
  }
  ~ScopedTransaction() { conn_.rollback(); }
  ScopedTransaction(const ScopedTransaction&) = delete;
  ScopedTransaction& operator=(const ScopedTransaction&) = delete;
  void commit() { conn_.commit(); }

 private:
  Connection& conn_;
};

/// Makes every transaction `conn` begins read-only for a scope (SET SESSION
/// default_transaction_read_only = on, reset at the end): where relctl
/// promises that users' SQL only reads ([[db_checks]], db_version_sql).
class ReadOnlySession {
 public:
  /// Throws QueryError/DependencyError when the setting cannot be made.
  explicit ReadOnlySession(Connection& conn);
  ~ReadOnlySession();
  ReadOnlySession(const ReadOnlySession&) = delete;
  ReadOnlySession& operator=(const ReadOnlySession&) = delete;

 private:
  Connection& conn_;
};

/// True for the SQLSTATEs of a statement refused because it writes in a
/// read-only transaction (25006).
bool is_read_only_violation(const QueryError& e);

/// True when the server refused `sql` for holding several statements where
/// the extended protocol allows one.
bool is_several_statements(const QueryError& e);

/// Makes `conn` ignore Ctrl-C for a scope (cleanup that must finish).
class Uninterruptible {
 public:
  explicit Uninterruptible(Connection& conn) : conn_(conn), was_(conn.interruptible()) {
    conn_.set_interruptible(false);
  }
  ~Uninterruptible() { conn_.set_interruptible(was_); }
  Uninterruptible(const Uninterruptible&) = delete;
  Uninterruptible& operator=(const Uninterruptible&) = delete;

 private:
  Connection& conn_;
  bool was_;
};

/// `"name"` with inner quotes doubled: an identifier that is only ever a name.
std::string quote_ident(std::string_view name);

}  // namespace relctl::pg
