#include "gates/changelog/section.hpp"

#include <algorithm>

#include "gates/version/semver.hpp"

#include "relctl/core/sanitize.hpp"

namespace relctl::gates::changelog {

namespace {

bool lists(const config::ChangelogGroup& g, const std::string& type) {
  return std::find(g.types.begin(), g.types.end(), type) != g.types.end();
}

// The group a commit goes under: the first listing "!" (breaking) or its
// type, else the first listing "*"; nullptr when none does.
const config::ChangelogGroup* group_of(const commits::ConventionalCommit& c,
                                       const std::vector<config::ChangelogGroup>& groups,
                                       bool& catch_all) {
  for (const auto& g : groups) {
    if ((c.breaking && lists(g, "!")) || (!c.type.empty() && lists(g, c.type))) {
      catch_all = false;
      return &g;
    }
  }
  for (const auto& g : groups) {
    if (lists(g, "*")) {
      catch_all = true;
      return &g;
    }
  }
  return nullptr;
}

// "- **scope:** subject ([abc1234](url))"; a catch-all group shows the
// header as written, so the type stays visible. Commit messages are outside
// text: an escape sequence or invalid UTF-8 from one is shown escaped, not
// replayed.
std::string entry(const commits::ConventionalCommit& c, bool as_written, char bullet,
                  const Links& links) {
  std::string line = std::string(1, bullet) + " ";
  if (as_written) {
    line += core::sanitize_line(c.header);
  } else {
    if (!c.scope.empty()) line += "**" + core::sanitize_line(c.scope) + ":** ";
    line += core::sanitize_line(c.subject);
  }
  if (!c.id.empty()) {
    const std::string short_id = c.id.substr(0, 7);
    line +=
        links.empty() ? " (" + short_id + ")" : " ([" + short_id + "](" + links.commit(c.id) + "))";
  }
  line += "\n";
  if (!c.breaking_note.empty() && !as_written) {
    line += "  " + core::sanitize(c.breaking_note) + "\n";
  }
  return line;
}

std::string heading(const ReleaseNotes& n, const Format& f, const Layout& layout) {
  const auto v = version::SemVer::parse(n.version);
  const bool patch = v && v->patch != 0;
  const int level =
      layout.style == Style::conventional && patch ? layout.patch_level : layout.level;
  const std::string hashes(static_cast<size_t>(std::clamp(level, 1, 4)), '#');
  const std::string compare = f.links.empty() ? "" : f.links.compare(n.previous_tag, n.tag);
  switch (layout.style) {
    case Style::keep_a_changelog:
      return hashes + " [" + n.version + "] - " + n.date;
    case Style::conventional:
      return hashes + " " + (compare.empty() ? n.version : "[" + n.version + "](" + compare + ")") +
             " (" + n.date + ")";
    case Style::relctl:
      break;
  }
  return hashes + " " + (compare.empty() ? n.version : "[" + n.version + "](" + compare + ")") +
         " - " + n.date;
}

}  // namespace

std::string render_section(const ReleaseNotes& notes, const Format& format, const Layout& layout,
                           std::string_view unreleased) {
  std::string out = heading(notes, format, layout) + "\n";
  if (!unreleased.empty()) out += "\n" + std::string(unreleased) + "\n";

  // Entries by group, in the groups' order; hidden types are left out.
  std::vector<std::string> bodies(format.groups.size());
  size_t listed = 0;
  for (const auto& c : notes.changes.kept) {
    if (!c.type.empty() &&
        std::find(format.hide.begin(), format.hide.end(), c.type) != format.hide.end()) {
      continue;
    }
    bool catch_all = false;
    const auto* g = group_of(c, format.groups, catch_all);
    if (!g) continue;
    bodies[static_cast<size_t>(g - format.groups.data())] +=
        entry(c, catch_all, layout.bullet, format.links);
    ++listed;
  }
  const std::string group_hashes(static_cast<size_t>(std::clamp(layout.level + 1, 3, 6)), '#');
  for (size_t i = 0; i < format.groups.size(); ++i) {
    if (!bodies[i].empty())
      out += "\n" + group_hashes + " " + format.groups[i].title + "\n\n" + bodies[i];
  }
  if (listed == 0 && unreleased.empty()) {
    out += notes.changes.empty() ? "\nNo changes.\n" : "\nNo notable changes.\n";
  }
  return out;
}

Insertion insertion_of(const ReleaseNotes& notes, const Format& format) {
  return {notes.version, notes.tag, notes.previous_tag, format.links};
}

Edit edit_changelog(std::string_view document, const ReleaseNotes& notes, const Format& format) {
  Edit e;
  e.section = render_section(notes, format, read_layout(document), unreleased_entries(document));
  e.document = insert_section(document, e.section, insertion_of(notes, format));
  return e;
}

size_t count_entries(std::string_view section) {
  size_t n = 0, pos = 0;
  while (pos < section.size()) {
    if (section.compare(pos, 2, "- ") == 0 || section.compare(pos, 2, "* ") == 0) ++n;
    pos = section.find('\n', pos);
    if (pos == std::string_view::npos) break;
    ++pos;
  }
  return n;
}

}  // namespace relctl::gates::changelog
