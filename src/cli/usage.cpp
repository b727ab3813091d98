// Usage errors that help: an unknown command or flag names the closest known
// one ("did you mean"), and every message points to `relctl help`.

#include <string>
#include <vector>

#include "app.hpp"
#include "config/suggest.hpp"

namespace relctl::cli {

namespace {

bool is_flag(const std::string& word) {
  return word.size() > 1 && word[0] == '-';
}

std::vector<std::string> command_names(const CLI::App& root) {
  std::vector<std::string> names;
  for (const auto* sub : root.get_subcommands({})) names.push_back(sub->get_name());
  return names;
}

// The long flags `command` accepts (its own and the global ones), without "--".
std::vector<std::string> long_flags(const CLI::App& root, const CLI::App* command) {
  std::vector<std::string> names;
  for (const CLI::App* app : {command, &root}) {
    if (!app) continue;
    for (const auto* opt : app->get_options()) {
      for (const auto& name : opt->get_lnames()) names.push_back(name);
    }
  }
  return names;
}

UsageError unknown_flag(const CLI::App& root, const CLI::App* command, const std::string& word) {
  const std::string where = command ? "relctl " + command->get_name() : "relctl";
  const std::string help = command ? "`relctl help " + command->get_name() + "`" : "`relctl help`";
  const std::string flag = word.substr(0, word.find('='));
  std::string bare = flag;
  bare.erase(0, bare.find_first_not_of('-'));
  // Suggest long flags only: "-x" is as close to every one-letter flag.
  const std::string best =
      bare.size() > 1 ? config::detail::closest(bare, long_flags(root, command)) : "";
  const std::string message = "unknown flag " + flag + " for " + where;
  if (!best.empty()) {
    return UsageError(message, "did you mean --" + best + "? " + help + " lists its flags");
  }
  return UsageError(message, help + " lists its flags");
}

}  // namespace

UsageError unknown_command(const CLI::App& root, const std::string& word) {
  const std::string best = config::detail::closest(word, command_names(root));
  const std::string message = "unknown command '" + word + "'";
  if (!best.empty()) {
    return UsageError(message,
                      "did you mean `relctl " + best + "`? `relctl help` lists every command");
  }
  return UsageError(message, "`relctl help` lists every command");
}

UsageError explain_parse_error(const CLI::App& root, const CLI::ParseError& e) {
  // What CLI11 could not place: unknown words fall through to the root.
  const std::vector<std::string> extras = root.remaining(true);
  const auto chosen = root.get_subcommands();
  const CLI::App* command = chosen.empty() ? nullptr : chosen.front();
  if (!command) {
    for (const auto& word : extras) {
      if (!is_flag(word)) return unknown_command(root, word);
    }
  }
  for (const auto& word : extras) {
    if (is_flag(word)) return unknown_flag(root, command, word);
  }
  if (!command) {
    return UsageError("no command given",
                      "`relctl help` lists every command; `relctl help COMMAND` explains one");
  }
  const std::string name = command->get_name();
  if (!extras.empty()) {
    return UsageError("unexpected argument '" + extras.front() + "' for relctl " + name,
                      "`relctl help " + name + "` shows what it takes");
  }
  return UsageError(std::string(e.what()) + " (relctl " + name + ")",
                    "`relctl help " + name + "` shows what it takes");
}

}  // namespace relctl::cli
