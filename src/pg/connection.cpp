// The libpqxx side of the Postgres adapter. Every pqxx/libpq exception is
// caught here and rethrown as a relctl error with a masked message.

#include "relctl/pg/connection.hpp"

#include <cctype>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <pqxx/pqxx>
#include <stop_token>
#include <thread>

#include "pg/libpq_open.hpp"
#include "relctl/core/conninfo.hpp"
#include "relctl/core/interrupt.hpp"
#include "relctl/core/log.hpp"
#include "relctl/core/redactor.hpp"
#include "relctl/core/text.hpp"
#include "relctl/pg/sql_script.hpp"

namespace relctl::pg {

namespace {

using Clock = std::chrono::steady_clock;

long long ms_since(Clock::time_point t0) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count();
}

std::string trim(std::string s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return s.substr(first, last - first + 1);
}

// The server's message without its "ERROR:  " prefix and without the
// "LINE 1: ..." excerpt libpq appends (relctl names the line itself).
std::string server_message(const std::string& raw) {
  std::string first = trim(raw.substr(0, raw.find('\n')));
  for (const char* prefix : {"ERROR:", "FATAL:", "PANIC:"}) {
    if (first.rfind(prefix, 0) == 0) first = trim(first.substr(std::string(prefix).size()));
  }
  return first;
}

// libpq's connection failure text, on one line: it may list several
// attempts (IPv4, IPv6), each with its own "connection to server ... failed".
std::string connect_message(const std::string& raw) {
  std::string out;
  for (char c : trim(raw)) {
    if (c == '\n') {
      if (!out.empty() && out.back() != ' ') out += "; ";
    } else {
      out += c;
    }
  }
  return out;
}

// The line within `sql` that the server pointed at: libpq's "LINE n:"
// excerpt when the error has a position, else pqxx's syntax error position.
int error_line(const pqxx::sql_error& e, const std::string& sql) {
  const std::string raw = e.what();
  static constexpr std::string_view marker = "\nLINE ";
  if (const auto at = raw.find(marker); at != std::string::npos) {
    int line = 0;
    for (std::size_t i = at + marker.size();
         i < raw.size() && std::isdigit(static_cast<unsigned char>(raw[i])); ++i) {
      line = line * 10 + (raw[i] - '0');
    }
    if (line > 0) return line;
  }
  if (const auto* se = dynamic_cast<const pqxx::syntax_error*>(&e); se && se->error_position > 0) {
    return line_of_position(sql, se->error_position);
  }
  return 0;
}

std::string connect_hint(const std::string& message, const std::string& label) {
  auto has = [&](const char* s) { return message.find(s) != std::string::npos; };
  if (has("password authentication failed") || has("no password supplied") || has("pg_hba.conf")) {
    return "check the user and password in the connection string of " + label +
           " (relctl never prints the password)";
  }
  if (has("does not exist")) {
    return "check the database (and user) name in the connection string of " + label;
  }
  if (has("translate host name") || has("Connection refused") || has("timeout expired") ||
      has("No route to host") || has("Network is unreachable")) {
    return "check the host and port in the connection string of " + label +
           ", and that the server is running and reachable from here";
  }
  return "check the connection string of " + label + " and that the server accepts us";
}

std::string quote_value(const std::string& value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

Rows to_rows(const pqxx::result& r) {
  Rows rows;
  rows.reserve(r.size());
  for (const auto& row : r) {
    Row out;
    out.reserve(row.size());
    for (const auto& field : row) {
      out.push_back(field.is_null() ? std::nullopt : std::optional<std::string>(field.c_str()));
    }
    rows.push_back(std::move(out));
  }
  return rows;
}

// Cancels the statement in flight when Ctrl-C arrives: libpq itself retries
// on EINTR, so without this a long statement would hold relctl hostage.
class CancelOnInterrupt {
 public:
  CancelOnInterrupt(pqxx::connection_base& conn, bool active) {
    if (!active) return;
    thread_ = std::jthread([&conn](std::stop_token stop) {
      std::mutex m;
      std::condition_variable_any cv;
      std::unique_lock lock(m);
      while (!stop.stop_requested()) {
        if (core::interrupt_requested()) {
          try {
            conn.cancel_query();
          } catch (...) {
            // Best effort: the statement then simply runs to its end.
          }
          return;
        }
        cv.wait_for(lock, stop, std::chrono::milliseconds(50), [] { return false; });
      }
    });
  }

 private:
  std::jthread thread_;
};

}  // namespace

QueryError::QueryError(const std::string& label, std::string server_message, std::string sqlstate,
                       std::string statement, int line)
    : DependencyError(
          label + ": " + server_message + (sqlstate.empty() ? "" : " (SQLSTATE " + sqlstate + ")"),
          "the database refused a statement relctl sent; check the role's "
          "privileges and the server log"),
      server_message_(std::move(server_message)),
      sqlstate_(std::move(sqlstate)),
      statement_(std::move(statement)),
      line_(line) {}

std::string build_conninfo(const ConnectOptions& options) {
  // libpq lets a later setting override an earlier one, in both forms, so
  // relctl's settings are appended rather than parsed in: the string is
  // otherwise passed on untouched, and libpq alone judges whether it is valid.
  std::string out = trim(options.conninfo);
  const bool url = out.rfind("postgresql://", 0) == 0 || out.rfind("postgres://", 0) == 0;
  auto add = [&](const std::string& key, const std::string& value) {
    if (url) {
      const char last = out.back();
      if (out.find('?') == std::string::npos) {
        out += '?';
      } else if (last != '?' && last != '&') {
        out += '&';
      }
      out += key + "=" + core::percent_encode(value);
    } else {
      out += (out.empty() ? "" : " ") + key + "=" + quote_value(value);
    }
  };
  if (!options.dbname.empty()) add("dbname", options.dbname);
  if (!options.application_name.empty()) add("application_name", options.application_name);
  // libpq counts whole seconds and treats 1 as 2; round up so "500ms" still times out.
  const auto ms = options.connect_timeout.count();
  add("connect_timeout", std::to_string(std::max<long long>(1, (ms + 999) / 1000)));
  return out;
}

struct Connection::Impl {
  Impl(std::unique_ptr<pqxx::connection> c, std::string l, core::Redactor& r)
      : conn(std::move(c)), label(std::move(l)), redactor(r) {}

  std::unique_ptr<pqxx::connection> conn;
  std::unique_ptr<pqxx::quiet_errorhandler> quiet;  // NOTICEs are not ours to print
  std::unique_ptr<pqxx::transaction_base> tx;
  std::string label;
  core::Redactor& redactor;
  bool interruptible = true;

  // Runs `sql` in the open transaction, or on its own outside one.
  Rows execute(const std::string& sql, const Params& params, bool extended) {
    if (interruptible) core::throw_if_interrupted();
    const auto t0 = Clock::now();
    try {
      pqxx::result r;
      {
        CancelOnInterrupt watch(*conn, interruptible);
        auto run = [&](pqxx::transaction_base& t) {
          return extended ? t.exec_params(sql, pqxx::prepare::make_dynamic_params(params))
                          : t.exec(sql);
        };
        if (tx) {
          r = run(*tx);
        } else {
          pqxx::nontransaction n(*conn);
          r = run(n);
          n.commit();
        }
      }
      Rows rows = to_rows(r);
      core::log_debug("pg {}: {} -> {} row(s) in {}ms", label, sql_for_log(sql, params),
                      rows.size(), ms_since(t0));
      return rows;
    } catch (...) {
      core::log_debug("pg {}: {} -> failed after {}ms", label, sql_for_log(sql, params),
                      ms_since(t0));
      rethrow(sql);
    }
  }

  // Turns the exception in flight into a relctl error. Call only from a catch block.
  [[noreturn]] void rethrow(const std::string& sql) {
    try {
      throw;
    } catch (const Error&) {
      throw;
    } catch (const pqxx::broken_connection& e) {
      tx.reset();
      throw ConnectionLost(redactor.mask(label), redactor.mask(connect_message(e.what())));
    } catch (const pqxx::in_doubt_error& e) {
      tx.reset();
      throw DependencyError(redactor.mask(label +
                                          ": the connection broke while committing; whether the "
                                          "transaction was committed is unknown: " +
                                          server_message(e.what())),
                            "inspect the database (relctl.schema_history) before running again");
    } catch (const pqxx::sql_error& e) {
      if (e.sqlstate() == "57014" && core::interrupt_requested()) throw Interrupted();
      // The server ended the session (57P01-57P03) or the link broke (class 08).
      if (e.sqlstate().rfind("57P0", 0) == 0 || e.sqlstate().rfind("08", 0) == 0) {
        tx.reset();
        throw ConnectionLost(redactor.mask(label), redactor.mask(server_message(e.what())));
      }
      throw QueryError(label, redactor.mask(server_message(e.what())), e.sqlstate(),
                       redactor.mask(sql), error_line(e, sql));
    } catch (const std::exception& e) {
      throw DependencyError(redactor.mask(label + ": " + server_message(e.what())),
                            "check the connection string and the server, then run again");
    }
  }
};

Connection::Connection(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Connection::~Connection() {
  rollback();
  impl_->quiet.reset();
}

void check_conninfo(const ConnectOptions& options, core::Redactor& redactor) {
  // Register the password before anything can print a message about this connection.
  redactor.add_connection_string(options.conninfo);
  const std::string problem = core::conninfo_problem(options.conninfo);
  if (problem.empty()) return;
  throw ConfigError(options.label + ": the connection string is not usable: " + problem +
                        "; relctl does not show it, as it may hold a password",
                    "write it as postgresql://USER:PASSWORD@HOST:PORT/DATABASE with the "
                    "password's special characters percent-encoded (@ as %40, / as %2F, : as "
                    "%3A, % as %25, a space as %20), or as host=... user=... password='...'");
}

std::unique_ptr<Connection> Connection::open(const ConnectOptions& options,
                                             core::Redactor& redactor) {
  check_conninfo(options, redactor);
  const std::string conninfo = build_conninfo(options);
  redactor.add_connection_string(conninfo);
  core::throw_if_interrupted();
  const auto t0 = Clock::now();
  try {
    auto conn = std::make_unique<pqxx::connection>(conninfo);
    auto impl = std::make_unique<Impl>(std::move(conn), options.label, redactor);
    impl->quiet = std::make_unique<pqxx::quiet_errorhandler>(*impl->conn);
    core::log_debug("pg {}: connected in {}ms (server {}, backend pid {}, {})", options.label,
                    ms_since(t0), impl->conn->server_version(), impl->conn->backendpid(),
                    options.application_name);
    return std::unique_ptr<Connection>(new Connection(std::move(impl)));
  } catch (const std::exception& e) {
    const std::string message = redactor.mask(connect_message(e.what()));
    core::log_debug("pg {}: cannot connect after {}ms: {}", options.label, ms_since(t0), message);
    throw DependencyError(options.label + ": cannot connect: " + message,
                          connect_hint(message, options.label));
  }
}

Rows Connection::query_one(const std::string& sql, const Params& params) {
  return impl_->execute(sql, params, /*extended=*/true);
}

Rows Connection::query(const std::string& sql, const Params& params) {
  // Without parameters pqxx takes the simple protocol, which runs several statements.
  return impl_->execute(sql, params, /*extended=*/!params.empty());
}

std::optional<std::string> Connection::query_value(const std::string& sql, const Params& params) {
  const Rows rows = query(sql, params);
  if (rows.empty() || rows.front().empty()) return std::nullopt;
  return rows.front().front();
}

void Connection::begin(bool read_only) {
  Impl& i = *impl_;
  if (i.tx) throw Error(ExitCode::gate_failed, i.label + ": a transaction is already open");
  core::log_debug("pg {}: BEGIN{}", i.label, read_only ? " READ ONLY" : "");
  try {
    if (read_only) {
      i.tx = std::make_unique<pqxx::read_transaction>(*i.conn);
    } else {
      i.tx = std::make_unique<pqxx::work>(*i.conn);
    }
  } catch (...) {
    i.rethrow("BEGIN");
  }
}

void Connection::commit() {
  Impl& i = *impl_;
  if (!i.tx) return;
  core::log_debug("pg {}: COMMIT", i.label);
  try {
    CancelOnInterrupt watch(*i.conn, i.interruptible);
    i.tx->commit();
    i.tx.reset();
  } catch (...) {
    i.tx.reset();
    i.rethrow("COMMIT");
  }
}

void Connection::rollback() noexcept {
  Impl& i = *impl_;
  if (!i.tx) return;
  core::log_debug("pg {}: ROLLBACK", i.label);
  try {
    i.tx->abort();
  } catch (...) {
    // The connection is gone or the transaction already ended: nothing to roll back.
  }
  i.tx.reset();
}

void Connection::set_interruptible(bool on) {
  impl_->interruptible = on;
}
bool Connection::interruptible() const {
  return impl_->interruptible;
}

int Connection::server_version_num() const {
  return impl_->conn->server_version();
}
int Connection::backend_pid() const {
  return impl_->conn->backendpid();
}

ReadOnlySession::ReadOnlySession(Connection& conn) : conn_(conn) {
  conn_.query("SET SESSION default_transaction_read_only = on");
}

ReadOnlySession::~ReadOnlySession() {
  try {
    conn_.query("RESET default_transaction_read_only");
  } catch (...) {
    // The connection is gone: so is its setting.
  }
}

bool is_read_only_violation(const QueryError& e) {
  return e.sqlstate() == "25006";
}

bool is_several_statements(const QueryError& e) {
  return e.sqlstate() == "42601" &&
         e.server_message().find("multiple commands") != std::string::npos;
}

std::string quote_ident(std::string_view name) {
  return core::quote_identifier(name);
}

}  // namespace relctl::pg
