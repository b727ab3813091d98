// relctl check commits [RANGE] and relctl lint-message FILE|-: commit
// linting for CI jobs, commit-msg hooks and pull request titles. Exit 0
// when every message conforms, 1 otherwise; they read, never write.

#include <cstdio>
#include <nlohmann/json.hpp>

#include "app.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/text.hpp"
#include "relctl/gates/commits.hpp"
#include "report/json_document.hpp"
#include "session.hpp"

namespace relctl::cli {

namespace {

std::string read_message(const std::string& file) {
  std::FILE* in = file == "-" ? stdin : std::fopen(file.c_str(), "rb");
  if (!in) {
    throw UsageError("cannot read the message file " + file,
                     "pass the file git hands a commit-msg hook ($1), or - for stdin");
  }
  std::string text;
  char buffer[4096];
  // A commit message is short: 1 MiB is plenty, and bounds what is read.
  for (size_t n; text.size() < (1u << 20) && (n = std::fread(buffer, 1, sizeof buffer, in)) > 0;)
    text.append(buffer, n);
  if (in != stdin) std::fclose(in);
  return text;
}

}  // namespace

int check_commits(Globals& g, const std::vector<std::string>& args) {
  if (args.size() > 2) {
    throw UsageError("relctl check commits takes one RANGE at most",
                     "e.g. relctl check commits code-v1.2.0..HEAD");
  }
  Session session(g, "check", /*config_required=*/false);
  const auto lint = gates::lint_commits(session.context(), script_repository(session),
                                        args.size() == 2 ? args[1] : "");
  const int code = lint.bad.empty() ? 0 : 1;
  if (g.options.json) {
    auto doc = report::envelope("check", code == 0 ? "passed" : "failed", code);
    nlohmann::json bad = nlohmann::json::array();
    for (const auto& b : lint.bad) {
      bad.push_back({{"id", b.id}, {"header", b.header}, {"problems", b.problems}});
    }
    doc["range"] = lint.range;
    doc["checked"] = lint.checked;
    doc["commits"] = bad;
    report::print_json(doc);
    return code;
  }
  for (const auto& b : lint.bad) {
    print_out("{} {}\n", b.id.substr(0, 12), b.header);
    for (const auto& p : b.problems) print_out("    {}\n", p);
  }
  const auto checked = static_cast<std::int64_t>(lint.checked);
  if (code == 0) {
    print_out("{} {} in {} {} Conventional Commits (exit 0)\n", lint.checked,
              core::plural(checked, "commit"), lint.range,
              core::plural(checked, "follows", "follow"));
  } else {
    print_out("{} of {} {} in {} {} not conventional (exit 1)\n", lint.bad.size(), lint.checked,
              core::plural(checked, "commit"), lint.range,
              core::plural(static_cast<std::int64_t>(lint.bad.size()), "is", "are"));
  }
  return code;
}

void add_lint_message_command(CLI::App& app, Globals& g, Handlers& h) {
  auto file = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand(
      "lint-message",
      "check one commit message (a commit-msg hook, a pull request title) against the rules");
  cmd->add_option("file", *file, "the message file, or - to read stdin")
      ->required()
      ->type_name("FILE|-");
  h["lint-message"] = [&g, file]() -> int {
    const std::string message = read_message(*file);
    // Outside a project the standard rules apply.
    const auto config = load_config(g.options, /*required=*/false);
    const auto problems = gates::lint_message(config ? &*config : nullptr, message);
    const int code = problems.empty() ? 0 : 1;
    if (g.options.json) {
      auto doc = report::envelope("lint-message", code == 0 ? "passed" : "failed", code);
      doc["problems"] = problems;
      report::print_json(doc);
      return code;
    }
    for (const auto& p : problems) {
      report::print_text(stderr, "relctl: commit message: " + p + "\n");
    }
    if (code != 0) {
      report::print_text(stderr,
                         "relctl: write `type(scope): description`, e.g. `fix(api): handle empty "
                         "input` (see `relctl help lint-message`)\n");
    }
    return code;
  };
}

}  // namespace relctl::cli
