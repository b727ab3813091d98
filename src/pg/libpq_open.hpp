#pragma once
// Opening a plain libpq connection, for the parts of the Postgres adapter
// that do not go through libpqxx (data.export's COPY, the migration
// session). Private to src/pg.

#include <libpq-fe.h>

#include "relctl/pg/connection.hpp"

namespace relctl::core {
class Redactor;
}

namespace relctl::pg {

/// Connects with `options` (password registered with `redactor` first,
/// libpq's notices silenced); the caller owns the result (PQfinish).
/// Throws DependencyError (exit 3) with a masked message when it cannot.
PGconn* open_libpq(const ConnectOptions& options, core::Redactor& redactor);

}  // namespace relctl::pg
