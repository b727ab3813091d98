#include "suggest.hpp"

#include <algorithm>
#include <cctype>
#include <limits>

namespace relctl::config::detail {

namespace {

std::string normalise(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (const char c : s) {
    out += c == '-' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

// How many edits still read as a typo of a word this long.
std::size_t tolerance(std::size_t length) {
  if (length <= 3) return 1;
  if (length <= 8) return 2;
  return 3;
}

}  // namespace

std::size_t edit_distance(std::string_view a_in, std::string_view b_in) {
  const std::string a = normalise(a_in);
  const std::string b = normalise(b_in);
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

std::string closest(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = std::numeric_limits<std::size_t>::max();
  const std::string w = normalise(word);
  for (const auto& c : candidates) {
    std::size_t d = edit_distance(word, c);
    // "branches" for "release_branches": a long enough part of the real name.
    const std::string n = normalise(c);
    const bool part = std::min(w.size(), n.size()) >= 4 &&
                      (n.find(w) != std::string::npos || w.find(n) != std::string::npos);
    if (d > tolerance(std::max(word.size(), c.size())) && !part) continue;
    if (part) d = std::min(d, tolerance(c.size()));
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

}  // namespace relctl::config::detail
