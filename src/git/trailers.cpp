#include "relctl/git/trailers.hpp"

#include <cctype>
#include <vector>

#include "relctl/core/error.hpp"

namespace relctl::git {

namespace {

// "Token: value" with a token of letters, digits and '-' (git's rule).
bool is_trailer_line(std::string_view line) {
  const auto colon = line.find(": ");
  if (colon == 0 || colon == std::string_view::npos) return false;
  for (const char c : line.substr(0, colon)) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
  }
  return true;
}

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> out;
  for (std::size_t start = 0; start < text.size();) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out.push_back(line);
    start = end + 1;
  }
  return out;
}

bool blank(std::string_view line) {
  return line.find_first_not_of(" \t") == std::string_view::npos;
}

}  // namespace

std::optional<std::string> trailer(std::string_view message, std::string_view key) {
  auto lines = lines_of(message);
  while (!lines.empty() && blank(lines.back())) lines.pop_back();
  std::size_t first = lines.size();
  while (first > 0 && !blank(lines[first - 1])) --first;
  // A one-paragraph message is a subject and body, never a trailer block.
  if (first == 0) return std::nullopt;
  std::optional<std::string> found;
  for (std::size_t i = first; i < lines.size(); ++i) {
    if (!is_trailer_line(lines[i])) return std::nullopt;
    const auto colon = lines[i].find(": ");
    if (lines[i].substr(0, colon) != key) continue;
    const std::string value(lines[i].substr(colon + 2));
    if (found && *found != value) {
      throw GateError("the message gives the trailer " + std::string(key) + " twice, with " +
                          "different values",
                      "the tag or commit was not written by relctl as it is: make a new release");
    }
    found = value;
  }
  return found;
}

}  // namespace relctl::git
