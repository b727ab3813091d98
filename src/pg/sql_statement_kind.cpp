// What kind of statement a migration holds, from its words: the statements
// PostgreSQL refuses inside a transaction block (every caller of
// PreventInTransactionBlock in PostgreSQL 15), transaction control, enum
// values, COPY with inline data, and settings that change how the server
// reads later statements.

#include <algorithm>

#include "pg/sql_lexer.hpp"

namespace relctl::pg::detail {

namespace {

// Statements that need more than their first words to be classified.
bool watched(std::string_view first) {
  for (const char* w : {"ALTER", "COPY", "CREATE", "DROP", "REINDEX", "CALL", "DO", "CLUSTER"}) {
    if (first == w) return true;
  }
  return false;
}

// `text` holds `upper_needle` in any case.
bool icontains(std::string_view text, std::string_view upper_needle) {
  for (std::size_t i = 0; i + upper_needle.size() <= text.size(); ++i) {
    if (iequals(text.substr(i, upper_needle.size()), upper_needle)) return true;
  }
  return false;
}

}  // namespace

void StatementKind::word(std::string_view w, int depth) {
  if (depth > 0) return;
  if (count_ < kept) {
    words_[count_] = upper(w);
    if (count_ == 0) watch_ = watched(words_[0]);
  }
  ++count_;
  if (!watch_) return;
  const std::string u = count_ <= kept ? words_[count_ - 1] : upper(w);
  if (u == "CONCURRENTLY") concurrently_ = true;
  if (u == "DETACH") detach_ = true;
  if (u == "REFRESH") refresh_ = true;
  if (prev_ == "ADD" && u == "VALUE") add_value_ = true;
  if (prev_ == "FROM" && u == "STDIN") from_stdin_ = true;
  if (prev_ == "TO" && u == "STDOUT") to_stdout_ = true;
  if (prev_ == "SET" && u == "TABLESPACE") set_tablespace_ = true;
  prev_ = u;
  if (!paren_seen_) last_name_ = lower(w);
}

void StatementKind::quoted_identifier(std::string_view content, int depth) {
  if (depth > 0) return;
  other_top_token_ = true;
  if (watch_ && !paren_seen_) last_name_ = std::string(content);
}

void StatementKind::constant(std::string_view content, int depth) {
  if (depth > 0) return;
  other_top_token_ = true;
  const bool body_holder = first_is("DO") || is_routine();
  if (body_holder && !body_commits_ && body_ends_transaction(content)) body_commits_ = true;
}

void StatementKind::open_paren(int depth) {
  if (depth > 0 || paren_seen_) return;
  paren_seen_ = true;
  name_ = last_name_;
}

bool StatementKind::is_routine() const {
  if (!first_is("CREATE") || count_ < 2) return false;
  if (words_[1] == "FUNCTION" || words_[1] == "PROCEDURE") return true;
  return count_ >= 4 && words_[1] == "OR" && words_[2] == "REPLACE" &&
         (words_[3] == "FUNCTION" || words_[3] == "PROCEDURE");
}

const char* StatementKind::no_transaction() const {
  if (count_ == 0) return nullptr;
  const std::string& a = words_[0];
  const std::string b = count_ > 1 ? words_[1] : "";
  if (a == "VACUUM") return "VACUUM";
  if (a == "CREATE" && (b == "INDEX" || (b == "UNIQUE" && count_ > 2 && words_[2] == "INDEX")) &&
      concurrently_) {
    return "CREATE INDEX CONCURRENTLY";
  }
  if (a == "DROP" && b == "INDEX" && concurrently_) return "DROP INDEX CONCURRENTLY";
  if (a == "REINDEX") {
    if (concurrently_) return "REINDEX CONCURRENTLY";
    for (int i = 1; i < std::min(count_, kept); ++i) {
      if (words_[i] == "SCHEMA") return "REINDEX SCHEMA";
      if (words_[i] == "DATABASE") return "REINDEX DATABASE";
      if (words_[i] == "SYSTEM") return "REINDEX SYSTEM";
    }
  }
  if ((a == "CREATE" || a == "DROP") && b == "DATABASE") {
    return a == "CREATE" ? "CREATE DATABASE" : "DROP DATABASE";
  }
  if ((a == "CREATE" || a == "DROP") && b == "TABLESPACE") {
    return a == "CREATE" ? "CREATE TABLESPACE" : "DROP TABLESPACE";
  }
  if (a == "ALTER" && b == "DATABASE" && set_tablespace_)
    return "ALTER DATABASE ... SET TABLESPACE";
  if (a == "ALTER" && b == "SYSTEM") return "ALTER SYSTEM";
  if (a == "ALTER" && b == "TABLE" && detach_ && concurrently_) {
    return "ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY";
  }
  if (b == "SUBSCRIPTION" && (a == "CREATE" || a == "DROP")) {
    return a == "CREATE" ? "CREATE SUBSCRIPTION" : "DROP SUBSCRIPTION";
  }
  if (a == "ALTER" && b == "SUBSCRIPTION" && refresh_) return "ALTER SUBSCRIPTION ... REFRESH";
  if (a == "CLUSTER" && !other_top_token_ && (count_ == 1 || (count_ == 2 && b == "VERBOSE"))) {
    return "CLUSTER without a table";
  }
  if (a == "DISCARD" && b == "ALL") return "DISCARD ALL";
  if ((a == "COMMIT" || a == "ROLLBACK") && b == "PREPARED") {
    return a == "COMMIT" ? "COMMIT PREPARED" : "ROLLBACK PREPARED";
  }
  if (a == "DO" && body_commits_) return "a DO block that commits or rolls back";
  return nullptr;
}

StatementTraits StatementKind::traits(std::string_view text) const {
  StatementTraits t;
  if (count_ == 0) return t;
  t.transaction_control = is_transaction_control(text);
  t.no_transaction = no_transaction();
  const std::string& a = words_[0];
  const std::string b = count_ > 1 ? words_[1] : "";
  t.adds_enum_value = a == "ALTER" && b == "TYPE" && add_value_;
  t.copy_in = a == "COPY" && from_stdin_;
  t.copy_out = a == "COPY" && to_stdout_;
  if ((a == "RESET" || a == "DISCARD") && b == "ALL") {
    t.parser_setting = true;  // back to the session's defaults
  } else if (a == "SET" || a == "RESET") {
    for (int i = 1; i < std::min(count_, 3); ++i) {
      if (words_[i] == "STANDARD_CONFORMING_STRINGS" || words_[i] == "BACKSLASH_QUOTE") {
        t.parser_setting = true;
      }
    }
  } else if (a == "SELECT") {
    // SELECT set_config('standard_conforming_strings', ...): the name is a string there.
    t.parser_setting = icontains(text, "STANDARD_CONFORMING_STRINGS");
  }
  if (is_routine() && body_commits_ && (words_[1] == "PROCEDURE" || words_[3] == "PROCEDURE")) {
    t.committing_procedure = name_;
  }
  if (a == "CALL") t.called_procedure = name_;
  return t;
}

}  // namespace relctl::pg::detail
