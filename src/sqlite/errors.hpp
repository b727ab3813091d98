#pragma once
// Private to src/sqlite: the one place where SQLite's result codes become
// relctl errors that name the snapshot and say what to do.

#include <filesystem>
#include <string_view>

namespace relctl::sqlite::detail {

/// Throws the relctl::Error for SQLite result code `code` (extended codes
/// welcome) raised while `doing` something with the snapshot at `path`:
/// Interrupted for SQLITE_INTERRUPT, GateError with its own message and hint
/// for corrupt, not-a-database, locked, unreadable and refused writes.
[[noreturn]] void raise(int code, std::string_view sqlite_message,
                        const std::filesystem::path& path, std::string_view doing);

}  // namespace relctl::sqlite::detail
