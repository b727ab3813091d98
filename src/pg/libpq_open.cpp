#include "pg/libpq_open.hpp"

#include <chrono>

#include "relctl/core/error.hpp"
#include "relctl/core/interrupt.hpp"
#include "relctl/core/log.hpp"
#include "relctl/core/redactor.hpp"

namespace relctl::pg {

PGconn* open_libpq(const ConnectOptions& options, core::Redactor& redactor) {
  redactor.add_connection_string(options.conninfo);
  const std::string conninfo = build_conninfo(options);
  redactor.add_connection_string(conninfo);
  core::throw_if_interrupted();
  const auto t0 = std::chrono::steady_clock::now();
  PGconn* conn = PQconnectdb(conninfo.c_str());
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0)
          .count();
  if (!conn || PQstatus(conn) != CONNECTION_OK) {
    std::string message = conn ? PQerrorMessage(conn) : "out of memory";
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
      message.pop_back();
    }
    if (conn) PQfinish(conn);
    core::log_debug("pg {}: cannot connect after {}ms: {}", options.label, ms,
                    redactor.mask(message));
    throw DependencyError(options.label + ": cannot connect: " + redactor.mask(message),
                          "check the connection string of " + options.label +
                              " and that the server is running and reachable from here");
  }
  // libpq's notices ("there is no transaction in progress", RAISE NOTICE)
  // must not reach the terminal unmasked: relctl reports what matters itself.
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);
  core::log_debug("pg {}: connected in {}ms (server {}, backend pid {}, {})", options.label, ms,
                  PQserverVersion(conn), PQbackendPID(conn), options.application_name);
  return conn;
}

std::string sql_for_log(const std::string& sql, const Params& params) {
  constexpr std::size_t max = 2000;
  std::string out = sql.size() <= max ? sql
                                      : sql.substr(0, max) + "... (" +
                                            std::to_string(sql.size() - max) + " more bytes)";
  for (std::size_t i = 0; i < params.size(); ++i) {
    out += (i == 0 ? " [" : ", ") + std::string("$") + std::to_string(i + 1) + "=" +
           params[i].substr(0, 200);
  }
  if (!params.empty()) out += "]";
  return out;
}

}  // namespace relctl::pg
