#pragma once
// The reporters relctl ships: human lines on a terminal, one JSON document
// for --json, and GitHub Actions annotations plus a step summary.

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "relctl/core/progress.hpp"
#include "relctl/core/reporter.hpp"

namespace relctl::report {

struct HumanOptions {
  bool color = false;    // decided by the caller: TTY, --no-color, NO_COLOR
  bool verbose = false;  // show details and passed gates' messages
  bool quiet = false;    // failures and the final line only
};

/// One line per gate (status, id, duration, message) on `out`.
std::unique_ptr<core::Reporter> make_human_reporter(std::FILE* out, HumanOptions options);

/// Writes exactly one JSON document (SPEC §7) to `out` when the run finishes.
std::unique_ptr<core::Reporter> make_json_reporter(std::FILE* out);

/// `::error` annotations on `out` and a Markdown summary appended to
/// `summary_path` (may be empty: then no summary).
std::unique_ptr<core::Reporter> make_github_reporter(std::FILE* out, std::string summary_path);

/// The SPEC §7 JSON document for a finished run, as text (no trailing newline).
std::string run_to_json(const core::RunResult& run);

/// The gate results as a JSON array, as text (what the ledger stores); a
/// gate's details over 1 MiB are stored as {"omitted_bytes": N}.
std::string gates_to_json(const std::vector<core::GateResult>& gates);

/// What a release preview shows beside its gates.
struct PreviewFacts {
  std::string version;            // "1.3.0" ("" for a data release)
  std::vector<std::string> tags;  // the tags it would create
  std::string branch;             // the branch the release commit goes on
  std::string changelog;          // the changelog section it would write
};

/// The Markdown of a dry run's comment on its pull request: `marker` (an
/// HTML comment that finds it again), the verdict, the planned version and
/// tags, the changelog section and every gate's result. Not yet masked.
std::string preview_markdown(const core::RunResult& run, const PreviewFacts& facts,
                             const std::string& marker);

/// What a planned action's details say it would write, as indented text
/// for the human output: changelog sections, file diffs (coloured when
/// `color`), commit and tag messages. "" when the details hold none.
std::string planned_writes(const std::string& details_json, bool color);

/// A progress line on `fd` (stderr) redrawn in place; call only for a TTY.
std::shared_ptr<core::Progress> make_terminal_progress(int fd);

/// What decides colour, read from the process environment.
struct ColorEnv {
  bool tty = false;            // the output is a terminal
  std::string term;            // TERM
  std::string no_color;        // NO_COLOR
  std::string force_color;     // FORCE_COLOR
  std::string clicolor_force;  // CLICOLOR_FORCE
};

/// True when colour should be used: --no-color, then NO_COLOR (any non-empty
/// value turns it off), then FORCE_COLOR or CLICOLOR_FORCE (anything but ""
/// or "0" turns it on), then TERM=dumb (off), then the terminal decides.
bool want_color(const ColorEnv& env, bool no_color_flag);

/// The colour-deciding environment of `out` (isatty, TERM, NO_COLOR, ...).
ColorEnv color_env(std::FILE* out);

/// want_color() for `out` in the current process environment.
bool want_color(std::FILE* out, bool no_color_flag);

/// True when a progress line may be redrawn in place on `fd`: a terminal,
/// and not TERM=dumb (which cannot erase a line).
bool want_progress(int fd);

}  // namespace relctl::report
