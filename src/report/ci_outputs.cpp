// The outputs a CI job reads back from a release run (see ci.hpp).

#include <fmt/format.h>

#include "relctl/core/redactor.hpp"
#include "relctl/core/sanitize.hpp"
#include "relctl/report/ci.hpp"
#include "report/markdown.hpp"

namespace relctl::report {

namespace {

// A single-line value: what a line-based format can hold.
std::string one_line(std::string_view s) {
  return core::redactor().mask(core::sanitize_line(s));
}

}  // namespace

std::string github_outputs_text(const CiOutputs& o) {
  std::string text = fmt::format("released={}\nversion={}\ntag={}\nprevious_tag={}\n",
                                 o.released ? "true" : "false", one_line(o.version),
                                 one_line(o.tag), one_line(o.previous_tag));
  std::string changelog = core::redactor().mask(core::sanitize(o.changelog));
  if (!changelog.empty() && changelog.back() != '\n') changelog += '\n';
  std::string delimiter;
  do {
    delimiter = core::random_token("ghadelimiter_");
  } while (changelog.find(delimiter) != std::string::npos);
  return text + "changelog<<" + delimiter + "\n" + changelog + delimiter + "\n";
}

std::string dotenv_text(const CiOutputs& o) {
  return fmt::format(
      "RELCTL_RELEASED={}\nRELCTL_VERSION={}\nRELCTL_TAG={}\nRELCTL_PREVIOUS_TAG={}\n",
      o.released ? "true" : "false", one_line(o.version), one_line(o.tag),
      one_line(o.previous_tag));
}

std::string summary_preview_markdown(const CiOutputs& o) {
  PreviewFacts facts;
  facts.version = o.version;
  if (!o.tag.empty()) facts.tags.push_back(o.tag);
  facts.branch = o.branch;
  facts.changelog = o.changelog;
  std::string md = "#### Preview: what a real run would release\n\n" + facts_markdown(facts);
  md += "\nDry run: nothing was changed.\n\n";
  return core::redactor().mask(core::sanitize(md));
}

}  // namespace relctl::report
