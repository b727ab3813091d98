#pragma once
// Function signatures as relctl.toml writes them and as pg_proc reports
// them (format_type), brought to one spelling: int4 = integer, _text = text[].

#include <string>
#include <string_view>
#include <vector>

namespace relctl::gates {

/// The canonical spelling of a type name: lower case, single spaces, no
/// typmod, aliases resolved ("int4" -> "integer", "_text" -> "text[]",
/// "varchar(20)" -> "character varying", "pg_catalog.bool" -> "boolean").
std::string normalise_type_name(std::string_view type);

/// Same type, once normalised; a schema-qualified name matches an
/// unqualified one with the same name ("ops.job_status" = "job_status").
bool same_type(std::string_view a, std::string_view b);

/// "ops.claim_pending_job(text[], integer, text)".
std::string format_signature(std::string_view name, const std::vector<std::string>& args);

}  // namespace relctl::gates
