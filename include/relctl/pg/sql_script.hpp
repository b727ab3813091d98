#pragma once
// Splitting a SQL script into statements the way psql does, so that relctl
// can run migrations and smoke files statement by statement and say which
// line failed. Pure text processing: no database involved.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace relctl::pg {

struct SqlStatement {
  std::string text;  // from its first token up to (not including) the terminating ';'
  int line = 1;      // 1-based line of the script where `text` begins
};

/// The statements of `script`, in order. Understands `--` and nested `/* */`
/// comments, '...' and E'...' strings, "..." identifiers, $tag$...$tag$
/// bodies, parentheses, CREATE FUNCTION ... BEGIN ATOMIC ... END bodies and
/// the data lines after COPY ... FROM stdin; empty statements and
/// comment-only tails are dropped. Never throws.
std::vector<SqlStatement> split_sql(std::string_view script);

/// The first `count` keywords of a statement, upper-cased, comments skipped:
/// {"CREATE", "INDEX"}. Fewer when the statement is shorter.
std::vector<std::string> leading_keywords(std::string_view statement, std::size_t count);

/// True for BEGIN, START TRANSACTION, COMMIT, END, ROLLBACK, ABORT and
/// PREPARE TRANSACTION: statements that would break the transaction relctl
/// runs a migration in.
bool is_transaction_control(std::string_view statement);

/// The 1-based line within `statement` of the 1-based character `position`
/// (as the server reports it for syntax errors); 1 when out of range.
int line_of_position(std::string_view statement, int position);

/// What a migration runner must know about one statement.
struct StatementTraits {
  bool transaction_control = false;  // is_transaction_control()
  /// Why PostgreSQL refuses it inside a transaction block ("CREATE INDEX
  /// CONCURRENTLY", "VACUUM", "a DO block that commits", ...); null if it does not.
  const char* no_transaction = nullptr;
  bool adds_enum_value = false;  // ALTER TYPE ... ADD VALUE
  bool copy_in = false;          // COPY ... FROM STDIN: copy_data follows it
  bool copy_out = false;         // COPY ... TO STDOUT
  /// Changes how the server reads later statements (standard_conforming_strings,
  /// backslash_quote): nothing after it may be parsed together with it.
  bool parser_setting = false;
  /// CREATE PROCEDURE whose body commits or rolls back: its name (lower case, unqualified).
  std::string committing_procedure;
  /// CALL name(...): the name (lower case, unqualified).
  std::string called_procedure;
};

/// One statement as SqlScanner finds it: views into the script.
struct ScriptStatement {
  std::string_view text;       // first token up to (not including) the ';'
  int line = 1;                // line of the script where `text` begins
  std::size_t offset = 0;      // of `text` in the script
  std::size_t end = 0;         // just past the terminating ';' (or the end of the text)
  std::string_view copy_data;  // copy_in: the data lines, the closing `\.` line excluded
  StatementTraits traits;
};

/// Something psql would read differently from the server, or not at all.
struct ScriptProblem {
  int line = 0;
  std::string message;  // "unterminated /* comment", "psql meta-command \\set", ...
  std::string hint;
};

/// Walks a script statement by statement, in one pass, in time linear in its
/// size. Also tracks `SET standard_conforming_strings` the way psql does.
class SqlScanner {
 public:
  /// `standard_conforming_strings`: the session's setting when the script starts.
  explicit SqlScanner(std::string_view script, bool standard_conforming_strings = true);

  /// The next statement into `out`; false at the end of the script.
  bool next(ScriptStatement& out);

  /// The first unterminated comment, string, identifier or dollar quote, psql
  /// meta-command or psql variable seen so far (scanning goes on regardless).
  const std::optional<ScriptProblem>& problem() const { return problem_; }

 private:
  struct Statement;
  void read_copy_data(ScriptStatement& out);
  void note_problem(int line, std::string message, std::string hint);
  // The content of a quoted constant opened at `open` and scanned up to `after`.
  std::string_view between(std::size_t open, std::size_t after, bool closed) const;

  std::string_view s_;
  std::size_t pos_ = 0;
  int line_ = 1;
  bool scs_default_;
  bool scs_;
  std::optional<ScriptProblem> problem_;
};

}  // namespace relctl::pg
