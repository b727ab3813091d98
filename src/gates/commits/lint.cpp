#include "gates/commits/lint.hpp"

#include <algorithm>

namespace relctl::gates::commits {

namespace {

void add_unique(std::vector<std::string>& out, const std::string& item) {
  if (item.empty() || item == "*" || item == "!") return;
  if (std::find(out.begin(), out.end(), item) == out.end()) out.push_back(item);
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

}  // namespace

LintRules lint_rules(const config::Config* cfg) {
  LintRules r;
  for (const char* t : {"feat", "fix", "docs", "style", "refactor", "perf", "test", "build", "ci",
                        "chore", "revert"})
    add_unique(r.types, t);
  const config::CodeRelease cr =
      cfg && cfg->code_release ? *cfg->code_release : config::CodeRelease{};
  for (const auto& g : cr.changelog_groups)
    for (const auto& t : g.types) add_unique(r.types, lower(t));
  for (const auto& t : cr.changelog_hide) add_unique(r.types, lower(t));
  for (const auto& t : cr.commit_types) add_unique(r.types, lower(t));
  r.scopes = cr.commit_scopes;
  return r;
}

std::vector<std::string> lint(const ConventionalCommit& c, std::string_view message,
                              const LintRules& rules) {
  if (c.merge || c.release) return {};
  if (!c.conforming && c.revert && !c.reverted_header.empty()) return {};  // git revert's header
  if (!c.conforming) return {c.problem};
  std::vector<std::string> out;
  if (std::find(rules.types.begin(), rules.types.end(), c.type) == rules.types.end()) {
    out.push_back("the type '" + c.type + "' is not allowed (allowed: " + joined(rules.types) +
                  "; add it to [code_release] commit_types)");
  }
  if (!c.scope.empty() && !rules.scopes.empty() &&
      std::find(rules.scopes.begin(), rules.scopes.end(), c.scope) == rules.scopes.end()) {
    out.push_back("the scope '" + c.scope + "' is not allowed (allowed: " + joined(rules.scopes) +
                  "; add it to [code_release] commit_scopes)");
  }
  const size_t nl = message.find('\n');
  if (nl != std::string_view::npos && nl + 1 < message.size()) {
    const auto second = message.substr(nl + 1, message.find('\n', nl + 1) - nl - 1);
    if (second.find_first_not_of(" \t\r") != std::string_view::npos) {
      out.push_back("the body must start after one blank line below the header");
    }
  }
  for (const auto& n : c.nonstandard) {
    out.push_back(n + ": write the footer `BREAKING CHANGE: description` at the start of a line");
  }
  return out;
}

std::string strip_comments(std::string_view text) {
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    const auto line = text.substr(pos, nl - pos);
    pos = nl + 1;
    if (line.rfind("# ------------------------ >8 ------------------------", 0) == 0) break;
    if (!line.empty() && line[0] == '#') continue;
    out.append(line).append("\n");
  }
  out.erase(0, out.find_first_not_of("\n"));
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ' || out.back() == '\r'))
    out.pop_back();
  return out;
}

}  // namespace relctl::gates::commits
