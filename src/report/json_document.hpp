#pragma once
// JSON documents as relctl prints and stores them: every string cleaned
// (sanitized, secrets masked) value by value, so that masking can never
// break the JSON around a value, and no line of them a workflow command.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace relctl::report {

/// The value of "schema" in every document relctl prints under --json; it
/// changes only when a field is removed or changes meaning.
inline constexpr int json_schema_version = 1;

/// "passed" (0), "failed" (1), "interrupted" (130), else "error" (2, 3, 4):
/// the status of a command's document when it has no status of its own.
std::string_view status_for(int exit_code);

/// The one envelope of every --json document (docs/json.md):
/// `{"relctl": VERSION, "schema": 1, "command", "status", "exit_code"}`
/// followed by the command's own `fields` (an object; its keys never
/// replace those five). `command` may be empty (before parsing): null.
nlohmann::json envelope(std::string_view command, std::string_view status, int exit_code,
                        const nlohmann::json& fields = nlohmann::json::object());

/// Prints envelope(command, status_for(exit_code), exit_code, fields) as the
/// command's one document and returns exit_code: `return print_envelope(...)`.
int print_envelope(std::string_view command, int exit_code, const nlohmann::json& fields);

/// `doc` with every string value and key passed through redactor().clean().
nlohmann::json cleaned(const nlohmann::json& doc);

/// cleaned(doc) on one line, `##[` written `##\u005b`; never throws.
std::string json_text(const nlohmann::json& doc);

/// print_document(json_text(doc)): the one way a JSON document reaches stdout.
void print_json(const nlohmann::json& doc);

}  // namespace relctl::report
