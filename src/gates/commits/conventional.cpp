#include "gates/commits/conventional.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace relctl::gates::commits {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool starts_with(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}

// `type(scope)!: subject` -> fills type, scope, breaking, subject; false if not conforming.
bool parse_header(std::string_view h, ConventionalCommit& c) {
  size_t i = 0;
  while (i < h.size() && (std::isalnum(static_cast<unsigned char>(h[i])) || h[i] == '-')) ++i;
  if (i == 0 || !std::isalpha(static_cast<unsigned char>(h[0]))) return false;
  std::string type = lower(h.substr(0, i));
  std::string scope;
  if (i < h.size() && h[i] == '(') {
    const size_t close = h.find(')', i);
    if (close == std::string_view::npos) return false;
    scope = std::string(trim(h.substr(i + 1, close - i - 1)));
    if (scope.empty()) return false;
    i = close + 1;
  }
  bool bang = false;
  if (i < h.size() && h[i] == '!') {
    bang = true;
    ++i;
  }
  if (i + 1 >= h.size() || h[i] != ':' || h[i + 1] != ' ') return false;
  const auto subject = trim(h.substr(i + 2));
  if (subject.empty()) return false;
  c.type = std::move(type);
  c.scope = std::move(scope);
  c.subject = std::string(subject);
  c.breaking = c.breaking || bang;
  return true;
}

// Footers: "BREAKING CHANGE: text" or "BREAKING-CHANGE: text" (text may
// continue on the following lines until a blank line or another footer).
void parse_footers(std::string_view body, ConventionalCommit& c) {
  size_t pos = 0;
  bool in_note = false;
  while (pos <= body.size()) {
    size_t end = body.find('\n', pos);
    if (end == std::string_view::npos) end = body.size();
    const auto line = body.substr(pos, end - pos);
    pos = end + 1;
    if (starts_with(line, "BREAKING CHANGE:") || starts_with(line, "BREAKING-CHANGE:")) {
      c.breaking = true;
      c.breaking_note = std::string(trim(line.substr(line.find(':') + 1)));
      in_note = true;
    } else if (in_note && !trim(line).empty() && line.find(": ") == std::string_view::npos) {
      c.breaking_note += " " + std::string(trim(line));
    } else {
      in_note = false;
    }
    if (end == body.size()) break;
  }
}

}  // namespace

std::string_view to_string(Bump b) {
  switch (b) {
    case Bump::none:
      return "none";
    case Bump::patch:
      return "patch";
    case Bump::minor:
      return "minor";
    case Bump::major:
      return "major";
  }
  return "none";
}

ConventionalCommit parse_commit(std::string id, std::string_view message, size_t parents) {
  ConventionalCommit c;
  c.id = std::move(id);
  const size_t nl = message.find('\n');
  c.header = std::string(trim(message.substr(0, nl)));
  const std::string_view body = nl == std::string_view::npos ? "" : message.substr(nl + 1);

  c.merge = parents > 1 || starts_with(c.header, "Merge branch ") ||
            starts_with(c.header, "Merge pull request ") ||
            starts_with(c.header, "Merge remote-tracking branch ");
  if (starts_with(c.header, "Revert \"") && c.header.size() > 9 && c.header.back() == '"') {
    c.revert = true;
    c.reverted_header = c.header.substr(8, c.header.size() - 9);
  }
  if (const auto at = body.find("This reverts commit "); at != std::string_view::npos) {
    c.revert = true;
    auto rest = body.substr(at + 20);
    size_t n = 0;
    while (n < rest.size() && std::isxdigit(static_cast<unsigned char>(rest[n]))) ++n;
    c.reverted_id = std::string(rest.substr(0, n));
  }

  c.conforming = parse_header(c.header, c);
  if (!c.conforming) c.subject = c.header;
  if (c.type == "revert") c.revert = true;
  parse_footers(body, c);
  return c;
}

Bump bump_of(const ConventionalCommit& c) {
  if (c.merge) return Bump::none;
  if (c.breaking) return Bump::major;
  if (c.type == "feat") return Bump::minor;
  return Bump::patch;
}

Changes classify(std::vector<ConventionalCommit> commits) {
  // A revert cancels the commit it reverts when both are in this release.
  std::set<size_t> cancelled;
  for (size_t i = 0; i < commits.size(); ++i) {
    const auto& r = commits[i];
    if (!r.revert || r.merge) continue;
    for (size_t j = i + 1; j < commits.size(); ++j) {
      const auto& t = commits[j];
      const bool by_id = !r.reverted_id.empty() && starts_with(t.id, r.reverted_id);
      const bool by_header =
          r.reverted_id.empty() && !r.reverted_header.empty() && t.header == r.reverted_header;
      if ((by_id || by_header) && !cancelled.count(j)) {
        cancelled.insert(i);
        cancelled.insert(j);
        break;
      }
    }
  }

  Changes out;
  for (size_t i = 0; i < commits.size(); ++i) {
    auto& c = commits[i];
    if (c.merge || cancelled.count(i)) continue;
    ++out.commits;
    out.bump = std::max(out.bump, bump_of(c));
    if (c.breaking) {
      out.breaking.push_back(std::move(c));
    } else if (c.type == "feat") {
      out.features.push_back(std::move(c));
    } else if (c.type == "fix") {
      out.fixes.push_back(std::move(c));
    } else if (c.type == "perf") {
      out.performance.push_back(std::move(c));
    } else {
      out.other.push_back(std::move(c));
    }
  }
  return out;
}

}  // namespace relctl::gates::commits
