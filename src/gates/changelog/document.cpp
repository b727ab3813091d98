#include "gates/changelog/document.hpp"

#include <cctype>

#include "gates/version/semver.hpp"

namespace relctl::gates::changelog {

namespace {

bool starts_with(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}

bool starts_with_nocase(std::string_view s, std::string_view p) {
  if (s.size() < p.size()) return false;
  for (size_t i = 0; i < p.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != p[i]) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Calls visit(offset, line) for each line (without its '\n' or '\r').
template <typename Visit>
void each_line(std::string_view doc, Visit&& visit) {
  size_t pos = 0;
  while (pos < doc.size()) {
    size_t end = doc.find('\n', pos);
    if (end == std::string_view::npos) end = doc.size();
    auto line = doc.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!visit(pos, line, end)) return;
    pos = end + 1;
  }
}

// What one heading line says, with the format hints it carries.
struct Parsed {
  Heading heading;
  bool bracketed = false;
  bool linked = false;      // "[1.2.0](https://...)"
  bool dash_date = false;   // "... - 2026-11-22"
  bool paren_date = false;  // "... (2026-11-22)"
};

// "## [1.3.0](url) (date)", "# 1.3.0 - date", "## [Unreleased]" ...
std::optional<Parsed> parse_heading(std::string_view line) {
  size_t level = 0;
  while (level < line.size() && line[level] == '#') ++level;
  if (level == 0 || level > 4 || level >= line.size() || line[level] != ' ') return std::nullopt;
  std::string_view rest = trim(line.substr(level + 1));
  Parsed p;
  p.heading.level = static_cast<int>(level);
  if (starts_with(rest, "[")) {
    p.bracketed = true;
    rest.remove_prefix(1);
  }
  if (starts_with_nocase(rest, "unreleased")) {
    p.heading.unreleased = true;
    p.heading.version = "Unreleased";
    return p;
  }
  if (rest.size() > 1 && (rest[0] == 'v' || rest[0] == 'V') &&
      std::isdigit(static_cast<unsigned char>(rest[1]))) {
    rest.remove_prefix(1);
  }
  size_t n = 0;
  while (n < rest.size() && (std::isalnum(static_cast<unsigned char>(rest[n])) || rest[n] == '.' ||
                             rest[n] == '-' || rest[n] == '+')) {
    ++n;
  }
  if (!version::SemVer::parse(rest.substr(0, n))) return std::nullopt;
  p.heading.version = std::string(rest.substr(0, n));
  rest.remove_prefix(n);
  if (p.bracketed && starts_with(rest, "]")) rest.remove_prefix(1);
  if (starts_with(rest, "(")) {
    p.linked = true;
    const size_t close = rest.find(')');
    rest.remove_prefix(close == std::string_view::npos ? rest.size() : close + 1);
  }
  p.dash_date = starts_with(rest, " - ") || starts_with(rest, " — ");
  p.paren_date = starts_with(rest, " (");
  return p;
}

bool is_patch(const std::string& version) {
  const auto v = version::SemVer::parse(version);
  return v && v->patch != 0;
}

// True for a Markdown link reference line: "[1.2.0]: https://...".
bool is_reference(std::string_view line) {
  if (!starts_with(line, "[")) return false;
  const size_t close = line.find("]: ");
  return close != std::string_view::npos && close > 1;
}

// Where the section under `h` ends: the next release heading, or the link
// references at the end of the file, or the end.
size_t section_end(std::string_view doc, const Layout& layout, size_t index) {
  if (index + 1 < layout.headings.size()) return layout.headings[index + 1].begin;
  size_t end = doc.size();
  bool in_refs = false;
  each_line(doc.substr(layout.headings[index].body),
            [&](size_t pos, std::string_view line, size_t) {
              if (is_reference(line)) {
                if (!in_refs) end = layout.headings[index].body + pos;
                in_refs = true;
              } else if (!trim(line).empty()) {
                in_refs = false;
                end = doc.size();
              }
              return true;
            });
  return end;
}

}  // namespace

Layout read_layout(std::string_view doc) {
  Layout layout;
  std::optional<Parsed> newest;  // the newest release heading ([Unreleased] left out)
  std::optional<int> newest_patch_level, newest_other_level;
  bool unreleased = false;
  bool bullet_seen = false;
  size_t previous_line = std::string_view::npos;
  std::string_view previous_text;
  each_line(doc, [&](size_t pos, std::string_view line, size_t end) {
    if (auto p = parse_heading(line)) {
      p->heading.body = end < doc.size() ? end + 1 : doc.size();
      p->heading.begin = pos;
      // conventional-changelog writes `<a name="1.2.0"></a>` above its headings.
      if (previous_line != std::string_view::npos && starts_with(previous_text, "<a name=")) {
        p->heading.begin = previous_line;
      }
      if (p->heading.unreleased) {
        unreleased = true;
      } else {
        if (!newest) newest = p;
        auto& level = is_patch(p->heading.version) ? newest_patch_level : newest_other_level;
        if (!level) level = p->heading.level;
      }
      layout.headings.push_back(p->heading);
    } else if (is_reference(line)) {
      layout.link_references = true;
    } else if (newest && !bullet_seen && (starts_with(line, "* ") || starts_with(line, "- "))) {
      layout.bullet = line[0];  // the newest section's first entry
      bullet_seen = true;
    }
    if (!trim(line).empty()) {
      previous_line = pos;
      previous_text = line;
    }
    return true;
  });
  if (unreleased || (newest && newest->bracketed && !newest->linked && newest->dash_date)) {
    layout.style = Style::keep_a_changelog;
  } else if (newest && newest->paren_date) {
    layout.style = Style::conventional;
  }
  layout.level = newest_other_level.value_or(newest_patch_level.value_or(2));
  layout.patch_level = newest_patch_level.value_or(layout.level);
  return layout;
}

bool has_section(std::string_view document, const std::string& version) {
  return find_section(document, version).has_value();
}

std::optional<std::string> find_section(std::string_view document, const std::string& version) {
  const Layout layout = read_layout(document);
  for (size_t i = 0; i < layout.headings.size(); ++i) {
    const auto& h = layout.headings[i];
    if (h.unreleased || h.version != version) continue;
    std::string text(document.substr(h.begin, section_end(document, layout, i) - h.begin));
    while (text.size() > 1 && text.back() == '\n' && text[text.size() - 2] == '\n') text.pop_back();
    return text;
  }
  return std::nullopt;
}

std::optional<std::string> newest_section_version(std::string_view document) {
  for (const auto& h : read_layout(document).headings) {
    if (!h.unreleased) return h.version;
  }
  return std::nullopt;
}

std::string unreleased_entries(std::string_view document) {
  const Layout layout = read_layout(document);
  for (size_t i = 0; i < layout.headings.size(); ++i) {
    const auto& h = layout.headings[i];
    if (!h.unreleased) continue;
    const size_t end = section_end(document, layout, i);
    return std::string(trim(document.substr(h.body, end - h.body)));
  }
  return "";
}

namespace {

// Keep a Changelog's references: "[Unreleased]: <compare tag...HEAD>" and a
// new "[1.3.0]: <compare previous...tag>" above the older ones.
std::string update_references(std::string doc, const Insertion& ins) {
  if (ins.links.empty()) return doc;
  const std::string own = "[" + ins.version + "]: " + ins.links.compare(ins.previous_tag, ins.tag);
  std::optional<size_t> unreleased_line, first_version_line;
  size_t unreleased_end = 0;
  each_line(doc, [&](size_t pos, std::string_view line, size_t end) {
    if (starts_with_nocase(line, "[unreleased]: ")) {
      unreleased_line = pos;
      unreleased_end = end;
    } else if (is_reference(line) && !first_version_line) {
      first_version_line = pos;
    }
    return true;
  });
  if (unreleased_line) {
    const std::string label(doc.substr(*unreleased_line + 1, 10));  // as the file spells it
    const std::string updated = "[" + label + "]: " + ins.links.compare(ins.tag, "HEAD");
    doc.replace(*unreleased_line, unreleased_end - *unreleased_line, updated + "\n" + own);
  } else if (first_version_line) {
    doc.insert(*first_version_line, own + "\n");
  }
  return doc;
}

}  // namespace

std::string insert_section(std::string_view document, const std::string& section,
                           const Insertion& insertion) {
  if (trim(document).empty()) return "# Changelog\n\n" + section;
  const Layout layout = read_layout(document);
  std::string out;
  if (!layout.headings.empty() && layout.headings.front().unreleased) {
    // Keep a Changelog: the heading stays (empty); its entries are in the section.
    const Heading& u = layout.headings.front();
    const size_t end = section_end(document, layout, 0);
    out = std::string(document.substr(0, u.body));
    if (out.back() != '\n') out += '\n';
    out += "\n" + section;
    if (end < document.size()) out += "\n" + std::string(document.substr(end));
  } else if (!layout.headings.empty()) {
    const size_t at = layout.headings.front().begin;
    out = std::string(document.substr(0, at)) + section + "\n" + std::string(document.substr(at));
  } else {
    out = std::string(document);
    if (out.back() != '\n') out += '\n';
    out += "\n" + section;
  }
  if (layout.style == Style::keep_a_changelog && layout.link_references) {
    out = update_references(std::move(out), insertion);
  }
  return out;
}

}  // namespace relctl::gates::changelog
