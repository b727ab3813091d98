// Running one migration file's statements (see migrator_internal.hpp).
// Inside a transaction, consecutive statements go out as one simple-protocol
// query: the server runs them in order and stops at the first error, and
// the number of results before it (or the error's position) names the
// failing statement. A batch is a slice of the file itself, so positions map
// straight back to lines. The scanner reads the file once; time and memory
// stay linear in its size.

#include <algorithm>
#include <string_view>
#include <vector>

#include "pg/migrator_internal.hpp"
#include "relctl/pg/sql_script.hpp"

namespace relctl::pg {

namespace {

constexpr std::size_t batch_bytes = 1 << 20;
constexpr std::size_t batch_statements = 10000;

int newlines(std::string_view s, std::size_t from, std::size_t to) {
  int n = 0;
  for (std::size_t i = from; i < to && i < s.size(); ++i) n += s[i] == '\n';
  return n;
}

// The byte offset in `text` of the server's 1-based character `position`.
std::size_t byte_of_char(std::string_view text, int position) {
  int chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (++chars == position) return i;
  }
  return text.size();
}

// "COPY t, line 3, column b: ..." -> 3; 0 when the context names no line.
int copy_line(const std::string& context) {
  const auto at = context.find(", line ");
  if (context.rfind("COPY ", 0) != 0 || at == std::string::npos) return 0;
  int n = 0;
  for (std::size_t i = at + 7; i < context.size() && context[i] >= '0' && context[i] <= '9'; ++i) {
    n = n * 10 + (context[i] - '0');
  }
  return n;
}

struct Located {
  std::size_t offset;  // of the statement's first token in the file
  std::size_t end;     // past its ';'
  int line;
};

class Runner {
 public:
  Runner(ScriptSession& session, std::string_view sql, bool batched)
      : session_(session), sql_(sql), max_statements_(batched ? batch_statements : 1) {}

  // Queues `s`; sends the batch when it is full. False once a statement failed.
  bool add(const ScriptStatement& s) {
    batch_.push_back({s.offset, s.end, s.line});
    if (batch_.size() >= max_statements_ || s.end - batch_.front().offset >= batch_bytes) {
      return flush();
    }
    return true;
  }

  bool flush() {
    if (batch_.empty()) return true;
    const std::size_t from = batch_.front().offset;
    const std::string_view query = sql_.substr(from, batch_.back().end - from);
    const BatchOutcome o = session_.run(query);
    out.statements += o.completed;
    if (o.error) {
      fail(*o.error, query, static_cast<std::size_t>(o.completed));
      return false;
    }
    batch_.clear();
    return true;
  }

  // COPY runs alone: its data follows it, not another statement.
  bool copy(const ScriptStatement& s) {
    if (!flush()) return false;
    const BatchOutcome o =
        s.traits.copy_in ? session_.copy_in(s.text, s.copy_data) : session_.run(s.text);
    out.statements += o.completed;
    out.copied_rows += o.rows;
    if (!o.error) return true;
    int line = s.line;
    if (const int n = copy_line(o.error->context); n > 0 && !s.copy_data.empty()) {
      const auto data_at = static_cast<std::size_t>(s.copy_data.data() - sql_.data());
      line = s.line + newlines(sql_, s.offset, data_at) + n - 1;
    } else if (o.error->position > 0) {
      line = s.line + newlines(s.text, 0, byte_of_char(s.text, o.error->position));
    }
    out.failure = FileFailure{line, *o.error};
    return false;
  }

  FileRun out;

 private:
  void fail(const ServerError& e, std::string_view query, std::size_t completed) {
    const Located* st = &batch_[std::min(completed, batch_.size() - 1)];
    std::size_t at = st->offset;
    if (e.position > 0) {
      // A syntax error points at its token, wherever in the batch that is.
      at = batch_.front().offset + byte_of_char(query, e.position);
      for (const auto& b : batch_) {
        if (b.offset <= at) st = &b;
      }
    }
    out.failure = FileFailure{st->line + newlines(sql_, st->offset, at), e};
  }

  ScriptSession& session_;
  std::string_view sql_;
  std::size_t max_statements_;
  std::vector<Located> batch_;
};

}  // namespace

FileRun run_file(ScriptSession& session, const MigrationFile& f, bool batched,
                 bool standard_conforming_strings) {
  const std::string_view sql = f.runnable();
  Runner run(session, sql, batched);
  SqlScanner scanner(sql, standard_conforming_strings);
  ScriptStatement s;
  while (scanner.next(s)) {
    if (s.traits.copy_in || s.traits.copy_out) {
      if (!run.copy(s)) return run.out;
      continue;
    }
    if (!run.add(s)) return run.out;
    // The server reads a whole query before running it: a statement that
    // changes how it reads strings must run before the next one is read.
    if (s.traits.parser_setting && !run.flush()) return run.out;
  }
  run.flush();
  return run.out;
}

}  // namespace relctl::pg
