#pragma once
// relctl's command line as plain data, read from the CLI11 tree: what the
// shell completions and the man page are generated from, so that they list
// exactly the commands and flags the parser accepts.

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace relctl::cli {

/// One flag or option: `-v`, `--verbose`, or `--to ENV`.
struct FlagSpec {
  std::vector<std::string> names;    // with dashes, short names first
  std::string value;                 // the value's name ("ENV"), empty for a flag
  std::vector<std::string> choices;  // the only values it accepts, when known
  std::string description;
  bool repeatable = false;
};

/// One positional argument of a command.
struct ArgumentSpec {
  std::string name;  // as the help shows it ("gate-id")
  std::string value;
  std::vector<std::string> choices;
  std::string description;
  bool required = false;
  bool many = false;
};

/// One command (`relctl promote`) with its own flags and arguments.
struct CommandSpec {
  std::string name;
  std::string description;
  std::vector<FlagSpec> flags;
  std::vector<ArgumentSpec> arguments;
};

/// The whole command line: the global flags and every command.
struct CliSpec {
  std::string description;
  std::vector<FlagSpec> global_flags;
  std::vector<CommandSpec> commands;
};

/// Reads the command line from the root of the CLI11 tree. An argument or
/// flag whose value is a COMMAND gets the command names as choices, a GATE
/// the gate ids of the registry.
CliSpec describe(const CLI::App& root);

/// The completion script for `shell` (bash, zsh or fish) of this command line.
std::string completion_script(const CLI::App& root, const std::string& shell);

/// The man page relctl(1) of this command line, in roff.
std::string man_page(const CLI::App& root);

}  // namespace relctl::cli
