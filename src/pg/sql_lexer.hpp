#pragma once
// The token-level rules psql's lexer (psqlscan.l) applies to SQL text:
// comments, quoted strings and identifiers, dollar quotes, identifiers and
// numbers. Shared by the statement scanner and the keyword helpers; private
// to src/pg.

#include <cstddef>
#include <string>
#include <string_view>

#include "relctl/pg/sql_script.hpp"

namespace relctl::pg::detail {

inline bool is_ident_start(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u == '_' || u >= 0x80;
}
inline bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
inline bool is_ident_char(char c) {
  return is_ident_start(c) || is_digit(c) || c == '$';
}
inline bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/// ASCII case-insensitive equality with an upper-case keyword.
bool iequals(std::string_view word, std::string_view upper_keyword);
std::string upper(std::string_view s);
std::string lower(std::string_view s);

/// The dollar-quote tag starting at `i` ("$$" or "$tag$"), or empty if there is none.
std::string_view dollar_tag(std::string_view s, std::size_t i);

/// A position in SQL text that knows its line. Each skip_* starts on the
/// opening character(s) and stops just past the closing ones; it returns
/// false (and stops at the end of the text) when the construct is unterminated.
struct SqlCursor {
  std::string_view s;
  std::size_t pos = 0;
  int line = 1;

  bool at_end() const { return pos >= s.size(); }
  char peek(std::size_t ahead = 0) const { return pos + ahead < s.size() ? s[pos + ahead] : '\0'; }
  /// Moves to `to` (>= pos), counting the newlines passed.
  void advance_to(std::size_t to);
  void skip_line_comment();
  bool skip_block_comment();
  bool skip_quoted(char quote, bool backslash_escapes);
  /// `tag` is at pos; returns the body between the tags via `body`.
  bool skip_dollar(std::string_view tag, std::string_view& body);
  /// An identifier starting at pos (is_ident_start); returns it.
  std::string_view identifier();
  /// A numeric literal starting at pos (a digit, or '.' before a digit).
  void number();
};

/// Calls on_word(word) for each bare word of `text` and on_other(c) for each
/// other significant character (quotes and dollar quotes count as one, with
/// their opening character); comments are skipped.
template <class OnWord, class OnOther>
void for_each_token(std::string_view text, OnWord on_word, OnOther on_other) {
  SqlCursor c{text};
  while (!c.at_end()) {
    const char ch = c.peek();
    if (ch == '-' && c.peek(1) == '-') {
      c.skip_line_comment();
    } else if (ch == '/' && c.peek(1) == '*') {
      c.skip_block_comment();
    } else if (ch == '\'' || ch == '"') {
      if (!on_other(ch)) return;
      c.skip_quoted(ch, false);
    } else if (ch == '$' && !dollar_tag(text, c.pos).empty()) {
      if (!on_other(ch)) return;
      std::string_view body;
      c.skip_dollar(dollar_tag(text, c.pos), body);
    } else if (is_ident_start(ch)) {
      const std::size_t at = c.pos;
      const std::string_view w = c.identifier();
      if (w.size() == 1 && (ch == 'E' || ch == 'e') && c.peek() == '\'') {
        c.pos = at;
        if (!on_other('\'')) return;
        c.pos = at + 1;
        c.skip_quoted('\'', true);
      } else if (!on_word(w)) {
        return;
      }
    } else if (is_digit(ch) || (ch == '.' && is_digit(c.peek(1)))) {
      if (!on_other('0')) return;
      c.number();
    } else {
      if (!is_space(ch) && !on_other(ch)) return;
      c.advance_to(c.pos + 1);
    }
  }
}

/// True when a PL/pgSQL body holds COMMIT or ROLLBACK (outside its comments and strings).
bool body_ends_transaction(std::string_view body);

/// Collects what StatementTraits says about one statement from its tokens.
class StatementKind {
 public:
  /// A bare word at parenthesis depth `depth`.
  void word(std::string_view w, int depth);
  /// A quoted identifier ("...", content without quotes) at `depth`.
  void quoted_identifier(std::string_view content, int depth);
  /// A string or dollar-quoted constant at `depth` (content without quotes).
  void constant(std::string_view content, int depth);
  /// An opening parenthesis at `depth` (before it opens).
  void open_paren(int depth);
  /// CREATE [OR REPLACE] FUNCTION/PROCEDURE: BEGIN ... END nests (psql's rule).
  bool is_routine() const;
  StatementTraits traits(std::string_view text) const;

 private:
  bool first_is(std::string_view a) const { return count_ > 0 && words_[0] == a; }
  bool second_is(std::string_view b) const { return count_ > 1 && words_[1] == b; }
  const char* no_transaction() const;

  static constexpr int kept = 6;
  std::string words_[kept];  // the first depth-0 words, upper-cased
  int count_ = 0;            // depth-0 words seen
  bool watch_ = false;       // the first word asks for looking further
  bool other_top_token_ = false;
  std::string prev_;  // previous depth-0 word, upper-cased (watched statements only)
  bool concurrently_ = false, add_value_ = false, from_stdin_ = false, to_stdout_ = false;
  bool set_tablespace_ = false, detach_ = false, refresh_ = false, body_commits_ = false;
  bool paren_seen_ = false;
  std::string last_name_;  // the last depth-0 name, lower case (or as quoted)
  std::string name_;       // the name before the first '(' (CALL, CREATE PROCEDURE)
};

}  // namespace relctl::pg::detail
