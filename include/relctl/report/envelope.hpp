#pragma once
// The JSON documents of outcomes that are not a pipeline run, and the rule
// that --json prints exactly one document on stdout whatever happens: a run
// prints its own (reporters.hpp), every other outcome one of these.

#include <string>
#include <string_view>

namespace relctl::report {

/// `{"relctl", "schema", "command", "status": "error", "exit_code",
/// "error": {"message", "hint"}}` on one line; message and hint cleaned
/// (sanitized, secrets masked). `command` may be empty (before parsing).
std::string error_document(std::string_view command, int exit_code, std::string_view message,
                           std::string_view hint);

/// The document of `relctl --version --json`: status "passed", exit code 0
/// and the version.
std::string version_document();

/// The document of `relctl --help --json`: status "passed" and the help text.
std::string help_document(std::string_view help);

/// Writes one document (and a newline) to stdout and remembers that it did.
void print_document(std::string_view json);

/// True once print_document() (or a run's JSON reporter) wrote a document.
bool document_printed();

}  // namespace relctl::report
