#pragma once
// Where outside text becomes inside text. Command output, data values, file
// and branch names, arguments and library messages pass through sanitize()
// before any reporter, JSON document, ledger row or message holds them, so
// that nothing relctl prints or stores can be invalid UTF-8 or drive a
// terminal.

#include <string>
#include <string_view>

namespace relctl::core {

/// `text` as valid UTF-8 that is safe to show: every byte that is not part
/// of a valid UTF-8 sequence becomes U+FFFD; CRLF becomes LF; every other
/// control character except newline and tab is written as `\xHH` (ESC is
/// `\x1b`), C1 controls and the Unicode line separators and bidirectional
/// overrides as `\uHHHH`. Idempotent; linear in the size of `text`.
std::string sanitize(std::string_view text);

/// sanitize(text) on one line: newline and tab are escaped too (`\n`,
/// `\t`). For quoting an outside name or value inside a message.
std::string sanitize_line(std::string_view text);

/// `json` (the text of a JSON document) with invalid UTF-8 replaced by
/// U+FFFD and the characters sanitize() escapes written as JSON `\u` escapes,
/// so that valid JSON stays valid. Linear; never throws.
std::string sanitize_json(std::string_view json);

/// True when `text` holds a control character (newline and tab included),
/// DEL or invalid UTF-8: what must never reach a commit or tag message.
bool has_control_characters(std::string_view text);

/// True when a line of `text` could be read as a GitHub Actions workflow
/// command: `::` first on a line after blanks, or `##[` anywhere.
bool has_workflow_command(std::string_view text);

/// `prefix` followed by 128 random bits in hex: a delimiter or fence that
/// untrusted text cannot guess.
std::string random_token(std::string_view prefix);

/// `text` unchanged, or, when has_workflow_command(text), wrapped in
/// `::stop-commands::TOKEN` ... `::TOKEN::` with a fresh random token, so
/// that a GitHub runner shows those lines and runs none of them.
std::string fence_workflow_commands(std::string text);

}  // namespace relctl::core
