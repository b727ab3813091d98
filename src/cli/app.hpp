#pragma once
// CLI wiring shared by the subcommand files. Each src/cli/<command>.cpp adds
// its subcommand and a handler; handlers build a pipeline and hand it to a
// Session. Nothing here knows how a gate works.

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "relctl/core/context.hpp"
#include "relctl/core/error.hpp"
#include "relctl/report/output.hpp"

namespace relctl::cli {

/// Global flags (SPEC §2) as parsed, plus the raw argv for the ledger.
struct Globals {
  core::Options options;
  std::vector<std::string> skip_gates;
  std::vector<std::string> skip_reasons;
  std::vector<std::string> argv;
};

using Handler = std::function<int()>;

/// Subcommand name -> what to run once parsing succeeded.
using Handlers = std::map<std::string, Handler>;

void add_gates_command(CLI::App& app, Globals& g, Handlers& h);
void add_history_command(CLI::App& app, Globals& g, Handlers& h);
void add_init_command(CLI::App& app, Globals& g, Handlers& h);
void add_doctor_command(CLI::App& app, Globals& g, Handlers& h);
void add_check_command(CLI::App& app, Globals& g, Handlers& h);
void add_migrate_command(CLI::App& app, Globals& g, Handlers& h);
void add_code_release_command(CLI::App& app, Globals& g, Handlers& h);
void add_data_release_command(CLI::App& app, Globals& g, Handlers& h);
void add_promote_command(CLI::App& app, Globals& g, Handlers& h);
void add_rollback_command(CLI::App& app, Globals& g, Handlers& h);
void add_status_command(CLI::App& app, Globals& g, Handlers& h);
void add_publish_command(CLI::App& app, Globals& g, Handlers& h);
void add_help_command(CLI::App& app, Globals& g, Handlers& h);
void add_completion_command(CLI::App& app, Globals& g, Handlers& h);
void add_man_command(CLI::App& app, Globals& g, Handlers& h);
void add_version_command(CLI::App& app, Globals& g, Handlers& h);
void add_changelog_command(CLI::App& app, Globals& g, Handlers& h);
void add_lint_message_command(CLI::App& app, Globals& g, Handlers& h);
void add_recover_command(CLI::App& app, Globals& g, Handlers& h);

/// `relctl check commits [RANGE]`: `args` are check's words ("commits", RANGE).
int check_commits(Globals& g, const std::vector<std::string>& args);

/// relctl's whole command line: the CLI11 tree (every command and flag, the
/// one definition that help, completions and the man page are made from),
/// the globals it parses into and each command's handler.
struct Cli {
  CLI::App app{"relctl: release runbooks as fail-closed pipelines of gates", "relctl"};
  Globals globals;
  Handlers handlers;
};

/// Builds the command line with every command registered; parses nothing.
std::unique_ptr<Cli> make_cli();

/// The help formatter every command uses: a command's help also lists the
/// global flags and ends by pointing to `relctl help` and the man page.
std::shared_ptr<CLI::FormatterBase> make_help_formatter();

/// The help text of `command` ("" for relctl itself), as `relctl help` prints it.
std::string help_text(const CLI::App& root, const std::string& command);

/// A usage error for a word that names no command, suggesting the closest one.
UsageError unknown_command(const CLI::App& root, const std::string& word);

/// Turns a CLI11 parse failure into a usage error that says what was wrong
/// and, for an unknown command or flag, names the closest known one.
UsageError explain_parse_error(const CLI::App& root, const CLI::ParseError& e);

/// Parses argv and runs the chosen command; returns the exit code. Throws
/// relctl::Error for usage and configuration problems.
int run(int argc, char** argv);

/// Prints fmt::format(format, args...) on stdout the way relctl prints
/// outside text (report::print_text): sanitized, secrets masked, guarded.
template <typename... Args>
void print_out(fmt::format_string<Args...> format, Args&&... args) {
  report::print_text(stdout, fmt::format(format, std::forward<Args>(args)...));
}

/// Prints a command's one text (help, a script, a page) as it is, or under
/// --json as the document with the text in `field`; returns 0.
int print_text_or_json(const Globals& g, std::string_view command, std::string_view field,
                       const std::string& text);

/// True when argv asks for --json (before any `--`): then every outcome,
/// errors included, prints one JSON document on stdout.
bool wants_json(int argc, char** argv);

/// The subcommand run() is running or was parsing ("promote"), or empty.
std::string current_command();

}  // namespace relctl::cli
