// `relctl help [COMMAND]` and the help formatter: every command's help also
// lists the global flags and ends by pointing to `relctl help` and the man page.

#include <fmt/format.h>

#include <sstream>

#include "app.hpp"

namespace relctl::cli {

namespace {

const CLI::App& root_of(const CLI::App& app) {
  const CLI::App* a = &app;
  while (a->get_parent()) a = a->get_parent();
  return *a;
}

class HelpFormatter final : public CLI::Formatter {
 public:
  HelpFormatter() { column_width(34); }

  std::string make_help(const CLI::App* app, std::string name,
                        CLI::AppFormatMode mode) const override {
    if (mode == CLI::AppFormatMode::Sub) return make_expanded(app);
    std::stringstream out;
    out << make_description(app) << make_usage(app, name) << make_positionals(app)
        << make_groups(app, mode);
    if (app->get_parent()) out << global_flags(root_of(*app));
    out << make_subcommands(app, mode) << '\n' << footer(*app);
    return out.str();
  }

 private:
  // The root's flags, minus --help and --version, which only the root takes.
  std::string global_flags(const CLI::App& root) const {
    auto opts = root.get_options([&root](const CLI::Option* o) {
      return o->nonpositional() && o != root.get_help_ptr() && o != root.get_version_ptr();
    });
    return make_group("Global flags (before or after the command)", false, opts);
  }

  static std::string footer(const CLI::App& app) {
    if (!app.get_parent()) {
      return "`relctl help COMMAND` explains a command; `man relctl` is the manual\n"
             "(without the package: `relctl man | man -l -`).\n";
    }
    return "`relctl help` lists every command; `man relctl` is the manual.\n";
  }
};

}  // namespace

std::shared_ptr<CLI::FormatterBase> make_help_formatter() {
  return std::make_shared<HelpFormatter>();
}

std::string help_text(const CLI::App& root, const std::string& command) {
  if (command.empty()) {
    return root.get_formatter()->make_help(&root, "relctl", CLI::AppFormatMode::Normal);
  }
  for (const auto* sub : root.get_subcommands({})) {
    if (sub->get_name() == command) {
      return sub->get_formatter()->make_help(sub, "relctl " + command, CLI::AppFormatMode::Normal);
    }
  }
  throw unknown_command(root, command);
}

void add_help_command(CLI::App& app, Globals& g, Handlers& h) {
  auto* cmd = app.add_subcommand("help", "explain relctl or one of its commands");
  auto topic = std::make_shared<std::string>();
  cmd->add_option("command", *topic, "the command to explain")->type_name("COMMAND");
  h["help"] = [&app, &g, topic] {
    return print_text_or_json(g, "help", "help", help_text(app, *topic));
  };
}

}  // namespace relctl::cli
