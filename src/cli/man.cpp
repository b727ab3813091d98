// `relctl man`: the manual page relctl(1) in roff, generated from the command
// line itself (cli_model.hpp), the gate registry and the starter relctl.toml,
// so that it describes exactly what this binary accepts. The package installs
// it as relctl.1.gz.

#include <fmt/format.h>

#include "app.hpp"
#include "cli_model.hpp"
#include "relctl/config/starter.hpp"
#include "relctl/gates/registry.hpp"
#include "relctl/version.hpp"

namespace relctl::cli {

namespace {

// Text for roff: backslashes and hyphens escaped, no line read as a request,
// and every non-ASCII character as a groff escape (\[u2014]), so that the
// page reads the same whatever the input encoding groff assumes.
std::string roff(const std::string& text) {
  std::string out;
  bool line_start = true;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    line_start = c == '\n';
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else if (c < 0x80) {
      out += static_cast<char>(c);
    } else {
      // A UTF-8 sequence: its length from the lead byte, its code point from all.
      const int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
      unsigned code = c & (0x3F >> extra);
      for (int k = 0; k < extra && i + 1 < text.size(); ++k) {
        code = (code << 6) | (static_cast<unsigned char>(text[++i]) & 0x3F);
      }
      out += fmt::format("\\[u{:04X}]", code);
    }
  }
  return out;
}

std::string bold(const std::string& s) {
  return "\\fB" + roff(s) + "\\fR";
}
std::string italic(const std::string& s) {
  return "\\fI" + roff(s) + "\\fR";
}

std::string flag_usage(const FlagSpec& f) {
  std::string names;
  for (const auto& n : f.names) names += (names.empty() ? "" : ", ") + bold(n);
  return f.value.empty() ? names : names + " " + italic(f.value);
}

// Items for `flags`; a command's own -h/--help is left out (it is global).
std::string flag_items(const std::vector<FlagSpec>& flags, bool with_help) {
  std::string out;
  for (const auto& f : flags) {
    if (!with_help && f.names == std::vector<std::string>{"-h", "--help"}) continue;
    std::string text = f.description;
    if (!f.choices.empty() && f.value != "COMMAND" && f.value != "GATE") {
      text += " (one of: " + fmt::format("{}", fmt::join(f.choices, ", ")) + ")";
    }
    out += ".TP\n" + flag_usage(f) + "\n" + roff(text) + "\n";
  }
  return out;
}

std::string command_section(const CommandSpec& c) {
  std::string synopsis = "relctl " + c.name;
  for (const auto& a : c.arguments) {
    const std::string word = italic(a.name) + (a.many ? "..." : "");
    synopsis += " " + (a.required ? word : "[" + word + "]");
  }
  if (!c.flags.empty()) synopsis += " [flags]";
  std::string out = ".SS \"" + roff(synopsis) + "\"\n" + roff(c.description) + ".\n";
  for (const auto& a : c.arguments) {
    std::string text = a.description;
    if (!a.choices.empty() && a.value != "COMMAND" && a.value != "GATE") {
      text += " (one of: " + fmt::format("{}", fmt::join(a.choices, ", ")) + ")";
    }
    out += ".TP\n" + italic(a.name) + "\n" + roff(text) + "\n";
  }
  return out + flag_items(c.flags, false);
}

std::string gates_section() {
  std::string out = ".SH GATES\n" + bold("relctl gates show ID") + " shows one gate; " +
                    bold("relctl check ID") + " runs a check alone.\n";
  for (const auto& e : gates::registry()) {
    out += ".TP\n" + bold(e.id) + " (" + e.kind_text() + ", " + e.severity_text() + ")\n" +
           roff(e.description) + "\n";
  }
  return out;
}

std::string configuration_section() {
  config::StarterGuess guess;
  guess.name = "myproject";
  return ".SH CONFIGURATION\n"
         "relctl reads " +
         italic("relctl.toml") +
         ", found by walking up from the current "
         "folder (or " +
         bold("--config") +
         "). Unknown keys are errors naming the file, line "
         "and the closest known key. Connection strings never go in the file: keys ending in " +
         bold("url_env") + " name an environment variable, which a " + italic(".env") +
         " file next to relctl.toml may set. This is the file " + bold("relctl init") +
         " writes, with every example uncommented:\n.PP\n.nf\n.RS 2\n" +
         roff(config::starter_toml(guess, /*examples_active=*/true)) + ".RE\n.fi\n";
}

const char* const fixed_sections = R"(.SH EXIT STATUS
.TP
.B 0
passed (a dry run: every check passed)
.TP
.B 1
a hard gate failed (its line and hint say which and what to do)
.TP
.B 2
usage or configuration error
.TP
.B 3
a dependency (database, remote) is unreachable or refused relctl
.TP
.B 4
another run holds the environment's lock
.TP
.B 130
interrupted: the current gate was stopped and the actions already done were undone
.SH ENVIRONMENT
.TP
.B NO_COLOR
set to anything but the empty string: no colour (as \fB\-\-no\-color\fR)
.TP
.BR FORCE_COLOR ", " CLICOLOR_FORCE
set to anything but the empty string or 0: colour even when the output is not a terminal
.TP
.B TERM
\fBdumb\fR: no colour and no progress line
.TP
.BR GITHUB_ACTIONS ", " GITHUB_STEP_SUMMARY
under GitHub Actions, failures also print ::error annotations and a summary is appended to the step summary file
.TP
.BR GIT_AUTHOR_NAME ", " GIT_AUTHOR_EMAIL
who signs release commits and tags when git's user.name and user.email are not set
.TP
.BR PGPASSFILE ", " PGSSLMODE ", " PGSERVICE " and the other " PG* " variables"
read by libpq as usual, with \fI~/.pgpass\fR, Kerberos (GSSAPI) and TLS settings
.PP
The variables that relctl.toml names (\fBurl_env\fR, \fBtoken_env\fR, values with \fBenv\fR) are read when a command needs them; their values are masked in every output.
.SH FILES
.TP
.I relctl.toml
the configuration (see CONFIGURATION)
.TP
.I .env
variables for relctl.toml's folder, used when not already set
.TP
.I .relctl/ledger.db
the ledger of runs (SQLite); the folder ignores itself in git
.SH EXAMPLES
.nf
relctl init && relctl doctor
relctl code\-release \-\-dry\-run
relctl data\-release
relctl promote code\-v1.4.0 \-\-to prod \-\-confirm "CONFIRM PRODUCTION DEPLOYMENT"
relctl rollback \-\-env staging \-\-reason "bad release"
relctl \-\-skip git.branch \-\-reason "preview on a pull request" code\-release \-\-dry\-run
source <(relctl completion bash)
.fi
.SH SEE ALSO
.BR git (1),
.BR psql (1),
.BR sqlite3 (1).
The package installs the full documentation in \fI/usr/share/doc/relctl/\fR.
)";

}  // namespace

std::string man_page(const CLI::App& root) {
  const CliSpec spec = describe(root);
  std::string out = fmt::format(".TH RELCTL 1 {} \"relctl {}\" \"User Commands\"\n", build_date(),
                                version_string);
  out += ".SH NAME\nrelctl \\- release runbooks as fail\\-closed pipelines of gates\n";
  out +=
      ".SH SYNOPSIS\n.B relctl\n[\\fIglobal flags\\fR] \\fIcommand\\fR [\\fIargs\\fR]\n.br\n"
      ".B relctl help\n[\\fIcommand\\fR]\n";
  out += ".SH DESCRIPTION\n" +
         roff(
             "relctl turns a team's release runbook into one command. Each command runs an "
             "ordered pipeline of gates: checks, which only read, and actions, which change "
             "something and are undone in reverse order when a later hard gate fails. relctl "
             "talks to git through libgit2, to PostgreSQL through libpq and to SQLite directly; "
             "it never runs git, psql or sqlite3.") +
         "\n.PP\n" + bold("--dry-run") +
         roff(
             " runs every check for real and lists every action with its values; it changes no "
             "ref, object, file or table. Every run, dry runs included, is recorded in the "
             "ledger (") +
         bold("relctl history") + ").\n";
  out += ".SH GLOBAL FLAGS\nGlobal flags go before or after the command.\n" +
         flag_items(spec.global_flags, true);
  out += ".SH COMMANDS\n";
  for (const auto& c : spec.commands) out += command_section(c);
  out += gates_section() + configuration_section() + fixed_sections;
  return out;
}

void add_man_command(CLI::App& app, Globals& g, Handlers& h) {
  app.add_subcommand("man", "print the manual page in roff (read it with `relctl man | man -l -`)");
  h["man"] = [&app, &g] { return print_text_or_json(g, "man", "page", man_page(app)); };
}

}  // namespace relctl::cli
