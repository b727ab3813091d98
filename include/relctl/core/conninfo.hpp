#pragma once
// Connection strings read the way libpq reads them (PQconninfoParse), so
// that the redactor finds a password wherever libpq would take one from, and
// so that a string libpq cannot use is reported without showing it.

#include <string>
#include <string_view>
#include <vector>

namespace relctl::core {

/// True for text that names a URL (`scheme://...`).
bool looks_like_url(std::string_view text);

/// True for a `postgres://` or `postgresql://` URL, or a key=value string
/// that sets `password`: text that is meant as a Postgres connection string.
bool looks_like_conninfo(std::string_view text);

/// Every part of `conninfo` that holds a password or a piece of one: the
/// password libpq reads, the password as typed in the URL's userinfo (up to
/// its last `@`, raw and percent-decoded), a port that is not a number (a
/// password in a URL without `@host`), and host or database names that hold
/// an `@` (a password with an unencoded `/` or `@` spills into them).
/// Without `whole_if_invalid`, nothing is added for what libpq rejects
/// beyond those parts; with it, the whole string is a secret then.
std::vector<std::string> conninfo_secrets(std::string_view conninfo, bool whole_if_invalid);

/// Why libpq cannot use `conninfo`, without quoting any of it ("libpq cannot
/// parse it", "its port is not a number"); empty when it can.
std::string conninfo_problem(std::string_view conninfo);

}  // namespace relctl::core
