// .env files: KEY=VALUE lines read into the environment without overriding
// variables that are already set.

#include <fmt/format.h>

#include <cctype>
#include <cstdlib>
#include <map>

#include "reader.hpp"
#include "relctl/config/loader.hpp"
#include "relctl/core/bounded_read.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/redactor.hpp"

namespace relctl::config {

namespace {

// A character cursor over the file that knows its line and column.
class Cursor {
 public:
  Cursor(std::string text, std::string file) : text_(std::move(text)), file_(std::move(file)) {}

  bool done() const { return pos_ >= text_.size(); }
  char peek() const { return done() ? '\n' : text_[pos_]; }
  char next() {
    const char c = text_[pos_++];
    if (c == '\n') {
      ++line_;
      col_ = 1;
    } else {
      ++col_;
    }
    return c;
  }
  void skip_blanks() {
    while (!done() && (peek() == ' ' || peek() == '\t')) next();
  }
  void skip_line() {
    while (!done() && next() != '\n') {
    }
  }
  bool at_word(std::string_view word) const { return text_.compare(pos_, word.size(), word) == 0; }
  std::size_t line() const { return line_; }
  std::size_t col() const { return col_; }

  [[noreturn]] void fail(std::size_t line, std::size_t col, const std::string& what) const {
    throw ConfigError(fmt::format("{}:{}:{}: {}", file_, line, col, what),
                      "write one KEY=VALUE per line; quote values with spaces or '#'; lines "
                      "starting with # are comments");
  }

 private:
  std::string text_;
  std::string file_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::size_t col_ = 1;
};

bool is_key_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

std::string read_double_quoted(Cursor& in) {
  const auto line = in.line(), col = in.col();
  in.next();  // the opening quote
  std::string value;
  while (true) {
    if (in.done()) in.fail(line, col, "this double-quoted value is never closed");
    const char c = in.next();
    if (c == '"') return value;
    if (c != '\\' || in.done()) {
      value += c;
      continue;
    }
    const char e = in.next();
    switch (e) {
      case 'n':
        value += '\n';
        break;
      case 'r':
        value += '\r';
        break;
      case 't':
        value += '\t';
        break;
      case '"':
      case '\\':
      case '$':
        value += e;
        break;
      default:
        value += '\\';
        value += e;
    }
  }
}

std::string read_single_quoted(Cursor& in) {
  const auto line = in.line(), col = in.col();
  in.next();
  std::string value;
  while (true) {
    if (in.done()) in.fail(line, col, "this single-quoted value is never closed");
    const char c = in.next();
    if (c == '\'') return value;
    value += c;
  }
}

std::string read_bare(Cursor& in) {
  std::string value;
  while (!in.done() && in.peek() != '\n') {
    // A comment starts at a '#' that follows whitespace (or opens the value).
    if (in.peek() == '#' && (value.empty() || value.back() == ' ' || value.back() == '\t')) break;
    value += in.next();
  }
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.pop_back();
  return value;
}

}  // namespace

std::map<std::string, std::string> parse_dotenv(std::string_view input, const std::string& file) {
  std::string text(input);
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);  // a UTF-8 byte order mark
  // CRLF files written on Windows read like LF ones.
  std::string lf;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) lf += text[i];
  }
  Cursor in(std::move(lf), file);
  std::map<std::string, std::string> vars;
  while (!in.done()) {
    in.skip_blanks();
    if (in.peek() == '\n' || in.peek() == '#') {
      in.skip_line();
      continue;
    }
    if (in.at_word("export ") || in.at_word("export\t")) {
      for (int i = 0; i < 6; ++i) in.next();
      in.skip_blanks();
    }
    const auto key_line = in.line(), key_col = in.col();
    std::string key;
    while (!in.done() && is_key_char(in.peek())) key += in.next();
    if (key.empty() || std::isdigit(static_cast<unsigned char>(key.front()))) {
      in.fail(key_line, key_col,
              "expected a variable name (letters, digits, '_') at the start "
              "of the line");
    }
    in.skip_blanks();
    if (in.peek() != '=') {
      in.fail(in.line(), in.col(), fmt::format("expected '=' after {}", key));
    }
    in.next();
    in.skip_blanks();
    std::string value;
    if (in.peek() == '"' || in.peek() == '\'') {
      value = in.peek() == '"' ? read_double_quoted(in) : read_single_quoted(in);
      in.skip_blanks();
      if (in.peek() != '\n' && in.peek() != '#') {
        in.fail(in.line(), in.col(),
                fmt::format("unexpected text after the quoted value of {}", key));
      }
      in.skip_line();
    } else {
      value = read_bare(in);
      in.skip_line();
    }
    vars[key] = std::move(value);  // a later line wins over an earlier one
  }
  return vars;
}

void load_dotenv(const std::filesystem::path& file) {
  std::error_code ec;
  // A dangling symlink named .env is there, and not readable: say so.
  if (!std::filesystem::exists(std::filesystem::symlink_status(file, ec))) return;
  const auto read = core::read_bounded(file, max_config_bytes);
  if (!read.bytes) {
    throw ConfigError(fmt::format("{} {}", detail::display_name(file), read.problem),
                      fmt::format(".env must be a readable regular file of at most {}; fix it, "
                                  "or remove it",
                                  core::describe_size(max_config_bytes)));
  }
  for (const auto& [key, value] : parse_dotenv(*read.bytes, detail::display_name(file))) {
    // Variables already set (by the shell, CI or a parent run) win over .env.
    ::setenv(key.c_str(), value.c_str(), /*overwrite=*/0);
    // A .env file is where secrets live: mask them in every output.
    core::redactor().add_variable(key, value);
  }
}

}  // namespace relctl::config
