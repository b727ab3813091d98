// The embedded ledger: `.relctl/ledger.db`, one `runs` row per run.

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>

#include "relctl/core/error.hpp"
#include "relctl/core/ledger.hpp"
#include "relctl/core/output_file.hpp"

namespace relctl::core {

namespace {

constexpr const char* schema_sql = R"sql(
CREATE TABLE IF NOT EXISTS runs (
  run_id      TEXT PRIMARY KEY,
  command     TEXT NOT NULL,
  argv        TEXT NOT NULL,
  user        TEXT NOT NULL,
  host        TEXT NOT NULL,
  ci_url      TEXT NOT NULL DEFAULT '',
  git_commit  TEXT NOT NULL DEFAULT '',
  release     TEXT NOT NULL DEFAULT '',
  env         TEXT NOT NULL DEFAULT '',
  dry_run     INTEGER NOT NULL,
  status      TEXT NOT NULL,
  exit_code   INTEGER NOT NULL,
  started_at  TEXT NOT NULL,
  finished_at TEXT NOT NULL DEFAULT '',
  gates       TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS runs_started ON runs(started_at);
)sql";

class SqliteLedger final : public Ledger {
 public:
  explicit SqliteLedger(const std::string& path)
      : db_(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE) {
    db_.setBusyTimeout(5000);
    db_.exec(schema_sql);
  }

  void begin(const RunRecord& run) override {
    SQLite::Statement st(
        db_,
        "INSERT INTO runs (run_id, command, argv, user, host, ci_url, git_commit, "
        "release, env, dry_run, status, exit_code, started_at, finished_at, gates) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    bind_all(st, run);
    st.exec();
  }

  void finish(const RunRecord& run) override {
    SQLite::Statement st(db_,
                         "UPDATE runs SET command=?2, argv=?3, user=?4, host=?5, ci_url=?6, "
                         "git_commit=?7, release=?8, env=?9, dry_run=?10, status=?11, "
                         "exit_code=?12, started_at=?13, finished_at=?14, gates=?15 "
                         "WHERE run_id=?1");
    bind_all(st, run);
    if (st.exec() == 0) begin(run);
  }

  std::vector<RunRecord> list(const LedgerQuery& query) override {
    std::string sql =
        "SELECT run_id, command, argv, user, host, ci_url, git_commit, release, env, dry_run, "
        "status, exit_code, started_at, finished_at, gates FROM runs";
    sql += " WHERE (?1 IS NULL OR env = ?1) AND (?2 IS NULL OR run_id = ?2)";
    sql += " ORDER BY started_at DESC, run_id DESC LIMIT " + std::to_string(query.limit);
    SQLite::Statement st(db_, sql);
    if (query.env) st.bind(1, *query.env);
    if (query.run_id) st.bind(2, *query.run_id);
    std::vector<RunRecord> out;
    while (st.executeStep()) {
      RunRecord r;
      r.run_id = st.getColumn(0).getString();
      r.command = st.getColumn(1).getString();
      r.argv = st.getColumn(2).getString();
      r.user = st.getColumn(3).getString();
      r.host = st.getColumn(4).getString();
      r.ci_url = st.getColumn(5).getString();
      r.git_commit = st.getColumn(6).getString();
      r.release = st.getColumn(7).getString();
      r.env = st.getColumn(8).getString();
      r.dry_run = st.getColumn(9).getInt() != 0;
      r.status = st.getColumn(10).getString();
      r.exit_code = st.getColumn(11).getInt();
      r.started_at = st.getColumn(12).getString();
      r.finished_at = st.getColumn(13).getString();
      r.gates_json = st.getColumn(14).getString();
      out.push_back(std::move(r));
    }
    return out;
  }

 private:
  static void bind_all(SQLite::Statement& st, const RunRecord& r) {
    st.bind(1, r.run_id);
    st.bind(2, r.command);
    st.bind(3, r.argv);
    st.bind(4, r.user);
    st.bind(5, r.host);
    st.bind(6, r.ci_url);
    st.bind(7, r.git_commit);
    st.bind(8, r.release);
    st.bind(9, r.env);
    st.bind(10, r.dry_run ? 1 : 0);
    st.bind(11, r.status);
    st.bind(12, r.exit_code);
    st.bind(13, r.started_at);
    st.bind(14, r.finished_at);
    st.bind(15, r.gates_json);
  }

  SQLite::Database db_;
};

// Wraps every SQLite exception: callers only ever see relctl::Error.
class GuardedLedger final : public Ledger {
 public:
  GuardedLedger(std::unique_ptr<Ledger> inner, std::string path)
      : inner_(std::move(inner)), path_(std::move(path)) {}
  void begin(const RunRecord& run) override {
    guard([&] { inner_->begin(run); });
  }
  void finish(const RunRecord& run) override {
    guard([&] { inner_->finish(run); });
  }
  std::vector<RunRecord> list(const LedgerQuery& query) override {
    std::vector<RunRecord> out;
    guard([&] { out = inner_->list(query); });
    return out;
  }

 private:
  template <class F>
  void guard(F&& f) {
    try {
      f();
    } catch (const SQLite::Exception& e) {
      // A full disk or an I/O error is no usage error: exit 1, by its name.
      const int code = e.getErrorCode();
      if (code == SQLITE_FULL || code == SQLITE_IOERR || code == SQLITE_READONLY ||
          code == SQLITE_CANTOPEN) {
        throw Error(ExitCode::gate_failed,
                    "cannot write the ledger " + path_ + ": " +
                        (code == SQLITE_FULL ? std::string("no space left on the device")
                                             : std::string(e.what())),
                    code == SQLITE_FULL ? "free some space on that disk and run again"
                                        : "check that the file and its folder are writable");
      }
      throw Error(ExitCode::usage, "ledger " + path_ + ": " + e.what(),
                  "check that the file is a relctl ledger and is writable, or set [ledger] path");
    }
  }
  std::unique_ptr<Ledger> inner_;
  std::string path_;
};

}  // namespace

std::unique_ptr<Ledger> open_sqlite_ledger(const std::string& path) {
  namespace fs = std::filesystem;
  const fs::path file(path);
  try {
    if (file.has_parent_path()) {
      // `.relctl/` ignores itself so the ledger never makes a work tree dirty.
      make_private_folder(file.parent_path());
    }
    return std::make_unique<GuardedLedger>(std::make_unique<SqliteLedger>(path), path);
  } catch (const SQLite::Exception& e) {
    throw Error(ExitCode::usage, "cannot open the ledger " + path + ": " + e.what(),
                "make sure the folder is writable, or set [ledger] path in relctl.toml");
  } catch (const fs::filesystem_error& e) {
    throw Error(ExitCode::usage, "cannot create the ledger folder for " + path + ": " + e.what(),
                "make sure the folder is writable, or set [ledger] path in relctl.toml");
  }
}

}  // namespace relctl::core
