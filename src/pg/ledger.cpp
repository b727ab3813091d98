// The shared ledger: `relctl.runs` in a Postgres database, for teams and CI
// runners that want one history. Same interface and behaviour as the SQLite
// ledger; errors come from the pg adapter already as relctl errors.

#include <memory>

#include "relctl/core/redactor.hpp"
#include "relctl/pg/advisory_lock.hpp"
#include "relctl/pg/connection.hpp"
#include "relctl/pg/ledger.hpp"

namespace relctl::pg {

using core::Ledger;
using core::LedgerQuery;
using core::RunRecord;

namespace {

constexpr const char* schema_sql = R"sql(
CREATE SCHEMA IF NOT EXISTS relctl;
CREATE TABLE IF NOT EXISTS relctl.runs (
  run_id      text PRIMARY KEY,
  command     text NOT NULL,
  argv        text NOT NULL,
  "user"      text NOT NULL,
  host        text NOT NULL,
  ci_url      text NOT NULL DEFAULT '',
  git_commit  text NOT NULL DEFAULT '',
  release     text NOT NULL DEFAULT '',
  env         text NOT NULL DEFAULT '',
  dry_run     boolean NOT NULL,
  status      text NOT NULL,
  exit_code   integer NOT NULL,
  started_at  timestamptz NOT NULL,
  finished_at timestamptz,
  gates       json NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS runs_started ON relctl.runs (started_at);
)sql";

// Timestamps go in as ISO-8601 text and come back in the same shape.
constexpr const char* iso = "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'";

pg::Params params_of(const RunRecord& r) {
  return {r.run_id,
          r.command,
          r.argv,
          r.user,
          r.host,
          r.ci_url,
          r.git_commit,
          r.release,
          r.env,
          r.dry_run ? "true" : "false",
          r.status,
          std::to_string(r.exit_code),
          r.started_at,
          r.finished_at,
          r.gates_json.empty() ? "[]" : r.gates_json};
}

class PgLedger final : public Ledger {
 public:
  explicit PgLedger(std::unique_ptr<pg::Connection> conn) : conn_(std::move(conn)) {
    conn_->set_interruptible(false);  // the final record must land even after Ctrl-C
    pg::create_once(*conn_, "relctl.runs", schema_sql);
  }

  void begin(const RunRecord& run) override {
    conn_->query(
        "INSERT INTO relctl.runs (run_id, command, argv, \"user\", host, ci_url, git_commit, "
        "  release, env, dry_run, status, exit_code, started_at, finished_at, gates) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::boolean, $11, $12::integer, "
        "  $13::timestamptz, nullif($14, '')::timestamptz, $15::json)",
        params_of(run));
  }

  void finish(const RunRecord& run) override {
    const auto updated = conn_->query(
        "UPDATE relctl.runs SET command = $2, argv = $3, \"user\" = $4, host = $5, "
        "  ci_url = $6, git_commit = $7, release = $8, env = $9, dry_run = $10::boolean, "
        "  status = $11, exit_code = $12::integer, started_at = $13::timestamptz, "
        "  finished_at = nullif($14, '')::timestamptz, gates = $15::json "
        "WHERE run_id = $1 RETURNING run_id",
        params_of(run));
    if (updated.empty()) begin(run);
  }

  std::vector<RunRecord> list(const LedgerQuery& query) override {
    std::string sql = std::string(
                          "SELECT run_id, command, argv, \"user\", host, ci_url, git_commit, "
                          "  release, env, dry_run::text, status, exit_code::text, "
                          "  to_char(started_at AT TIME ZONE 'UTC', ") +
                      iso +
                      "), "
                      "  coalesce(to_char(finished_at AT TIME ZONE 'UTC', " +
                      iso +
                      "), ''), gates::text "
                      "FROM relctl.runs";
    pg::Params params;
    std::string where;
    if (query.env) {
      params.push_back(*query.env);
      where += " AND env = $" + std::to_string(params.size());
    }
    if (query.run_id) {
      params.push_back(*query.run_id);
      where += " AND run_id = $" + std::to_string(params.size());
    }
    if (!where.empty()) sql += " WHERE" + where.substr(4);
    sql += " ORDER BY started_at DESC, run_id DESC LIMIT " + std::to_string(query.limit);
    std::vector<RunRecord> out;
    for (const auto& row : conn_->query(sql, params)) {
      auto text = [&](std::size_t i) { return row[i].value_or(""); };
      RunRecord r;
      r.run_id = text(0);
      r.command = text(1);
      r.argv = text(2);
      r.user = text(3);
      r.host = text(4);
      r.ci_url = text(5);
      r.git_commit = text(6);
      r.release = text(7);
      r.env = text(8);
      r.dry_run = text(9) == "true";
      r.status = text(10);
      r.exit_code = std::stoi(text(11));
      r.started_at = text(12);
      r.finished_at = text(13);
      r.gates_json = text(14);
      out.push_back(std::move(r));
    }
    return out;
  }

 private:
  std::unique_ptr<pg::Connection> conn_;
};

}  // namespace

std::unique_ptr<Ledger> open_ledger(const std::string& conninfo, const std::string& label) {
  pg::ConnectOptions options;
  options.conninfo = conninfo;
  options.label = label;
  options.application_name = "relctl/ledger";
  return std::make_unique<PgLedger>(pg::Connection::open(options, core::redactor()));
}

}  // namespace relctl::pg
