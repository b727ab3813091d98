#include "gates/commits/conventional.hpp"

#include <algorithm>
#include <cctype>

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

// "fix: x (#123)" -> "fix: x": a squash merge's pull-request number is not
// part of the header a revert names.
std::string_view without_pr_number(std::string_view h) {
  h = trim(h);
  if (h.empty() || h.back() != ')') return h;
  const size_t open = h.rfind(" (#");
  if (open == std::string_view::npos) return h;
  const auto digits = h.substr(open + 3, h.size() - open - 4);
  if (digits.empty() ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return h;
  }
  return trim(h.substr(0, open));
}

constexpr const char* no_type =
    "it does not start with a type and ': ' (write `type(scope): description`, e.g. `fix: handle "
    "empty input`)";

// `type(scope)!: subject` -> fills type, scope, breaking, subject; on a
// header that does not conform, says why in c.problem and returns false.
bool parse_header(std::string_view h, ConventionalCommit& c) {
  if (h.empty()) {
    c.problem = "the message is empty";
    return false;
  }
  size_t i = 0;
  while (i < h.size() && (std::isalnum(static_cast<unsigned char>(h[i])) || h[i] == '-')) ++i;
  if (i == 0 || !std::isalpha(static_cast<unsigned char>(h[0]))) {
    c.problem = no_type;
    return false;
  }
  std::string scope;
  const size_t type_end = i;
  if (i < h.size() && h[i] == '(') {
    const size_t close = h.find(')', i);
    if (close == std::string_view::npos) {
      c.problem = "the scope has no closing ')'";
      return false;
    }
    scope = std::string(trim(h.substr(i + 1, close - i - 1)));
    if (scope.empty()) {
      c.problem = "the scope in '()' is empty: name it or leave the parentheses out";
      return false;
    }
    i = close + 1;
  }
  bool bang = false;
  if (i < h.size() && h[i] == '!') {
    bang = true;
    ++i;
  }
  if (i >= h.size() || h[i] != ':') {
    c.problem = no_type;
    return false;
  }
  if (i + 1 >= h.size() || h[i + 1] != ' ') {
    c.problem = trim(h.substr(i + 1)).empty() ? "the description after ': ' is empty"
                                              : "':' must be followed by a space";
    return false;
  }
  const auto subject = trim(h.substr(i + 2));
  if (subject.empty()) {
    c.problem = "the description after ': ' is empty";
    return false;
  }
  c.type = lower(h.substr(0, type_end));
  c.scope = std::move(scope);
  c.subject = std::string(subject);
  c.breaking = c.breaking || bang;
  return true;
}

// A breaking-change marker at the start of a body line, in its standard
// form (`BREAKING CHANGE: text` or `BREAKING-CHANGE: text` at the start of
// the line) or a variant real projects write. Returns false when the line
// has none.
struct Marker {
  std::string_view note;  // the text after ':' ("" when it follows on the next lines)
  const char* nonstandard = nullptr;
};

bool breaking_marker(std::string_view line, Marker& m) {
  std::string_view t = line;
  while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
  const bool indented = t.size() != line.size();
  bool bulleted = false;
  if (t.size() > 1 && (t[0] == '*' || t[0] == '-' || t[0] == '+') && t[1] == ' ') {
    t = trim(t.substr(2));
    bulleted = true;
  } else if (!t.empty() && t[0] == '#') {
    while (!t.empty() && t.front() == '#') t.remove_prefix(1);
    t = trim(t);
    bulleted = true;
  }
  std::string_view rest;
  if (starts_with(t, "BREAKING CHANGE") || starts_with(t, "BREAKING-CHANGE")) {
    rest = t.substr(15);
  } else {
    return false;
  }
  bool plural = false;
  if (starts_with(rest, "S")) {
    plural = true;
    rest.remove_prefix(1);
  }
  if (starts_with(rest, ":")) {
    m.note = trim(rest.substr(1));
    if (plural) {
      m.nonstandard = "`BREAKING CHANGES:` (plural) was read as a `BREAKING CHANGE:` footer";
    } else if (bulleted || indented) {
      m.nonstandard = "a bulleted or indented `BREAKING CHANGE:` was read as a footer";
    }
    return true;
  }
  if (!trim(rest).empty()) return false;  // "BREAKING CHANGE in the text" is prose
  m.note = {};
  m.nonstandard = "a `BREAKING CHANGE` line without ':' was read as a `BREAKING CHANGE:` footer";
  return true;
}

// The body: breaking-change footers (and their variants), the reverted
// commit's id, relctl's release trailer.
void parse_body(std::string_view body, ConventionalCommit& c) {
  enum class Note { none, after_colon, next_paragraph };
  Note note = Note::none;
  bool collecting = false;  // inside the paragraph of a note that follows its marker
  size_t pos = 0;
  while (pos < body.size()) {
    size_t end = body.find('\n', pos);
    if (end == std::string_view::npos) end = body.size();
    const auto line = body.substr(pos, end - pos);
    pos = end + 1;
    const auto text = trim(line);

    Marker m;
    if (breaking_marker(line, m)) {
      c.breaking = true;
      if (m.nonstandard) c.nonstandard.emplace_back(m.nonstandard);
      if (c.breaking_note.empty()) {
        c.breaking_note = std::string(m.note);
        note = m.note.empty() ? Note::next_paragraph : Note::after_colon;
      } else {
        note = Note::none;
      }
      collecting = false;
      continue;
    }
    if (starts_with(line, "This reverts commit ")) {
      auto rest = line.substr(20);
      size_t n = 0;
      while (n < rest.size() && std::isxdigit(static_cast<unsigned char>(rest[n]))) ++n;
      c.revert = true;
      c.reverted_id = std::string(rest.substr(0, n));
    } else if (starts_with(line, "Relctl-Version: ")) {
      c.release = true;
    }
    if (note == Note::after_colon) {
      // A footer's text goes on until a blank line or the next footer.
      if (text.empty() || text.find(": ") != std::string_view::npos) {
        note = Note::none;
      } else {
        c.breaking_note += " " + std::string(text);
      }
    } else if (note == Note::next_paragraph) {
      if (text.empty()) {
        if (collecting) note = Note::none;
      } else {
        collecting = true;
        c.breaking_note += (c.breaking_note.empty() ? "" : " ") + std::string(text);
      }
    }
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
  const auto bare = without_pr_number(c.header);
  if (starts_with(bare, "Revert \"") && bare.size() > 9 && bare.back() == '"') {
    c.revert = true;
    c.reverted_header = std::string(bare.substr(8, bare.size() - 9));
  }

  c.conforming = parse_header(c.header, c);
  if (!c.conforming) c.subject = c.header;
  if (c.type == "revert") {
    c.revert = true;
    if (c.reverted_header.empty()) c.reverted_header = std::string(without_pr_number(c.subject));
  }
  parse_body(body, c);
  return c;
}

Bump bump_of(const ConventionalCommit& c) {
  if (c.merge || c.release) return Bump::none;
  if (c.breaking) return Bump::major;
  if (c.type == "feat") return Bump::minor;
  return Bump::patch;
}

Changes classify(std::vector<ConventionalCommit> commits) {
  const size_t n = commits.size();
  // target[i]: the commit (older, so a higher index) that revert i takes back.
  std::vector<size_t> target(n, n);
  std::vector<bool> targeted(n, false);
  auto claim = [&](size_t i, auto&& matches) {
    for (size_t j = i + 1; j < n; ++j) {
      if (!targeted[j] && !commits[j].merge && matches(commits[j])) {
        target[i] = j;
        targeted[j] = true;
        return true;
      }
    }
    return false;
  };
  for (size_t i = 0; i < n; ++i) {
    const auto& r = commits[i];
    if (!r.revert || r.merge) continue;
    const bool by_id = r.reverted_id.size() >= 7 && claim(i, [&](const ConventionalCommit& t) {
                         return starts_with(t.id, r.reverted_id);
                       });
    if (!by_id && !r.reverted_header.empty()) {
      const auto wanted = without_pr_number(r.reverted_header);
      claim(i, [&](const ConventionalCommit& t) { return without_pr_number(t.header) == wanted; });
    }
  }
  // Newest first, every revert of a commit is decided before the commit: a
  // change is in effect unless a revert that is itself in effect takes it back.
  std::vector<bool> in_effect(n, true);
  for (size_t i = 0; i < n; ++i) {
    if (target[i] < n && in_effect[i]) in_effect[target[i]] = false;
  }

  // The kept commits move down in place: no second list of every commit.
  Changes out;
  size_t kept = 0;
  for (size_t i = 0; i < n; ++i) {
    auto& c = commits[i];
    // A revert resolved inside the range shows through its target's state.
    if (c.merge || c.release || !in_effect[i] || target[i] < n) continue;
    out.bump = std::max(out.bump, bump_of(c));
    if (kept != i) commits[kept] = std::move(c);
    ++kept;
  }
  commits.resize(kept);
  out.kept = std::move(commits);
  out.commits = out.kept.size();
  return out;
}

}  // namespace relctl::gates::commits
