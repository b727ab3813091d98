// relctl.deployments (see deployments.hpp).

#include "relctl/pg/deployments.hpp"

#include "relctl/pg/advisory_lock.hpp"
#include "relctl/pg/connection.hpp"

namespace relctl::pg {

namespace {

constexpr const char* create_sql = R"sql(
CREATE SCHEMA IF NOT EXISTS relctl;
CREATE TABLE IF NOT EXISTS relctl.deployments (
  id              bigserial PRIMARY KEY,
  env             text NOT NULL,
  tag             text NOT NULL,
  commit          text NOT NULL,
  version         text NOT NULL DEFAULT '',
  kind            text NOT NULL CHECK (kind IN ('promote', 'rollback')),
  status          text NOT NULL CHECK (status IN ('succeeded', 'failed')),
  actor           text NOT NULL,
  host            text NOT NULL,
  run_id          text NOT NULL,
  started_at      timestamptz NOT NULL,
  finished_at     timestamptz NOT NULL DEFAULT now(),
  rejected        boolean NOT NULL DEFAULT false,
  rejected_reason text NOT NULL DEFAULT '',
  warnings        text NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS deployments_env_idx ON relctl.deployments (env, id DESC);
)sql";

constexpr const char* columns =
    "id::text, env, tag, commit, version, kind, status, actor, host, run_id, "
    "to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
    "to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
    "rejected::text, rejected_reason, warnings, "
    "extract(epoch FROM now() - finished_at)::float8::text";

Deployment from_row(const Row& r) {
  auto text = [&](std::size_t i) { return r.at(i).value_or(""); };
  Deployment d;
  d.id = std::stoll(text(0));
  d.env = text(1);
  d.tag = text(2);
  d.commit = text(3);
  d.version = text(4);
  d.kind = text(5);
  d.status = text(6);
  d.actor = text(7);
  d.host = text(8);
  d.run_id = text(9);
  d.started_at = text(10);
  d.finished_at = text(11);
  d.rejected = text(12) == "true";
  d.rejected_reason = text(13);
  d.warnings = text(14);
  d.age_seconds = std::stod(text(15).empty() ? "0" : text(15));
  return d;
}

// True once relctl.deployments exists (readers never create it).
bool deployments_exist(Connection& conn) {
  return relation_exists(conn, "relctl.deployments");
}

std::optional<Deployment> first(Connection& conn, const std::string& where, const Params& params) {
  if (!deployments_exist(conn)) return std::nullopt;
  const Rows rows =
      conn.query(std::string("SELECT ") + columns + " FROM relctl.deployments WHERE " + where +
                     " ORDER BY id DESC LIMIT 1",
                 params);
  if (rows.empty()) return std::nullopt;
  return from_row(rows.front());
}

}  // namespace

void ensure_deployments(Connection& conn) {
  create_once(conn, "relctl.deployments", create_sql);
}

std::optional<Deployment> current_deployment(Connection& conn, const std::string& env) {
  return first(conn, "env = $1 AND status = 'succeeded'", {env});
}

std::optional<Deployment> last_good_deployment(Connection& conn, const std::string& env,
                                               long long before_id, const std::string& not_tag) {
  return first(conn,
               "env = $1 AND status = 'succeeded' AND NOT rejected AND id < $2::bigint AND "
               "tag <> $3",
               {env, std::to_string(before_id), not_tag});
}

std::optional<Deployment> rejected_deployment(Connection& conn, const std::string& env,
                                              const std::string& tag) {
  return first(conn, "env = $1 AND tag = $2 AND rejected", {env, tag});
}

std::vector<Deployment> list_deployments(Connection& conn, const std::string& env, int limit) {
  std::vector<Deployment> out;
  if (!deployments_exist(conn)) return out;
  for (const auto& r : conn.query(std::string("SELECT ") + columns +
                                      " FROM relctl.deployments WHERE env = $1 "
                                      "ORDER BY id DESC LIMIT $2::int",
                                  {env, std::to_string(limit)})) {
    out.push_back(from_row(r));
  }
  return out;
}

long long insert_deployment(Connection& conn, const Deployment& d) {
  const auto id = conn.query_value(
      "INSERT INTO relctl.deployments (env, tag, commit, version, kind, status, actor, host, "
      "run_id, started_at, warnings) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
      "$10::timestamptz, $11) RETURNING id::text",
      {d.env, d.tag, d.commit, d.version, d.kind, d.status, d.actor, d.host, d.run_id, d.started_at,
       d.warnings});
  return std::stoll(id.value_or("0"));
}

std::vector<long long> reject_release(Connection& conn, const std::string& env,
                                      const std::string& tag, const std::string& reason) {
  std::vector<long long> ids;
  for (const auto& r :
       conn.query("UPDATE relctl.deployments SET rejected = true, rejected_reason = $3 "
                  "WHERE env = $1 AND tag = $2 AND status = 'succeeded' AND NOT rejected "
                  "RETURNING id::text",
                  {env, tag, reason})) {
    ids.push_back(std::stoll(r.at(0).value_or("0")));
  }
  return ids;
}

std::optional<Deployment> find_deployment(Connection& conn, const std::string& env,
                                          const std::string& tag) {
  return first(conn, "env = $1 AND tag = $2 AND status = 'succeeded'", {env, tag});
}

void forget_deployment(Connection& conn, long long id, const std::vector<long long>& rejected_ids) {
  ScopedTransaction tx(conn);
  conn.query("DELETE FROM relctl.deployments WHERE id = $1::bigint", {std::to_string(id)});
  for (const long long r : rejected_ids) {
    conn.query(
        "UPDATE relctl.deployments SET rejected = false, rejected_reason = '' "
        "WHERE id = $1::bigint",
        {std::to_string(r)});
  }
  tx.commit();
}

}  // namespace relctl::pg
