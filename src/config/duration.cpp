// Durations in relctl.toml: "500ms", "30s", "10m", "1h", "2d", "1h30m".

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <string>

#include "duration.hpp"
#include "relctl/config/loader.hpp"
#include "relctl/core/error.hpp"

namespace relctl::config {

namespace detail {

namespace {

struct Unit {
  std::string_view name;
  std::int64_t ms;
};

// Largest first: a duration names each unit at most once, in this order.
constexpr std::array<Unit, 5> units = {
    {{"d", 86'400'000}, {"h", 3'600'000}, {"m", 60'000}, {"s", 1'000}, {"ms", 1}}};

constexpr std::int64_t max_ms = std::int64_t{366} * 86'400'000;  // a year is plenty

}  // namespace

std::string duration_problem(std::string_view text, Duration& out) {
  if (text.empty()) return "it is empty";
  if (text.front() == '-') return "durations cannot be negative";
  std::int64_t total = 0;
  std::size_t last_unit = 0;  // index into units + 1 of the previous unit
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t digits_start = i;
    std::int64_t n = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
      if (i - digits_start >= 12) return "the number is too large";
      n = n * 10 + (text[i] - '0');
      ++i;
    }
    if (i == digits_start) {
      if (text[i] == '.' || text[i] == ',') return "use whole numbers, e.g. 1h30m instead of 1.5h";
      return fmt::format("expected a number at '{}'", text.substr(i));
    }
    if (i < text.size() && (text[i] == '.' || text[i] == ',')) {
      return "use whole numbers, e.g. 1h30m instead of 1.5h";
    }
    const std::size_t unit_start = i;
    while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
    const std::string_view unit = text.substr(unit_start, i - unit_start);
    if (unit.empty()) {
      if (i == text.size()) return fmt::format("'{}' has no unit (ms, s, m, h or d)", n);
      return fmt::format("unexpected '{}'", text.substr(i, 1));
    }
    std::size_t index = 0;
    while (index < units.size() && units[index].name != unit) ++index;
    if (index == units.size()) return fmt::format("unknown unit '{}' (use ms, s, m, h or d)", unit);
    if (index + 1 <= last_unit) {
      return "write each unit once, largest first, e.g. 1h30m";
    }
    last_unit = index + 1;
    total += n * units[index].ms;
    if (total > max_ms) return "it is longer than a year";
  }
  out = Duration(total);
  return {};
}

}  // namespace detail

Duration parse_duration(std::string_view text) {
  Duration d{};
  if (auto problem = detail::duration_problem(text, d); !problem.empty()) {
    throw ConfigError(fmt::format("invalid duration \"{}\": {}", text, problem),
                      "write a whole number and a unit, e.g. \"500ms\", \"30s\", \"10m\", "
                      "\"1h\", \"2d\" or \"1h30m\"");
  }
  return d;
}

std::string format_duration(Duration d) {
  std::int64_t ms = d.count();
  if (ms == 0) return "0s";
  std::string out;
  for (const auto& u : detail::units) {
    if (ms >= u.ms) {
      out += std::to_string(ms / u.ms) + std::string(u.name);
      ms %= u.ms;
    }
  }
  return out;
}

}  // namespace relctl::config
