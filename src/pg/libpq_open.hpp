#pragma once
// Opening a plain libpq connection, for the parts of the Postgres adapter
// that do not go through libpqxx (data.export's COPY, the migration
// session), and how the run's log shows a statement. Private to src/pg.

#include <libpq-fe.h>

#include <string>

#include "relctl/pg/connection.hpp"

namespace relctl::core {
class Redactor;
}

namespace relctl::pg {

/// Connects with `options` (password registered with `redactor` first,
/// libpq's notices silenced); the caller owns the result (PQfinish).
/// Throws DependencyError (exit 3) with a masked message when it cannot.
PGconn* open_libpq(const ConnectOptions& options, core::Redactor& redactor);

/// A statement as the run's log shows it: whole up to 2,000 bytes, with its
/// parameters; longer ones are cut (a migration's data can be megabytes).
std::string sql_for_log(const std::string& sql, const Params& params = {});

}  // namespace relctl::pg
