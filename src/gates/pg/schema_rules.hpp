#pragma once
// SPEC §6's schema guard rules as a pure function: the application's schema
// version against the database's.

#include <optional>
#include <string>
#include <string_view>

namespace relctl::gates {

struct SchemaVersion {
  long major = 0;
  long minor = 0;
  long patch = 0;
};

/// "1", "1.4", "1.4.2" or "v1.4.2" (blanks around ignored); nullopt otherwise.
std::optional<SchemaVersion> parse_schema_version(std::string_view text);

struct SchemaVerdict {
  bool ok = false;
  std::string message;
  std::string hint;  // empty when ok
};

/// equal -> ok; database newer in minor/patch -> ok; application newer -> fail
/// ("run migrations"); different major -> fail; either malformed -> fail.
SchemaVerdict judge_schema_versions(std::string_view app, std::string_view db);

}  // namespace relctl::gates
