#pragma once
// A small JSON Schema validator for the subset docs/relctl.schema.json uses
// (Debian has no validator for nlohmann/json): type, required, properties,
// additionalProperties, enum, const, items, $ref into #/$defs, anyOf, oneOf,
// allOf. A keyword outside that subset is an error, never ignored.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace relctl::test {

struct ProcessResult;

/// Why `doc` does not match `schema`, one line per problem with its JSON
/// pointer ("/gates/0/status: \"ok\" is not one of [...]"); empty when it
/// matches. Throws std::runtime_error for a keyword outside the subset.
std::vector<std::string> schema_errors(const nlohmann::json& schema, const nlohmann::json& doc);

/// docs/relctl.schema.json of this source tree, parsed.
const nlohmann::json& relctl_schema();

/// Checks a --json run's output: one document, valid against
/// relctl_schema(), with the process's exit code and the given status.
/// Returns the document.
nlohmann::json check_envelope(const ProcessResult& r, int exit_code, const std::string& status);

}  // namespace relctl::test
