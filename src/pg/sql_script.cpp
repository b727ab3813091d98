// Splitting SQL scripts into statements as psql does (psqlscan.l): a ';'
// ends a statement outside parentheses and outside CREATE FUNCTION ...
// BEGIN ATOMIC bodies; COPY ... FROM stdin takes the lines after it up to
// `\.` as its data. One pass, linear in the size of the script.

#include "relctl/pg/sql_script.hpp"

#include "pg/sql_lexer.hpp"

namespace relctl::pg {

using namespace detail;

namespace {

constexpr const char* unterminated_hint =
    "close it (psql would read the rest of the file as part of it); nothing was run";

// The value a `SET standard_conforming_strings ...` statement sets: 1 on,
// 0 off, -1 back to the session's default.
int scs_value(std::string_view statement) {
  std::string last;
  bool reset = false;
  for_each_token(
      statement,
      [&](std::string_view w) {
        if (iequals(w, "RESET")) reset = true;
        last = upper(w);
        return true;
      },
      [&](char) { return true; });
  // SET x = 'off': the value is a string; look at the text after the last '=' or TO.
  const auto quote = statement.rfind('\'');
  if (!reset && quote != std::string_view::npos && quote > 0) {
    const auto open = statement.rfind('\'', quote - 1);
    if (open != std::string_view::npos) last = upper(statement.substr(open + 1, quote - open - 1));
  }
  if (reset || last == "DEFAULT" || last == "ALL") return -1;
  if (last == "ON" || last == "TRUE" || last == "YES" || last == "1") return 1;
  if (last == "OFF" || last == "FALSE" || last == "NO" || last == "0") return 0;
  return -1;
}

}  // namespace

struct SqlScanner::Statement {
  std::size_t start = std::string_view::npos;  // offset of the first token
  int line = 1;
  int paren_depth = 0;
  int begin_depth = 0;
  int bracket_depth = 0;
  StatementKind kind;

  void note_start(std::size_t at, int at_line) {
    if (start != std::string_view::npos) return;
    start = at;
    line = at_line;
  }
};

SqlScanner::SqlScanner(std::string_view script, bool standard_conforming_strings)
    : s_(script), scs_default_(standard_conforming_strings), scs_(standard_conforming_strings) {}

std::string_view SqlScanner::between(std::size_t open, std::size_t after, bool closed) const {
  const std::size_t end = closed ? after - 1 : after;
  return s_.substr(open + 1, end > open + 1 ? end - open - 1 : 0);
}

void SqlScanner::note_problem(int line, std::string message, std::string hint) {
  if (!problem_) problem_ = ScriptProblem{line, std::move(message), std::move(hint)};
}

bool SqlScanner::next(ScriptStatement& out) {
  Statement st;
  SqlCursor c{s_, pos_, line_};
  auto finish = [&](std::size_t text_end, std::size_t end) {
    std::size_t e = text_end;
    while (e > st.start && is_space(s_[e - 1])) --e;
    out = ScriptStatement{};
    out.text = s_.substr(st.start, e - st.start);
    out.line = st.line;
    out.offset = st.start;
    out.end = end;
    out.traits = st.kind.traits(out.text);
    if (out.traits.parser_setting) {
      const auto kw = leading_keywords(out.text, 2);
      const bool all = kw.size() == 2 && kw[1] == "ALL";  // RESET ALL, DISCARD ALL
      if (all || (!kw.empty() && (kw[0] == "SET" || kw[0] == "RESET") &&
                  upper(out.text).find("STANDARD_CONFORMING_STRINGS") != std::string::npos)) {
        const int v = all ? -1 : scs_value(out.text);
        scs_ = v < 0 ? scs_default_ : v == 1;
      }
    }
  };

  while (!c.at_end()) {
    const char ch = c.peek();
    const std::size_t at = c.pos;
    const int at_line = c.line;
    if (ch == '-' && c.peek(1) == '-') {
      c.skip_line_comment();
    } else if (ch == '/' && c.peek(1) == '*') {
      if (!c.skip_block_comment())
        note_problem(at_line, "unterminated /* comment", unterminated_hint);
    } else if (ch == '\'' || ch == '"') {
      st.note_start(at, at_line);
      const bool escapes = ch == '\'' && !scs_;
      const bool closed = c.skip_quoted(ch, escapes);
      if (!closed) {
        note_problem(at_line,
                     ch == '"' ? "unterminated quoted identifier" : "unterminated quoted string",
                     unterminated_hint);
      }
      const std::string_view content = between(at, c.pos, closed);
      if (ch == '"') {
        st.kind.quoted_identifier(content, st.paren_depth);
      } else {
        st.kind.constant(content, st.paren_depth);
      }
    } else if (ch == '$' && !dollar_tag(s_, at).empty()) {
      st.note_start(at, at_line);
      const std::string_view tag = dollar_tag(s_, at);
      std::string_view body;
      if (!c.skip_dollar(tag, body)) {
        note_problem(at_line, "unterminated dollar quote " + std::string(tag), unterminated_hint);
      }
      st.kind.constant(body, st.paren_depth);
    } else if (is_ident_start(ch)) {
      st.note_start(at, at_line);
      const std::string_view w = c.identifier();
      // E'...' strings take backslash escapes; B'...' and X'...' never do.
      if (w.size() == 1 && c.peek() == '\'') {
        const bool escapes = ch == 'E' || ch == 'e' || (!scs_ && (ch == 'N' || ch == 'n'));
        const std::size_t q = c.pos;
        const bool closed = c.skip_quoted('\'', escapes);
        if (!closed) note_problem(at_line, "unterminated quoted string", unterminated_hint);
        st.kind.constant(between(q, c.pos, closed), st.paren_depth);
        continue;
      }
      st.kind.word(w, st.paren_depth);
      if (st.paren_depth == 0 && st.kind.is_routine()) {
        if (iequals(w, "BEGIN")) {
          ++st.begin_depth;
        } else if (iequals(w, "CASE") && st.begin_depth > 0) {
          ++st.begin_depth;
        } else if (iequals(w, "END") && st.begin_depth > 0) {
          --st.begin_depth;
        }
      }
    } else if (is_digit(ch) || (ch == '.' && is_digit(c.peek(1)))) {
      st.note_start(at, at_line);
      c.number();
    } else if (ch == ';' && st.paren_depth == 0 && st.begin_depth == 0) {
      c.advance_to(at + 1);
      if (st.start == std::string_view::npos) continue;  // an empty statement
      pos_ = c.pos;
      line_ = c.line;
      finish(at, c.pos);
      if (out.traits.copy_in) read_copy_data(out);
      return true;
    } else if (ch == '\\') {
      st.note_start(at, at_line);
      std::size_t e = at + 1;
      while (e < s_.size() && !is_space(s_[e]) && s_[e] != '\\') ++e;
      note_problem(at_line, "psql meta-command " + std::string(s_.substr(at, e - at)),
                   "relctl sends SQL to the server and has no psql meta-commands: replace it "
                   "with SQL (or move it to a script run by psql); nothing was run");
      c.advance_to(at + 1);
    } else if (ch == ':') {
      st.note_start(at, at_line);
      const char n = c.peek(1);
      if (n == ':' || n == '=') {
        c.advance_to(at + 2);  // a cast or :=
        continue;
      }
      const bool variable =
          is_ident_start(n) || is_digit(n) ||
          ((n == '\'' || n == '"') && (is_ident_start(c.peek(2)) || is_digit(c.peek(2)))) ||
          (n == '{' && c.peek(2) == '?');
      if (variable && st.bracket_depth == 0) {
        std::size_t e = at + 1;
        while (e < s_.size() && (is_ident_char(s_[e]) || s_[e] == '\'' || s_[e] == '"' ||
                                 s_[e] == '{' || s_[e] == '?' || s_[e] == '}')) {
          ++e;
        }
        note_problem(at_line, "psql variable " + std::string(s_.substr(at, e - at)),
                     "relctl does not substitute psql variables: write the value into the "
                     "migration; nothing was run");
      }
      c.advance_to(at + 1);
    } else {
      if (!is_space(ch)) st.note_start(at, at_line);
      if (ch == '(') {
        st.kind.open_paren(st.paren_depth);
        ++st.paren_depth;
      } else if (ch == ')' && st.paren_depth > 0) {
        --st.paren_depth;
      } else if (ch == '[') {
        ++st.bracket_depth;
      } else if (ch == ']' && st.bracket_depth > 0) {
        --st.bracket_depth;
      }
      c.advance_to(at + 1);
    }
  }
  pos_ = c.pos;
  line_ = c.line;
  if (st.start == std::string_view::npos) return false;  // a comment-only tail makes none
  finish(s_.size(), s_.size());
  return true;
}

void SqlScanner::read_copy_data(ScriptStatement& out) {
  SqlCursor c{s_, pos_, line_};
  // The data starts on the next line; only a comment may follow the ';'.
  while (!c.at_end() && (c.peek() == ' ' || c.peek() == '\t' || c.peek() == '\r')) {
    c.advance_to(c.pos + 1);
  }
  if (c.peek() == '-' && c.peek(1) == '-') c.skip_line_comment();
  if (!c.at_end() && c.peek() != '\n') {
    note_problem(c.line, "COPY ... FROM stdin is followed by more text on its line",
                 "start the COPY data on the line after the COPY statement; nothing was run");
  }
  const std::size_t nl = s_.find('\n', c.pos);
  std::size_t from = nl == std::string_view::npos ? s_.size() : nl + 1;
  c.advance_to(from);
  const std::size_t data_start = from;
  while (from < s_.size()) {
    const std::size_t eol = s_.find('\n', from);
    const std::size_t line_end = eol == std::string_view::npos ? s_.size() : eol;
    std::string_view line = s_.substr(from, line_end - from);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line == "\\.") {
      out.copy_data = s_.substr(data_start, from - data_start);
      c.advance_to(eol == std::string_view::npos ? s_.size() : eol + 1);
      pos_ = c.pos;
      line_ = c.line;
      return;
    }
    from = eol == std::string_view::npos ? s_.size() : eol + 1;
  }
  // psql ends the data at the end of the file too.
  out.copy_data = s_.substr(data_start);
  c.advance_to(s_.size());
  pos_ = c.pos;
  line_ = c.line;
}

std::vector<SqlStatement> split_sql(std::string_view script) {
  std::vector<SqlStatement> out;
  SqlScanner scanner(script);
  ScriptStatement s;
  while (scanner.next(s)) out.push_back({std::string(s.text), s.line});
  return out;
}

}  // namespace relctl::pg
