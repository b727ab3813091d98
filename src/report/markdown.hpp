#pragma once
// Markdown pieces shared by the reports (private to src/report).

#include <string>
#include <string_view>

#include "relctl/report/reporters.hpp"

namespace relctl::report {

/// `s` as one cell of a Markdown table: one line, no column break, no HTML
/// of its own ('|' escaped, line breaks as <br>, '<' and '>' as entities).
inline std::string markdown_cell(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n') {
      out += "<br>";
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else if (c != '\r') {
      out += c;
    }
  }
  return out;
}

/// The facts of a release preview as a Markdown list (version, tags,
/// branch), then the changelog section in an open <details> block.
std::string facts_markdown(const PreviewFacts& facts);

}  // namespace relctl::report
