#pragma once
// Small escapes shared by the adapters: SQL identifiers and literals (the
// same rules in SQLite and Postgres), URL percent-encoding, JSON strings;
// and the singular or plural that goes with a count.

#include <cstdint>
#include <string>
#include <string_view>

namespace relctl::core {

/// `"name"` with every `"` doubled: any table or column name, however odd
/// (`x"; DROP TABLE y; --`), becomes exactly one SQL identifier.
std::string quote_identifier(std::string_view name);

/// `'text'` with every `'` doubled: a SQL string literal.
std::string quote_literal(std::string_view text);

/// RFC 3986 percent-encoding: unreserved characters stay, every other byte
/// becomes %XX (upper-case hex).
std::string percent_encode(std::string_view text);

/// `text` as the inside of a JSON string, escaped the way nlohmann::json
/// writes it: `\"`, `\\`, `\b` `\f` `\n` `\r` `\t`, `\u00XX` for the
/// other control characters; every other byte as it is.
std::string json_escape(std::string_view text);

/// `text` with every %XX (hex) replaced by its byte; a `%` not followed by
/// two hex digits stays as it is.
std::string percent_decode(std::string_view text);

/// `singular` when `n` is 1, else `many` (by default `singular` + "s"):
/// the noun (or verb) that goes with a count, as in "1 row", "2 rows".
std::string plural(std::int64_t n, std::string_view singular, std::string_view many = {});

}  // namespace relctl::core
