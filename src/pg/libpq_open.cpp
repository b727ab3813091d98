#include "pg/libpq_open.hpp"

#include "relctl/core/error.hpp"
#include "relctl/core/interrupt.hpp"
#include "relctl/core/redactor.hpp"

namespace relctl::pg {

PGconn* open_libpq(const ConnectOptions& options, core::Redactor& redactor) {
  redactor.add_connection_string(options.conninfo);
  const std::string conninfo = build_conninfo(options);
  redactor.add_connection_string(conninfo);
  core::throw_if_interrupted();
  PGconn* conn = PQconnectdb(conninfo.c_str());
  if (!conn || PQstatus(conn) != CONNECTION_OK) {
    std::string message = conn ? PQerrorMessage(conn) : "out of memory";
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
      message.pop_back();
    }
    if (conn) PQfinish(conn);
    throw DependencyError(options.label + ": cannot connect: " + redactor.mask(message),
                          "check the connection string of " + options.label +
                              " and that the server is running and reachable from here");
  }
  // libpq's notices ("there is no transaction in progress", RAISE NOTICE)
  // must not reach the terminal unmasked: relctl reports what matters itself.
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);
  return conn;
}

}  // namespace relctl::pg
