#pragma once
// The debug log of a run: every run (dry runs included) writes
// .relctl/logs/<run-id>.log with what it did: the command and config, each
// gate's inputs, outcome and time, the SQL sent, the git operations, the
// commands run and their output. Every line is masked by the redactor
// before it is written anywhere; -v mirrors the log to stderr. A run keeps
// the newest `kept_logs` logs and removes older ones. Writing the log never
// fails a run.

#include <fmt/format.h>

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>

namespace relctl::core {

class Redactor;

/// How many run logs stay in a logs folder; starting a run removes the oldest beyond it.
inline constexpr std::size_t kept_logs = 100;

/// The logs folder of a project: <root>/.relctl/logs.
std::filesystem::path logs_folder(const std::filesystem::path& root);

/// The log of run `run_id` in `folder`: <folder>/<run_id>.log.
std::filesystem::path log_file(const std::filesystem::path& folder, std::string_view run_id);

/// Opens run `run_id`'s log in `folder` (creating it), every line masked by
/// `redactor` (which must outlive the log); with `mirror`, lines also go to
/// stderr. Removes the oldest logs beyond kept_logs. Returns "" or, when
/// the log cannot be written, a warning to show (the run goes on).
std::string start_run_log(const std::filesystem::path& folder, std::string_view run_id,
                          const Redactor& redactor, bool mirror);

/// Flushes and closes the run's log; nothing happens when none is open.
void stop_run_log();

/// True while a run's log is open (lines are written only then).
bool run_log_active();

/// `step`: a run's and each gate's start and end (flushed at once);
/// `detail`: what happens in between (SQL, git operations, output).
enum class LogLevel { step, detail };

/// Writes one line to the run's log, masked.
void log_line(std::string_view line, LogLevel level = LogLevel::detail);

/// log_debug("pg {}: {} ({} rows, {}ms)", db, sql, rows, ms): a detail
/// line, formatted only when a log is open.
template <typename... Args>
void log_debug(fmt::format_string<Args...> format, Args&&... args) {
  if (run_log_active()) log_line(fmt::format(format, std::forward<Args>(args)...));
}

/// The same for a step line.
template <typename... Args>
void log_step(fmt::format_string<Args...> format, Args&&... args) {
  if (run_log_active()) {
    log_line(fmt::format(format, std::forward<Args>(args)...), LogLevel::step);
  }
}

}  // namespace relctl::core
