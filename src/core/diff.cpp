// Unified diffs: common lines trimmed at both ends, the longest common
// subsequence of what is left (or, past a size cap, all of it replaced:
// still a correct diff, only a longer one), then hunks with context.

#include "relctl/core/diff.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace relctl::core {

namespace {

struct Line {
  std::string_view text;  // without its '\n'
  bool newline = true;    // false for a last line without one

  bool operator==(const Line& o) const { return text == o.text && newline == o.newline; }
};

std::vector<Line> lines_of(std::string_view s) {
  std::vector<Line> out;
  size_t pos = 0;
  while (pos < s.size()) {
    const size_t nl = s.find('\n', pos);
    if (nl == std::string_view::npos) {
      out.push_back({s.substr(pos), false});
      break;
    }
    out.push_back({s.substr(pos, nl - pos), true});
    pos = nl + 1;
  }
  return out;
}

// One line of the edit script: ' ' kept, '-' removed, '+' added; `a` and `b`
// are its 0-based positions in before and after (the next one for the side
// it is not on).
struct Op {
  char kind;
  size_t a;
  size_t b;
};

constexpr size_t max_cells = 4'000'000;  // the LCS table's size cap (16 MB)

// The edit script of a[lo_a, hi_a) -> b[lo_b, hi_b) by the LCS table.
void middle_ops(const std::vector<Line>& a, const std::vector<Line>& b, size_t lo_a, size_t hi_a,
                size_t lo_b, size_t hi_b, std::vector<Op>& ops) {
  const size_t n = hi_a - lo_a, m = hi_b - lo_b;
  if (n == 0 || m == 0 || n * m > max_cells) {
    for (size_t i = lo_a; i < hi_a; ++i) ops.push_back({'-', i, lo_b});
    for (size_t j = lo_b; j < hi_b; ++j) ops.push_back({'+', hi_a, j});
    return;
  }
  // lcs[i][j]: the LCS length of a[lo_a+i..] and b[lo_b+j..].
  std::vector<std::uint32_t> lcs((n + 1) * (m + 1), 0);
  auto at = [&](size_t r, size_t c) -> std::uint32_t& { return lcs[r * (m + 1) + c]; };
  for (size_t i = n; i-- > 0;) {
    for (size_t j = m; j-- > 0;) {
      at(i, j) =
          a[lo_a + i] == b[lo_b + j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
    }
  }
  size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[lo_a + i] == b[lo_b + j]) {
      ops.push_back({' ', lo_a + i++, lo_b + j++});
    } else if (j == m || (i < n && at(i + 1, j) >= at(i, j + 1))) {
      ops.push_back({'-', lo_a + i++, lo_b + j});  // removals first, as git prints them
    } else {
      ops.push_back({'+', lo_a + i, lo_b + j++});
    }
  }
}

std::string range(size_t start, size_t count) {
  if (count == 1) return std::to_string(start + 1);
  return fmt::format("{},{}", count == 0 ? start : start + 1, count);
}

void put_line(std::string& out, char kind, const Line& l) {
  out += kind;
  out += l.text;
  out += '\n';
  if (!l.newline) out += "\\ No newline at end of file\n";
}

}  // namespace

std::string unified_diff(std::string_view before, std::string_view after, std::string_view path,
                         bool old_exists, int context) {
  if (before == after && old_exists) return "";
  const auto a = lines_of(before);
  const auto b = lines_of(after);
  size_t head = 0;
  while (head < a.size() && head < b.size() && a[head] == b[head]) ++head;
  size_t tail = 0;
  while (tail < a.size() - head && tail < b.size() - head &&
         a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) {
    ++tail;
  }
  std::vector<Op> ops;
  for (size_t i = 0; i < head; ++i) ops.push_back({' ', i, i});
  middle_ops(a, b, head, a.size() - tail, head, b.size() - tail, ops);
  for (size_t k = tail; k-- > 0;) ops.push_back({' ', a.size() - 1 - k, b.size() - 1 - k});

  std::string out = old_exists ? fmt::format("--- a/{}\n", path) : std::string("--- /dev/null\n");
  out += fmt::format("+++ b/{}\n", path);
  const size_t ctx = static_cast<size_t>(std::max(context, 0));
  size_t k = 0;
  while (k < ops.size()) {
    while (k < ops.size() && ops[k].kind == ' ') ++k;
    if (k == ops.size()) break;
    // A hunk: from `context` kept lines before the first change to
    // `context` after the last change that is no more than 2*context
    // kept lines away from the next one.
    const size_t first = k >= ctx ? k - ctx : 0;
    size_t last = k;  // one past the last change
    size_t scan = k;
    while (scan < ops.size()) {
      if (ops[scan].kind != ' ') {
        last = ++scan;
        continue;
      }
      size_t run = scan;
      while (run < ops.size() && ops[run].kind == ' ') ++run;
      if (run == ops.size() || run - scan > 2 * ctx) break;
      scan = run;
    }
    const size_t end = std::min(ops.size(), last + ctx);
    size_t old_count = 0, new_count = 0;
    for (size_t i = first; i < end; ++i) {
      old_count += ops[i].kind != '+';
      new_count += ops[i].kind != '-';
    }
    out += fmt::format("@@ -{} +{} @@\n", range(ops[first].a, old_count),
                       range(ops[first].b, new_count));
    for (size_t i = first; i < end; ++i) {
      const Op& op = ops[i];
      put_line(out, op.kind, op.kind == '+' ? b[op.b] : a[op.a]);
    }
    k = end;
  }
  return out;
}

}  // namespace relctl::core
