#pragma once
// The last step before relctl writes text for people: under GitHub Actions,
// text that a workflow runner would read as a command (`::add-mask::`,
// `::warning::`, `##[...]`) is fenced off so that the runner only prints it.

#include <cstdio>
#include <string>
#include <string_view>

namespace relctl::report {

/// True when relctl runs under GitHub Actions (GITHUB_ACTIONS=true).
bool github_actions();

/// `text` ready to print: unchanged, except under GitHub Actions when a line
/// of it could be read as a workflow command; then it is wrapped in
/// `::stop-commands::TOKEN` ... `::TOKEN::` with a fresh random token, so
/// that the runner shows those lines and runs none of them.
std::string guard_workflow_commands(std::string text);

/// Writes guard_workflow_commands(redactor().clean(text)) to `out` and
/// flushes: how relctl prints outside text (gate output, database values,
/// error messages).
void print_text(std::FILE* out, std::string_view text);

}  // namespace relctl::report
