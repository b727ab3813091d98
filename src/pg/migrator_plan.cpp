// Reading every pending migration before anything runs: what psql would
// refuse or read differently is refused here with file and line, and each
// file is given its place: in a shared transaction, in one that commits
// early (a file that adds an enum value), or alone outside a transaction.

#include <fmt/format.h>

#include <optional>
#include <set>

#include "relctl/pg/migrations.hpp"
#include "relctl/pg/sql_script.hpp"

namespace relctl::pg {

namespace {

// What one file holds, as far as planning goes.
struct FileFacts {
  std::optional<ScriptStatement> outside;  // first statement that cannot run in a transaction
  std::optional<ScriptStatement> control;  // first BEGIN/COMMIT/...
  bool adds_enum_value = false;
  std::vector<std::pair<std::string, int>> calls;  // procedure name, line
};

std::string first_keyword(const ScriptStatement& s) {
  const auto kw = leading_keywords(s.text, 1);
  return kw.empty() ? std::string(s.text.substr(0, 20)) : kw.front();
}

FileFacts read_file(const MigrationFile& f, bool scs) {
  FileFacts facts;
  SqlScanner scanner(f.runnable(), scs);
  ScriptStatement s;
  while (scanner.next(s)) {
    if (s.traits.no_transaction && !facts.outside) facts.outside = s;
    if (s.traits.transaction_control && !facts.control) facts.control = s;
    if (s.traits.adds_enum_value) facts.adds_enum_value = true;
    if (!s.traits.called_procedure.empty()) {
      facts.calls.emplace_back(s.traits.called_procedure, s.line);
    }
  }
  if (const auto& p = scanner.problem()) {
    throw GateError(fmt::format("migration {} line {}: {}", f.script, p->line, p->message),
                    p->hint);
  }
  return facts;
}

// Procedures created anywhere in the release's migrations whose body commits.
std::set<std::string> committing_procedures(const std::vector<MigrationFile>& files, bool scs) {
  std::set<std::string> out;
  for (const auto& f : files) {
    SqlScanner scanner(f.runnable(), scs);
    ScriptStatement s;
    while (scanner.next(s)) {
      if (!s.traits.committing_procedure.empty()) out.insert(s.traits.committing_procedure);
    }
  }
  return out;
}

constexpr const char* header_hint =
    "make the file's first line `-- relctl: no-transaction` to run it alone outside a "
    "transaction (statements before a failure then stay applied), or set [migrations] "
    "mixed = true to let relctl do that for every such file";

}  // namespace

std::vector<PlannedGroup> plan_migrations(const std::vector<const MigrationFile*>& pending,
                                          const ApplyOptions& options) {
  std::vector<FileFacts> facts;
  bool any_call = false;
  for (const auto* f : pending) {
    facts.push_back(read_file(*f, options.standard_conforming_strings));
    any_call = any_call || !facts.back().calls.empty();
  }
  std::set<std::string> committing;
  if (any_call && options.all_files) {
    committing = committing_procedures(*options.all_files, options.standard_conforming_strings);
  }

  std::vector<PlannedFile> planned;
  for (std::size_t i = 0; i < pending.size(); ++i) {
    const MigrationFile& f = *pending[i];
    const FileFacts& ff = facts[i];
    PlannedFile p{&f, f.no_transaction, f.no_transaction ? f.marker : "", ff.adds_enum_value};
    if (!f.no_transaction) {
      // The first statement that cannot run inside relctl's transaction, and why.
      std::string what;
      int line = 0;
      if (ff.outside) {
        what = ff.outside->traits.no_transaction;
        line = ff.outside->line;
      }
      for (const auto& [name, at] : ff.calls) {
        if (committing.count(name) && (line == 0 || at < line)) {
          what = "CALL " + name + " (a procedure that commits)";
          line = at;
        }
      }
      const bool control_first = ff.control && (line == 0 || ff.control->line <= line);
      if (control_first) {
        what = "`" + first_keyword(*ff.control) + "`";
        line = ff.control->line;
      }
      if (line > 0 && options.mixed) {
        p.no_transaction = true;
        p.why = fmt::format("{} at line {}, [migrations] mixed = true", what, line);
      } else if (control_first) {
        throw GateError(
            fmt::format("migration {} line {}: {} inside a file that relctl runs in a "
                        "transaction; nothing was applied",
                        f.script, line, what),
            "remove BEGIN/COMMIT from the file (relctl wraps each file in a transaction), "
            "or " +
                std::string(header_hint));
      } else if (line > 0) {
        throw GateError(fmt::format("migration {} line {}: {} cannot run inside a transaction, "
                                    "and relctl runs this file in one; nothing was applied",
                                    f.script, line, what),
                        header_hint);
      }
    }
    planned.push_back(std::move(p));
  }

  std::vector<PlannedGroup> groups;
  bool open = false;  // the last group takes more files
  for (auto& p : planned) {
    if (p.no_transaction) {
      groups.push_back({p});
      open = false;
      continue;
    }
    if (open && options.mode == TransactionMode::all) {
      groups.back().push_back(p);
    } else {
      groups.push_back({p});
    }
    // A value added by ALTER TYPE ... ADD VALUE is usable only after COMMIT.
    open = !p.ends_group;
  }
  return groups;
}

}  // namespace relctl::pg
