// relctl changelog --unreleased | TAG: one changelog section on stdout, for
// scripts and release notes. Reads the repository, writes nothing.

#include <nlohmann/json.hpp>

#include "app.hpp"
#include "relctl/core/error.hpp"
#include "relctl/gates/version.hpp"
#include "report/json_document.hpp"
#include "session.hpp"

namespace relctl::cli {

void add_changelog_command(CLI::App& app, Globals& g, Handlers& h) {
  struct Args {
    bool unreleased = false;
    std::string tag;
    std::string package;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand(
      "changelog", "print the changelog section of the next release (--unreleased) or of TAG");
  cmd->add_option("tag", args->tag, "a release tag: print the section that release wrote")
      ->type_name("TAG");
  cmd->add_flag("--unreleased", args->unreleased,
                "the section the next code-release would write, from the commits since");
  cmd->add_option("--package", args->package, "with --unreleased: only this [[packages]] entry")
      ->type_name("NAME");

  h["changelog"] = [&g, args]() -> int {
    if (args->unreleased == !args->tag.empty()) {
      throw UsageError(args->unreleased ? "give either --unreleased or a TAG, not both"
                                        : "say which section: --unreleased or a release TAG",
                       "relctl changelog --unreleased, or relctl changelog code-v1.2.0");
    }
    if (!args->package.empty() && !args->unreleased) {
      throw UsageError("--package goes with --unreleased", "a TAG names its package already");
    }
    Session session(g, "changelog", /*config_required=*/true);
    std::string section, version;
    if (args->unreleased) {
      const auto plan = next_release_plan(session, args->package);
      section = plan.changelog_text();
      version = plan.version;
    } else {
      section = gates::released_section(session.context(), script_repository(session), args->tag);
    }
    if (g.options.json) {
      auto doc = report::envelope("changelog", "passed", 0);
      doc["section"] = section;
      if (args->unreleased) {
        doc["version"] = version;
      } else {
        doc["tag"] = args->tag;
      }
      report::print_json(doc);
    } else {
      print_out("{}", section);
    }
    return 0;
  };
}

}  // namespace relctl::cli
