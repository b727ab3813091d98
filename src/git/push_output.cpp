#include "relctl/git/push_output.hpp"

namespace relctl::git {

namespace {

// The destination of "src:dst" (a porcelain line's second field).
std::string destination(const std::string& spec) {
  const auto colon = spec.rfind(':');
  return colon == std::string::npos ? spec : spec.substr(colon + 1);
}

// "[remote rejected] (hook declined)" -> "hook declined"; "[rejected] (fetch
// first)" -> "rejected: fetch first".
std::string reason(const std::string& summary) {
  const auto open = summary.find('(');
  const auto close = summary.rfind(')');
  if (open != std::string::npos && close != std::string::npos && close > open) {
    std::string why = summary.substr(open + 1, close - open - 1);
    if (summary.rfind("[rejected]", 0) == 0) why = "rejected: " + why;
    return why;
  }
  return summary;
}

void add_line(std::string& to, std::string line) {
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.pop_back();
  if (line.empty()) return;
  to += (to.empty() ? "" : "\n") + line;
}

}  // namespace

PushReport parse_push_output(const std::string& output) {
  PushReport report;
  std::string text;
  for (char c : output) text += c == '\r' ? '\n' : c;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(pos, end - pos);
    pos = end + 1;
    // A ref's status: "<flag>\t<src>:<dst>\t<summary>"; flag ' ' '+' '-' '*' '=' or '!'.
    const auto tab2 = line.size() > 2 && line[1] == '\t' ? line.find('\t', 2) : std::string::npos;
    if (tab2 != std::string::npos && std::string(" +-*=!").find(line[0]) != std::string::npos) {
      const std::string ref = destination(line.substr(2, tab2 - 2));
      if (line[0] == '!') {
        report.rejected.emplace_back(ref, reason(line.substr(tab2 + 1)));
      } else {
        report.accepted.push_back(ref);
      }
    } else if (line.rfind("remote:", 0) == 0) {
      add_line(report.remote_output, line.substr(line.size() > 7 && line[7] == ' ' ? 8 : 7));
    } else if (line.rfind("To ", 0) != 0 && line != "Done") {
      add_line(report.git_output, line);
    }
  }
  return report;
}

}  // namespace relctl::git
