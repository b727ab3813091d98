#pragma once
// CLI wiring shared by the subcommand files. Each src/cli/<command>.cpp adds
// its subcommand and a handler; handlers build a pipeline and hand it to a
// Session. Nothing here knows how a gate works.

#include <CLI/CLI.hpp>

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "relctl/core/context.hpp"

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

/// Parses argv and runs the chosen command; returns the exit code. Throws
/// relctl::Error for usage and configuration problems.
int run(int argc, char** argv);

}  // namespace relctl::cli
