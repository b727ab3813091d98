#include "app.hpp"

#include <filesystem>

#include "relctl/core/error.hpp"
#include "relctl/core/redactor.hpp"
#include "relctl/report/envelope.hpp"
#include "relctl/version.hpp"

namespace relctl::cli {

namespace {

std::string running_command;

void add_global_flags(CLI::App& app, Globals& g) {
  auto& o = g.options;
  app.add_flag("--dry-run", o.dry_run, "run every check, change nothing, list every action");
  app.add_flag("--json", o.json, "print one JSON document on stdout");
  app.add_option("--config", o.config_path, "path of relctl.toml (default: walk up from here)")
      ->type_name("PATH");
  app.add_option("-C", o.directory, "run as if started in DIR")->type_name("DIR");
  app.add_flag("-v,--verbose", o.verbose, "show details of every gate");
  app.add_flag("-q,--quiet", o.quiet, "show failures and the final line only");
  app.add_option("--skip", g.skip_gates, "skip a gate (needs --reason; recorded)")
      ->type_name("GATE");
  app.add_option("--reason", g.skip_reasons, "why the preceding --skip is safe")->type_name("TEXT");
  app.add_flag("--keep-partial", o.keep_partial, "do not undo actions on failure");
  app.add_flag("--no-color", o.no_color,
               "no colour, even on a terminal (also NO_COLOR; FORCE_COLOR forces it)");
}

// Secrets in the environment (tokens, database URLs) never reach an output,
// whatever the command; the .env file adds its own when it is read.
void register_environment_secrets() {
  for (char** e = environ; e && *e; ++e) {
    const std::string_view entry(*e);
    const auto eq = entry.find('=');
    if (eq != std::string_view::npos) {
      core::redactor().add_variable(entry.substr(0, eq), entry.substr(eq + 1));
    }
  }
}

// Pairs each --skip with the --reason that follows it, in order.
void pair_skips(Globals& g) {
  if (g.skip_reasons.size() > g.skip_gates.size()) {
    throw UsageError("--reason given without a --skip",
                     "use --skip GATE --reason TEXT, one --reason per --skip");
  }
  for (size_t i = 0; i < g.skip_gates.size(); ++i) {
    const std::string reason = i < g.skip_reasons.size() ? g.skip_reasons[i] : "";
    if (reason.empty()) {
      throw UsageError("--skip " + g.skip_gates[i] + " needs a reason",
                       "add --reason \"why it is safe to skip\"; the reason is recorded");
    }
    g.options.skips.push_back({g.skip_gates[i], reason});
  }
}

// `relctl --version`: version, commit and build date, as cargo and rustc print them.
std::string version_line() {
  return "relctl " + std::string(version_string) + " (" + std::string(build_commit()) + " " +
         std::string(build_date()) + ")";
}

}  // namespace

std::unique_ptr<Cli> make_cli() {
  auto cli = std::make_unique<Cli>();
  auto& app = cli->app;
  auto& g = cli->globals;
  auto& h = cli->handlers;
  // Before any subcommand: each inherits the formatter of its parent.
  app.formatter(make_help_formatter());
  app.set_help_flag("-h,--help", "print this help and exit");
  app.set_version_flag("--version", version_line(), "print the version, commit and build date");
  app.require_subcommand(1);
  app.fallthrough();  // global flags may follow the subcommand
  add_global_flags(app, g);

  add_check_command(app, g, h);
  add_migrate_command(app, g, h);
  add_code_release_command(app, g, h);
  add_data_release_command(app, g, h);
  add_promote_command(app, g, h);
  add_rollback_command(app, g, h);
  add_status_command(app, g, h);
  add_version_command(app, g, h);
  add_changelog_command(app, g, h);
  add_lint_message_command(app, g, h);
  add_publish_command(app, g, h);
  add_recover_command(app, g, h);
  add_gates_command(app, g, h);
  add_history_command(app, g, h);
  add_init_command(app, g, h);
  add_doctor_command(app, g, h);
  add_help_command(app, g, h);
  add_completion_command(app, g, h);
  add_man_command(app, g, h);
  return cli;
}

int run(int argc, char** argv) {
  register_environment_secrets();
  auto cli = make_cli();
  auto& app = cli->app;
  Globals& g = cli->globals;
  for (int i = 0; i < argc; ++i) g.argv.emplace_back(argv[i]);

  const bool json = wants_json(argc, argv);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    if (!json) return app.exit(e);
    report::print_document(report::help_document(app.help()));
    return 0;
  } catch (const CLI::CallForAllHelp& e) {
    if (!json) return app.exit(e);
    report::print_document(report::help_document(app.help("", CLI::AppFormatMode::All)));
    return 0;
  } catch (const CLI::CallForVersion& e) {
    if (!json) return app.exit(e);
    report::print_document(report::version_document());
    return 0;
  } catch (const CLI::ParseError& e) {
    if (const auto subs = app.get_subcommands(); !subs.empty()) {
      running_command = subs.front()->get_name();
    }
    throw explain_parse_error(app, e);
  }

  pair_skips(g);
  if (!g.options.directory.empty()) {
    std::error_code ec;
    std::filesystem::current_path(g.options.directory, ec);
    if (ec) {
      throw UsageError("-C " + g.options.directory + ": " + ec.message(),
                       "pass a folder that exists");
    }
  }
  const auto subs = app.get_subcommands();
  running_command = subs.front()->get_name();
  return cli->handlers.at(running_command)();
}

bool wants_json(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg(argv[i]);
    if (arg == "--") return false;
    if (arg == "--json") return true;
  }
  return false;
}

std::string current_command() {
  return running_command;
}

}  // namespace relctl::cli
