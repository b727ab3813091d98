#include "gates/version/semver.hpp"

#include <algorithm>
#include <charconv>

#include "relctl/core/error.hpp"
#include "relctl/gates/version.hpp"

namespace relctl::gates::version {

namespace {

bool is_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_identifier(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
  });
}

std::optional<std::uint64_t> number(std::string_view s) {
  if (!is_digits(s) || (s.size() > 1 && s[0] == '0')) return std::nullopt;
  std::uint64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (;;) {
    const size_t end = s.find(sep, start);
    out.push_back(s.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return out;
    start = end + 1;
  }
}

int compare_identifier(const std::string& a, const std::string& b) {
  const bool na = is_digits(a), nb = is_digits(b);
  if (na && nb) {
    // Numeric identifiers compare as numbers; equal length first avoids overflow.
    if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
    return a.compare(b) < 0 ? -1 : (a == b ? 0 : 1);
  }
  if (na != nb) return na ? -1 : 1;  // numeric identifiers sort before alphanumeric ones
  const int c = a.compare(b);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

}  // namespace

std::string prerelease_problem(std::string_view id) {
  if (id.empty()) return "it is empty";
  for (auto part : split(id, '.')) {
    if (part.empty()) return "it has an empty identifier (two dots, or a dot at an end)";
    for (char c : part) {
      if (!is_identifier(std::string_view(&c, 1))) {
        const unsigned char u = static_cast<unsigned char>(c);
        const std::string what = u >= 0x80               ? "a non-ASCII character"
                                 : u <= ' ' || u == 0x7f ? "a space or control character"
                                                         : "'" + std::string(1, c) + "'";
        return what + " is not allowed: only ASCII letters, digits and '-'";
      }
    }
    if (is_digits(part) && part.size() > 1 && part[0] == '0') {
      return "the number " + std::string(part) + " has a leading zero";
    }
  }
  return "";
}

std::optional<SemVer> SemVer::parse(std::string_view text) {
  SemVer v;
  if (const auto plus = text.find('+'); plus != std::string_view::npos) {
    const auto build = text.substr(plus + 1);
    for (auto part : split(build, '.')) {
      if (!is_identifier(part)) return std::nullopt;
    }
    v.build = std::string(build);
    text = text.substr(0, plus);
  }
  if (const auto dash = text.find('-'); dash != std::string_view::npos) {
    for (auto part : split(text.substr(dash + 1), '.')) {
      if (!is_identifier(part) || (is_digits(part) && part.size() > 1 && part[0] == '0')) {
        return std::nullopt;
      }
      v.pre.emplace_back(part);
    }
    text = text.substr(0, dash);
  }
  const auto parts = split(text, '.');
  if (parts.size() != 3) return std::nullopt;
  const auto ma = number(parts[0]), mi = number(parts[1]), pa = number(parts[2]);
  if (!ma || !mi || !pa) return std::nullopt;
  v.major = *ma;
  v.minor = *mi;
  v.patch = *pa;
  return v;
}

std::string SemVer::str() const {
  std::string s = std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
  for (size_t i = 0; i < pre.size(); ++i) s += (i == 0 ? "-" : ".") + pre[i];
  if (!build.empty()) s += "+" + build;
  return s;
}

int compare(const SemVer& a, const SemVer& b) {
  if (a.major != b.major) return a.major < b.major ? -1 : 1;
  if (a.minor != b.minor) return a.minor < b.minor ? -1 : 1;
  if (a.patch != b.patch) return a.patch < b.patch ? -1 : 1;
  // A prerelease has lower precedence than the release itself.
  if (a.pre.empty() != b.pre.empty()) return a.pre.empty() ? 1 : -1;
  const size_t n = std::min(a.pre.size(), b.pre.size());
  for (size_t i = 0; i < n; ++i) {
    if (int c = compare_identifier(a.pre[i], b.pre[i]); c != 0) return c;
  }
  if (a.pre.size() != b.pre.size()) return a.pre.size() < b.pre.size() ? -1 : 1;
  return 0;
}

}  // namespace relctl::gates::version

namespace relctl::gates {

void check_prerelease_id(const std::string& id) {
  const std::string problem = version::prerelease_problem(id);
  if (problem.empty()) return;
  throw UsageError("--pre \"" + id + "\" is not a prerelease identifier: " + problem,
                   "use letters, digits and '-' (SemVer 2.0), e.g. --pre beta or --pre rc; the "
                   "number is added and counted up by relctl");
}

}  // namespace relctl::gates
