// ScriptSession over libpq (see script_session.hpp). Queries are sent
// asynchronously and their results awaited with poll(), so that Ctrl-C and
// SIGTERM cancel the statement in flight without a helper thread.

#include "pg/script_session.hpp"

#include <libpq-fe.h>
#include <poll.h>

#include <chrono>
#include <vector>

#include "pg/libpq_open.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/interrupt.hpp"
#include "relctl/core/log.hpp"
#include "relctl/core/redactor.hpp"
#include "relctl/pg/connection.hpp"

namespace relctl::pg {

namespace {

struct ResultDeleter {
  void operator()(PGresult* r) const noexcept { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

std::string trimmed(const char* text) {
  std::string s = text ? text : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

constexpr std::size_t copy_chunk = 1 << 20;

using Clock = std::chrono::steady_clock;

long long ms_since(Clock::time_point t0) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count();
}

// The run's log line of a query sent for a script: what it did and how long it took.
void log_outcome(const std::string& label, const std::string& sql, const BatchOutcome& out,
                 Clock::time_point t0) {
  if (!core::run_log_active()) return;
  if (out.error) {
    core::log_debug("pg {}: {} -> failed after {}ms ({} statement(s) completed): {}", label,
                    sql_for_log(sql), ms_since(t0), out.completed, out.error->message);
  } else {
    core::log_debug("pg {}: {} -> {} statement(s){} in {}ms", label, sql_for_log(sql),
                    out.completed, out.rows ? ", " + std::to_string(out.rows) + " row(s)" : "",
                    ms_since(t0));
  }
}

}  // namespace

struct ScriptSession::Impl {
  PGconn* conn = nullptr;
  std::string label;
  core::Redactor* redactor = nullptr;
  bool interruptible = true;
  bool cancelled = false;

  ~Impl() {
    if (conn) PQfinish(conn);
  }

  [[noreturn]] void lost() const {
    throw ConnectionLost(redactor->mask(label), redactor->mask(trimmed(PQerrorMessage(conn))));
  }

  void cancel() noexcept {
    if (PGcancel* c = PQgetCancel(conn)) {
      char buf[256];
      PQcancel(c, buf, sizeof buf);
      PQfreeCancel(c);
    }
    cancelled = true;
  }

  void send(const std::string& sql, const Params& params) {
    if (interruptible) core::throw_if_interrupted();
    cancelled = false;
    int ok = 0;
    if (params.empty()) {
      ok = PQsendQuery(conn, sql.c_str());
    } else {
      std::vector<const char*> values;
      for (const auto& p : params) values.push_back(p.c_str());
      ok = PQsendQueryParams(conn, sql.c_str(), static_cast<int>(values.size()), nullptr,
                             values.data(), nullptr, nullptr, 0);
    }
    if (!ok) lost();
  }

  // The next result of the query in flight (null when it is done); Ctrl-C
  // cancels the query once and the wait goes on for the server's answer.
  Result next() {
    while (true) {
      if (!PQconsumeInput(conn)) lost();
      if (!PQisBusy(conn)) return Result(PQgetResult(conn));
      if (interruptible && !cancelled && core::interrupt_requested()) cancel();
      pollfd p{PQsocket(conn), POLLIN, 0};
      poll(&p, 1, 50);
    }
  }

  ServerError error_of(const PGresult* r) const {
    auto field = [&](int code) { return trimmed(PQresultErrorField(r, code)); };
    ServerError e;
    e.message = redactor->mask(field(PG_DIAG_MESSAGE_PRIMARY));
    if (e.message.empty()) e.message = redactor->mask(trimmed(PQresultErrorMessage(r)));
    e.sqlstate = field(PG_DIAG_SQLSTATE);
    e.detail = redactor->mask(field(PG_DIAG_MESSAGE_DETAIL));
    e.context = redactor->mask(field(PG_DIAG_CONTEXT));
    const std::string pos = field(PG_DIAG_STATEMENT_POSITION);
    e.position = pos.empty() ? 0 : std::stoi(pos);
    return e;
  }

  // Reads every result of the query in flight into `out`.
  void drain(BatchOutcome& out) {
    while (Result r = next()) {
      switch (PQresultStatus(r.get())) {
        case PGRES_COMMAND_OK:
        case PGRES_TUPLES_OK:
          if (!out.error) ++out.completed;
          if (const char* n = PQcmdTuples(r.get()); n && *n && out.rows == 0) {
            if (std::string_view(PQcmdStatus(r.get())).rfind("COPY", 0) == 0) {
              out.rows = std::stoll(n);
            }
          }
          break;
        case PGRES_COPY_OUT: {
          // COPY ... TO STDOUT: psql prints the rows; a migration has nowhere to put them.
          char* data = nullptr;
          while (PQgetCopyData(conn, &data, 0) > 0) PQfreemem(data);
          break;
        }
        case PGRES_COPY_IN:
          // A COPY FROM STDIN that arrived without data: end it so the session stays usable.
          PQputCopyEnd(conn, "relctl sends COPY data only after COPY ... FROM stdin");
          break;
        case PGRES_EMPTY_QUERY:
          break;
        default:
          if (!out.error) out.error = error_of(r.get());
      }
    }
    if (PQstatus(conn) != CONNECTION_OK) lost();
    if (cancelled && core::interrupt_requested()) throw Interrupted();
  }
};

ScriptSession::ScriptSession(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ScriptSession::~ScriptSession() = default;

std::unique_ptr<ScriptSession> ScriptSession::open(const ConnectOptions& options,
                                                   core::Redactor& redactor) {
  auto impl = std::make_unique<Impl>();
  impl->label = options.label;
  impl->redactor = &redactor;
  impl->conn = open_libpq(options, redactor);
  return std::unique_ptr<ScriptSession>(new ScriptSession(std::move(impl)));
}

BatchOutcome ScriptSession::run(std::string_view sql) {
  const auto t0 = Clock::now();
  const std::string text(sql);
  impl_->send(text, {});
  BatchOutcome out;
  impl_->drain(out);
  log_outcome(impl_->label, text, out, t0);
  return out;
}

BatchOutcome ScriptSession::copy_in(std::string_view statement, std::string_view data) {
  Impl& i = *impl_;
  const auto t0 = Clock::now();
  const std::string text(statement);
  i.send(text, {});
  BatchOutcome out;
  Result first = i.next();
  if (!first || PQresultStatus(first.get()) != PGRES_COPY_IN) {
    if (first && PQresultStatus(first.get()) == PGRES_FATAL_ERROR)
      out.error = i.error_of(first.get());
    i.drain(out);
    if (!out.error) {
      out.error = ServerError{"the server did not start COPY FROM STDIN", "", "", "", 0};
    }
    log_outcome(i.label, text, out, t0);
    return out;
  }
  first.reset();
  const char* abort_reason = nullptr;
  for (std::size_t at = 0; at < data.size(); at += copy_chunk) {
    if (i.interruptible && core::interrupt_requested()) {
      abort_reason = "interrupted";
      break;
    }
    const std::string_view chunk = data.substr(at, copy_chunk);
    if (PQputCopyData(i.conn, chunk.data(), static_cast<int>(chunk.size())) != 1) i.lost();
  }
  if (PQputCopyEnd(i.conn, abort_reason) != 1) i.lost();
  i.drain(out);
  if (abort_reason) throw Interrupted();
  out.completed = out.error ? 0 : 1;
  log_outcome(i.label, text + " (" + std::to_string(data.size()) + " bytes of data)", out, t0);
  return out;
}

Rows ScriptSession::query(const std::string& sql, const Params& params) {
  Impl& i = *impl_;
  const auto t0 = Clock::now();
  i.send(sql, params);
  Rows rows;
  std::optional<ServerError> error;
  while (Result r = i.next()) {
    const auto status = PQresultStatus(r.get());
    if (status == PGRES_TUPLES_OK) {
      for (int row = 0; row < PQntuples(r.get()); ++row) {
        Row out;
        for (int col = 0; col < PQnfields(r.get()); ++col) {
          out.push_back(PQgetisnull(r.get(), row, col)
                            ? std::nullopt
                            : std::optional<std::string>(PQgetvalue(r.get(), row, col)));
        }
        rows.push_back(std::move(out));
      }
    } else if (status != PGRES_COMMAND_OK && !error) {
      error = i.error_of(r.get());
    }
  }
  if (PQstatus(i.conn) != CONNECTION_OK) i.lost();
  if (i.cancelled && core::interrupt_requested()) throw Interrupted();
  if (error) {
    core::log_debug("pg {}: {} -> failed after {}ms", i.label, sql_for_log(sql, params),
                    ms_since(t0));
    throw QueryError(i.label, error->message, error->sqlstate, i.redactor->mask(sql), 0);
  }
  core::log_debug("pg {}: {} -> {} row(s) in {}ms", i.label, sql_for_log(sql, params), rows.size(),
                  ms_since(t0));
  return rows;
}

ScriptSession::Tx ScriptSession::transaction() const {
  switch (PQtransactionStatus(impl_->conn)) {
    case PQTRANS_IDLE:
      return Tx::idle;
    case PQTRANS_INTRANS:
      return Tx::open;
    case PQTRANS_INERROR:
      return Tx::failed;
    default:
      return Tx::unknown;
  }
}

bool ScriptSession::connected() const {
  return PQstatus(impl_->conn) == CONNECTION_OK;
}

std::string ScriptSession::setting(const char* name) const {
  const char* v = PQparameterStatus(impl_->conn, name);
  return v ? v : "";
}

void ScriptSession::set_interruptible(bool on) {
  impl_->interruptible = on;
}

bool ScriptSession::interruptible() const {
  return impl_->interruptible;
}

const std::string& ScriptSession::label() const {
  return impl_->label;
}

}  // namespace relctl::pg
