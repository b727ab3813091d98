#pragma once
// Splitting a SQL script into statements the way psql does, so that relctl
// can run migrations and smoke files statement by statement and say which
// line failed. Pure text processing: no database involved.

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
/// bodies, parentheses and CREATE FUNCTION ... BEGIN ATOMIC ... END bodies;
/// empty statements and comment-only tails are dropped. Never throws.
std::vector<SqlStatement> split_sql(std::string_view script);

/// The first `count` keywords of a statement, upper-cased, comments skipped:
/// {"CREATE", "INDEX"}. Fewer when the statement is shorter.
std::vector<std::string> leading_keywords(std::string_view statement, std::size_t count);

/// True for BEGIN, START TRANSACTION, COMMIT, END, ROLLBACK, ABORT and
/// PREPARE TRANSACTION / COMMIT PREPARED: statements that would break the
/// transaction relctl runs a migration in.
bool is_transaction_control(std::string_view statement);

/// The 1-based line within `statement` of the 1-based character `position`
/// (as the server reports it for syntax errors); 1 when out of range.
int line_of_position(std::string_view statement, int position);

}  // namespace relctl::pg
