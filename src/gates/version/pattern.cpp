#include "gates/version/pattern.hpp"

#include <algorithm>
#include <cctype>
#include <regex>

#include "relctl/core/error.hpp"

namespace relctl::gates::version {

namespace {

constexpr const char* version_regex =
    R"(([0-9]+\.[0-9]+\.[0-9]+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?))";

std::string escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (std::string_view(R"(\^$.|?*+()[]{}/)").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

// Template text -> regex: {version} captures, other {placeholders} match anything.
std::string template_regex(std::string_view tmpl, const std::string& version_part) {
  std::string out;
  size_t i = 0;
  while (i < tmpl.size()) {
    if (tmpl[i] == '{' && i + 1 < tmpl.size() && tmpl[i + 1] == '{') {
      out += "\\{";
      i += 2;
    } else if (tmpl[i] == '}' && i + 1 < tmpl.size() && tmpl[i + 1] == '}') {
      out += "\\}";
      i += 2;
    } else if (tmpl[i] == '{') {
      const size_t close = tmpl.find('}', i);
      if (close == std::string_view::npos) {
        out += escape(tmpl.substr(i));
        break;
      }
      out += tmpl.substr(i + 1, close - i - 1) == "version" ? version_part : std::string(".*");
      i = close + 1;
    } else {
      out += escape(tmpl.substr(i, 1));
      ++i;
    }
  }
  return out;
}

}  // namespace

// The literal text a template starts with, up to its first placeholder.
std::string literal_lead(std::string_view tmpl) {
  std::string out;
  for (size_t i = 0; i < tmpl.size(); ++i) {
    if ((tmpl[i] == '{' || tmpl[i] == '}') && i + 1 < tmpl.size() && tmpl[i + 1] == tmpl[i]) {
      out += tmpl[i++];
    } else if (tmpl[i] == '{') {
      break;
    } else {
      out += tmpl[i];
    }
  }
  return out;
}

std::vector<PatternMatch> find_versions(std::string_view text, std::string_view pattern) {
  // libstdc++'s regex executor recurses once per character it matches, so
  // a long line of a version file (a minified bundle, a data blob) would
  // overflow the stack. The regex only ever runs on a bounded window that
  // starts where the pattern's literal lead does: no version line is longer.
  constexpr size_t window = 512;
  const std::regex re(template_regex(pattern, version_regex));
  const std::string lead = literal_lead(pattern);
  std::vector<PatternMatch> out;
  size_t from = 0;
  while (from < text.size()) {
    size_t at = text.find(lead, from);
    if (lead.empty()) {
      while (at < text.size() && !std::isdigit(static_cast<unsigned char>(text[at]))) ++at;
    }
    if (at == std::string_view::npos || at >= text.size()) break;
    const std::string piece(text.substr(at, lead.size() + window));
    std::smatch m;
    if (std::regex_search(piece, m, re, std::regex_constants::match_continuous)) {
      out.push_back(
          {at + static_cast<size_t>(m.position(1)), static_cast<size_t>(m.length(1)), m.str(1)});
      from = at + std::max<size_t>(1, static_cast<size_t>(m.length(0)));
    } else if (lead.empty()) {
      // A version starting later in the same run of digits would have matched here too.
      while (at < text.size() && std::isdigit(static_cast<unsigned char>(text[at]))) ++at;
      from = at;
    } else {
      from = at + 1;
    }
  }
  return out;
}

std::string replace_version(std::string_view text, const PatternMatch& match,
                            std::string_view version) {
  std::string out(text.substr(0, match.begin));
  out += version;
  out += text.substr(match.begin + match.size);
  return out;
}

TagTemplate::TagTemplate(std::string tmpl) : tmpl_(std::move(tmpl)) {
  if (tmpl_.find("{version}") == std::string::npos) {
    throw ConfigError("code_release.tag = \"" + tmpl_ + "\" has no {version}",
                      "use a template such as \"code-v{version}\"");
  }
}

std::string TagTemplate::glob() const {
  std::string out;
  for (size_t i = 0; i < tmpl_.size(); ++i) {
    if (tmpl_[i] == '{' && i + 1 < tmpl_.size() && tmpl_[i + 1] != '{') {
      const size_t close = tmpl_.find('}', i);
      if (close != std::string::npos) {
        out += '*';
        i = close;
        continue;
      }
    }
    out += tmpl_[i];
  }
  return out;
}

std::optional<SemVer> TagTemplate::version_of(const std::string& tag) const {
  // No release tag is this long; the regex below recurses once per character.
  if (tag.size() > 255) return std::nullopt;
  static thread_local std::string cached_tmpl;
  static thread_local std::regex cached;
  if (cached_tmpl != tmpl_) {
    cached = std::regex(template_regex(tmpl_, "(.+)"));
    cached_tmpl = tmpl_;
  }
  std::smatch m;
  if (!std::regex_match(tag, m, cached)) return std::nullopt;
  return SemVer::parse(m.str(1));
}

}  // namespace relctl::gates::version
