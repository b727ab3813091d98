#include "relctl/pg/sql_script.hpp"

#include <algorithm>
#include <cctype>

namespace relctl::pg {

namespace {

bool is_ident_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool is_ident_char(char c) {
  return is_ident_start(c) || std::isdigit(static_cast<unsigned char>(c)) || c == '$';
}
bool is_space(char c) {
  return std::isspace(static_cast<unsigned char>(c)) != 0;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// The dollar-quote tag starting at `i` ("$$" or "$tag$"), or empty if there is none.
std::string_view dollar_tag(std::string_view s, std::size_t i) {
  if (s[i] != '$') return {};
  std::size_t j = i + 1;
  if (j < s.size() && s[j] != '$' && !is_ident_start(s[j])) return {};
  while (j < s.size() && s[j] != '$') {
    if (!is_ident_char(s[j]) || s[j] == '$') return {};
    ++j;
  }
  if (j >= s.size()) return {};
  return s.substr(i, j - i + 1);
}

// Walks a script token by token, skipping strings and comments, and calls
// on_word for each bare word and on_char for each other significant char.
// Returns nothing; the callbacks get the byte offset of what they see.
class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {}

  template <class OnWord, class OnChar>
  void run(OnWord on_word, OnChar on_char) {
    std::size_t i = 0;
    while (i < s_.size()) {
      const char c = s_[i];
      const char next = i + 1 < s_.size() ? s_[i + 1] : '\0';
      if (c == '-' && next == '-') {
        i = skip_line_comment(i);
      } else if (c == '/' && next == '*') {
        i = skip_block_comment(i);
      } else if (c == '\'') {
        on_char(i, c);
        i = skip_string(i, false);
      } else if (c == '"') {
        on_char(i, c);
        i = skip_quoted_ident(i);
      } else if (c == '$' && !(i > 0 && is_ident_char(s_[i - 1])) && !dollar_tag(s_, i).empty()) {
        on_char(i, c);
        i = skip_dollar(i);
      } else if (is_ident_start(c)) {
        std::size_t j = i;
        while (j < s_.size() && is_ident_char(s_[j])) ++j;
        // E'...' and e'...' are escape strings: backslash escapes the quote.
        if (j < s_.size() && s_[j] == '\'' && j - i == 1 && (c == 'E' || c == 'e')) {
          on_char(i, c);
          i = skip_string(j, true);
          continue;
        }
        on_word(i, s_.substr(i, j - i));
        i = j;
      } else {
        if (!is_space(c)) on_char(i, c);
        ++i;
      }
    }
  }

 private:
  std::size_t skip_line_comment(std::size_t i) const {
    while (i < s_.size() && s_[i] != '\n') ++i;
    return i;
  }
  std::size_t skip_block_comment(std::size_t i) const {
    int depth = 0;
    while (i < s_.size()) {
      if (s_[i] == '/' && i + 1 < s_.size() && s_[i + 1] == '*') {
        ++depth;
        i += 2;
      } else if (s_[i] == '*' && i + 1 < s_.size() && s_[i + 1] == '/') {
        i += 2;
        if (--depth == 0) return i;
      } else {
        ++i;
      }
    }
    return i;
  }
  std::size_t skip_string(std::size_t i, bool backslash_escapes) const {
    ++i;  // opening quote
    while (i < s_.size()) {
      if (backslash_escapes && s_[i] == '\\') {
        i += 2;
      } else if (s_[i] == '\'') {
        if (i + 1 < s_.size() && s_[i + 1] == '\'') {
          i += 2;
        } else {
          return i + 1;
        }
      } else {
        ++i;
      }
    }
    return i;
  }
  std::size_t skip_quoted_ident(std::size_t i) const {
    ++i;
    while (i < s_.size()) {
      if (s_[i] == '"') {
        if (i + 1 < s_.size() && s_[i + 1] == '"') {
          i += 2;
        } else {
          return i + 1;
        }
      } else {
        ++i;
      }
    }
    return i;
  }
  std::size_t skip_dollar(std::size_t i) const {
    const std::string_view tag = dollar_tag(s_, i);
    const std::size_t end = s_.find(tag, i + tag.size());
    return end == std::string_view::npos ? s_.size() : end + tag.size();
  }

  std::string_view s_;
};

int count_lines(std::string_view s, std::size_t from, std::size_t to) {
  return static_cast<int>(std::count(s.begin() + static_cast<std::ptrdiff_t>(from),
                                     s.begin() + static_cast<std::ptrdiff_t>(to), '\n'));
}

}  // namespace

std::vector<SqlStatement> split_sql(std::string_view script) {
  std::vector<SqlStatement> out;
  std::size_t start = std::string_view::npos;  // offset of the current statement's first token
  int paren_depth = 0;
  int begin_depth = 0;
  std::vector<std::string> words;  // the statement's first words, for CREATE FUNCTION detection

  auto is_routine = [&] {
    if (words.size() < 2 || words[0] != "CREATE") return false;
    if (words[1] == "FUNCTION" || words[1] == "PROCEDURE") return true;
    return words.size() >= 4 && words[1] == "OR" && words[2] == "REPLACE" &&
           (words[3] == "FUNCTION" || words[3] == "PROCEDURE");
  };
  auto finish = [&](std::size_t end) {
    if (start != std::string_view::npos) {
      std::string text(script.substr(start, end - start));
      while (!text.empty() && is_space(text.back())) text.pop_back();
      out.push_back({std::move(text), 1 + count_lines(script, 0, start)});
    }
    start = std::string_view::npos;
    paren_depth = 0;
    begin_depth = 0;
    words.clear();
  };
  auto note_start = [&](std::size_t at) {
    if (start == std::string_view::npos) start = at;
  };

  Scanner scanner(script);
  scanner.run(
      [&](std::size_t at, std::string_view word) {
        note_start(at);
        const std::string w = upper(word);
        if (words.size() < 4) words.push_back(w);
        if (paren_depth == 0 && is_routine()) {
          if (w == "BEGIN") {
            ++begin_depth;
          } else if (w == "CASE" && begin_depth > 0) {
            ++begin_depth;
          } else if (w == "END" && begin_depth > 0) {
            --begin_depth;
          }
        }
      },
      [&](std::size_t at, char c) {
        if (c == ';' && paren_depth == 0 && begin_depth == 0) {
          finish(at);
          return;
        }
        note_start(at);
        if (c == '(') ++paren_depth;
        if (c == ')' && paren_depth > 0) --paren_depth;
      });
  finish(script.size());  // a last statement without ';'; a comment-only tail makes none
  return out;
}

std::vector<std::string> leading_keywords(std::string_view statement, std::size_t count) {
  std::vector<std::string> out;
  bool stop = false;
  Scanner(statement).run(
      [&](std::size_t, std::string_view word) {
        if (!stop && out.size() < count) out.push_back(upper(word));
      },
      [&](std::size_t, char) {
        if (out.size() < count) stop = true;
      });
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
