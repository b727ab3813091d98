// The Markdown of a release preview on its pull request (see reporters.hpp).

#include <fmt/format.h>

#include "relctl/report/reporters.hpp"
#include "relctl/version.hpp"
#include "report/markdown.hpp"

namespace relctl::report {

std::string facts_markdown(const PreviewFacts& facts) {
  std::string md;
  if (!facts.version.empty()) md += fmt::format("- Version: **{}**\n", facts.version);
  if (!facts.tags.empty()) md += fmt::format("- Tags: `{}`\n", fmt::join(facts.tags, "`, `"));
  if (!facts.branch.empty()) md += fmt::format("- Branch: `{}`\n", facts.branch);
  if (!facts.changelog.empty()) {
    md += "\n<details open><summary>Changelog section</summary>\n\n" + facts.changelog;
    if (md.back() != '\n') md += "\n";
    md += "\n</details>\n";
  }
  return md;
}

std::string preview_markdown(const core::RunResult& run, const PreviewFacts& facts,
                             const std::string& marker) {
  const bool passed = run.status == core::RunStatus::passed;
  const bool nothing = run.status == core::RunStatus::nothing_to_release;
  std::string md = marker + "\n";
  md += fmt::format("### relctl {} preview: {}\n\n", run.command,
                    nothing  ? std::string("nothing to release")
                    : passed ? std::string("passes")
                             : fmt::format("fails (exit {})", run.exit_code));
  md += facts_markdown(facts);
  md += "\n| status | gate | message |\n| --- | --- | --- |\n";
  for (const auto& g : run.gates) {
    std::string message = g.message;
    if (!g.hint.empty() && g.status == core::Status::failed) message += "\nhint: " + g.hint;
    md += fmt::format("| {} | `{}` | {} |\n", core::to_string(g.status), g.id,
                      markdown_cell(message));
  }
  md += fmt::format(
      "\n<sub>relctl {} dry run {}: nothing was changed. This comment is updated on every "
      "run.</sub>\n",
      version_string, run.run_id);
  return md;
}

}  // namespace relctl::report
