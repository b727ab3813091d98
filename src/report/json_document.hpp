#pragma once
// JSON documents as relctl prints and stores them: every string cleaned
// (sanitized, secrets masked) value by value, so that masking can never
// break the JSON around a value, and no line of them a workflow command.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace relctl::report {

/// The fields every document starts with: `relctl`, `schema`, `command`,
/// `status` and `exit_code`; a command adds its own to it.
nlohmann::json document_head(std::string_view command, std::string_view status, int exit_code);

/// `doc` with every string value and key passed through redactor().clean().
nlohmann::json cleaned(const nlohmann::json& doc);

/// cleaned(doc) on one line, `##[` written `##\u005b`; never throws.
std::string json_text(const nlohmann::json& doc);

/// print_document(json_text(doc)): the one way a JSON document reaches stdout.
void print_json(const nlohmann::json& doc);

}  // namespace relctl::report
