// Token-level SQL rules (see sql_lexer.hpp) and the keyword helpers of
// sql_script.hpp built on them.

#include "pg/sql_lexer.hpp"

#include <algorithm>
#include <cstring>

namespace relctl::pg {

namespace detail {

bool iequals(std::string_view word, std::string_view upper_keyword) {
  if (word.size() != upper_keyword.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c != upper_keyword[i]) return false;
  }
  return true;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view dollar_tag(std::string_view s, std::size_t i) {
  if (i >= s.size() || s[i] != '$') return {};
  std::size_t j = i + 1;
  if (j < s.size() && s[j] != '$' && !is_ident_start(s[j])) return {};
  while (j < s.size() && s[j] != '$') {
    if (!is_ident_start(s[j]) && !is_digit(s[j])) return {};
    ++j;
  }
  if (j >= s.size()) return {};
  return s.substr(i, j - i + 1);
}

void SqlCursor::advance_to(std::size_t to) {
  to = std::min(to, s.size());
  const char* p = s.data() + pos;
  const char* end = s.data() + to;
  while ((p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p))))) {
    ++line;
    ++p;
  }
  pos = to;
}

void SqlCursor::skip_line_comment() {
  const std::size_t nl = s.find('\n', pos);
  pos = nl == std::string_view::npos ? s.size() : nl;  // the newline itself is whitespace
}

bool SqlCursor::skip_block_comment() {
  int depth = 0;
  std::size_t i = pos;
  while (i + 1 < s.size()) {
    if (s[i] == '/' && s[i + 1] == '*') {
      ++depth;
      i += 2;
    } else if (s[i] == '*' && s[i + 1] == '/') {
      i += 2;
      if (--depth == 0) {
        advance_to(i);
        return true;
      }
    } else {
      ++i;
    }
  }
  advance_to(s.size());
  return false;
}

bool SqlCursor::skip_quoted(char quote, bool backslash_escapes) {
  std::size_t i = pos + 1;
  while (i < s.size()) {
    const char c = s[i];
    if (backslash_escapes && c == '\\') {
      i += 2;
    } else if (c == quote) {
      if (i + 1 < s.size() && s[i + 1] == quote) {
        i += 2;
      } else {
        advance_to(i + 1);
        return true;
      }
    } else {
      ++i;
    }
  }
  advance_to(s.size());
  return false;
}

bool SqlCursor::skip_dollar(std::string_view tag, std::string_view& body) {
  const std::size_t from = pos + tag.size();
  const std::size_t end = s.find(tag, from);
  if (end == std::string_view::npos) {
    body = s.substr(from);
    advance_to(s.size());
    return false;
  }
  body = s.substr(from, end - from);
  advance_to(end + tag.size());
  return true;
}

std::string_view SqlCursor::identifier() {
  const std::size_t from = pos;
  while (pos < s.size() && is_ident_char(s[pos])) ++pos;
  return s.substr(from, pos - from);
}

void SqlCursor::number() {
  // Digits, a decimal point, exponents, 0x/0o/0b prefixes and '_' separators:
  // everything up to the next character that cannot continue a number.
  while (pos < s.size()) {
    const char c = s[pos];
    if (is_digit(c) || c == '.' || c == '_' || is_ident_start(c)) {
      ++pos;
    } else if ((c == '+' || c == '-') && (s[pos - 1] == 'e' || s[pos - 1] == 'E')) {
      ++pos;
    } else {
      break;
    }
  }
}

bool body_ends_transaction(std::string_view body) {
  bool found = false;
  for_each_token(
      body,
      [&](std::string_view w) {
        found = iequals(w, "COMMIT") || iequals(w, "ROLLBACK");
        return !found;
      },
      [](char) { return true; });
  return found;
}

}  // namespace detail

std::vector<std::string> leading_keywords(std::string_view statement, std::size_t count) {
  std::vector<std::string> out;
  if (count == 0) return out;
  detail::for_each_token(
      statement,
      [&](std::string_view w) {
        out.push_back(detail::upper(w));
        return out.size() < count;
      },
      [](char) { return false; });
  return out;
}

bool is_transaction_control(std::string_view statement) {
  const auto kw = leading_keywords(statement, 2);
  if (kw.empty()) return false;
  const std::string& first = kw[0];
  const std::string second = kw.size() > 1 ? kw[1] : "";
  // ROLLBACK TO SAVEPOINT and COMMIT/ROLLBACK PREPARED leave the current transaction alone.
  if (first == "ROLLBACK") return second != "TO" && second != "PREPARED";
  if (first == "COMMIT") return second != "PREPARED";
  if (first == "BEGIN" || first == "END" || first == "ABORT") return true;
  return (first == "START" || first == "PREPARE") && second == "TRANSACTION";
}

int line_of_position(std::string_view statement, int position) {
  if (position < 1 || static_cast<std::size_t>(position) > statement.size() + 1) return 1;
  // The server counts characters, not bytes: walk UTF-8 code points.
  int chars = 0;
  int line = 1;
  for (std::size_t i = 0; i < statement.size(); ++i) {
    const auto byte = static_cast<unsigned char>(statement[i]);
    if ((byte & 0xC0) == 0x80) continue;  // continuation byte
    if (++chars == position) return line;
    if (statement[i] == '\n') ++line;
  }
  return line;
}

}  // namespace relctl::pg
