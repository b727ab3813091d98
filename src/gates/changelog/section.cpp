#include "gates/changelog/section.hpp"

#include <vector>

namespace relctl::gates::changelog {

namespace {

std::string short_id(const std::string& id) {
  return id.substr(0, 7);
}

std::string entry(const commits::ConventionalCommit& c, bool as_written) {
  std::string line = "- ";
  if (as_written) {
    line += c.header;
  } else {
    if (!c.scope.empty()) line += "**" + c.scope + ":** ";
    line += c.subject;
  }
  if (!c.id.empty()) line += " (" + short_id(c.id) + ")";
  line += "\n";
  if (!c.breaking_note.empty() && !as_written) line += "  " + c.breaking_note + "\n";
  return line;
}

void group(std::string& out, const char* title, const std::vector<commits::ConventionalCommit>& cs,
           bool as_written = false) {
  if (cs.empty()) return;
  out += "\n### ";
  out += title;
  out += "\n\n";
  for (const auto& c : cs) out += entry(c, as_written);
}

// Each line of `doc` that starts a "## " heading, with its offset.
std::vector<std::pair<size_t, std::string_view>> headings(std::string_view doc) {
  std::vector<std::pair<size_t, std::string_view>> out;
  size_t pos = 0;
  while (pos < doc.size()) {
    size_t end = doc.find('\n', pos);
    if (end == std::string_view::npos) end = doc.size();
    const auto line = doc.substr(pos, end - pos);
    if (line.substr(0, 3) == "## ") out.emplace_back(pos, line);
    pos = end + 1;
  }
  return out;
}

// "## [1.3.0] - date" or "## 1.3.0 - date" -> "1.3.0".
std::string heading_version(std::string_view line) {
  auto rest = line.substr(3);
  if (!rest.empty() && rest.front() == '[') rest.remove_prefix(1);
  size_t n = 0;
  while (n < rest.size() && rest[n] != ' ' && rest[n] != ']' && rest[n] != '\r') ++n;
  return std::string(rest.substr(0, n));
}

}  // namespace

std::string render_section(const std::string& version, const std::string& date,
                           const commits::Changes& changes) {
  std::string out = "## " + version + " - " + date + "\n";
  group(out, "Breaking changes", changes.breaking);
  group(out, "Features", changes.features);
  group(out, "Fixes", changes.fixes);
  group(out, "Performance", changes.performance);
  group(out, "Other", changes.other, /*as_written=*/true);
  if (changes.empty()) out += "\nNo changes.\n";
  return out;
}

bool has_section(std::string_view document, const std::string& version) {
  for (const auto& [pos, line] : headings(document)) {
    if (heading_version(line) == version) return true;
  }
  return false;
}

std::optional<std::string> find_section(std::string_view document, const std::string& version) {
  const auto hs = headings(document);
  for (size_t i = 0; i < hs.size(); ++i) {
    if (heading_version(hs[i].second) != version) continue;
    const size_t end = i + 1 < hs.size() ? hs[i + 1].first : document.size();
    std::string text(document.substr(hs[i].first, end - hs[i].first));
    while (text.size() > 1 && text.back() == '\n' && text[text.size() - 2] == '\n') text.pop_back();
    return text;
  }
  return std::nullopt;
}

std::optional<std::string> newest_section_version(std::string_view document) {
  const auto hs = headings(document);
  if (hs.empty()) return std::nullopt;
  return heading_version(hs.front().second);
}

std::string prepend_section(std::string_view document, const std::string& section) {
  if (document.empty()) return "# Changelog\n\n" + section;
  const auto hs = headings(document);
  if (hs.empty()) {
    std::string out(document);
    if (out.back() != '\n') out += '\n';
    return out + "\n" + section;
  }
  const size_t at = hs.front().first;
  return std::string(document.substr(0, at)) + section + "\n" + std::string(document.substr(at));
}

}  // namespace relctl::gates::changelog
