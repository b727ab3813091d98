#include "relctl/pg/advisory_lock.hpp"

#include <fmt/format.h>

#include <thread>

#include "relctl/core/interrupt.hpp"
#include "relctl/core/log.hpp"
#include "relctl/core/sha256.hpp"

namespace relctl::pg {

namespace {

std::string format_duration(std::chrono::milliseconds d) {
  if (d.count() % 1000 == 0) return fmt::format("{}s", d.count() / 1000);
  return fmt::format("{}ms", d.count());
}

// Sleeps up to `d`, waking early for Ctrl-C.
void nap(std::chrono::milliseconds d) {
  const auto until = std::chrono::steady_clock::now() + d;
  while (std::chrono::steady_clock::now() < until) {
    core::throw_if_interrupted();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

}  // namespace

std::string LockHolder::describe() const {
  std::string who =
      application_name.empty() ? "a session without application_name" : application_name;
  if (application_name.rfind("relctl/", 0) == 0) {
    who = "run " + application_name.substr(7) + " (" + application_name + ")";
  }
  return fmt::format("{} — pid {}, user {} from {}, since {}", who, pid,
                     user.empty() ? "unknown" : user, client.empty() ? "unknown" : client,
                     since.empty() ? "unknown" : since);
}

std::int64_t advisory_key(std::string_view name) {
  const std::string hex = core::sha256_hex(name);
  return static_cast<std::int64_t>(std::stoull(hex.substr(0, 16), nullptr, 16));
}

std::optional<LockHolder> find_lock_holder(Connection& conn, std::int64_t key) {
  // A bigint advisory key shows in pg_locks as classid (high 32 bits),
  // objid (low 32 bits) and objsubid 1.
  const auto bits = static_cast<std::uint64_t>(key);
  const Rows rows = conn.query(
      "SELECT a.pid::text, coalesce(a.application_name, ''), coalesce(a.usename::text, ''), "
      "       CASE WHEN a.client_addr IS NULL THEN 'a local socket' ELSE host(a.client_addr) END, "
      "       to_char(coalesce(a.state_change, a.backend_start) AT TIME ZONE 'UTC', "
      "               'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
      "FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid "
      "WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 "
      "  AND l.classid = $1::bigint::oid AND l.objid = $2::bigint::oid "
      "  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
      "LIMIT 1",
      {std::to_string(bits >> 32), std::to_string(bits & 0xffffffffULL)});
  if (rows.empty()) return std::nullopt;
  const Row& r = rows.front();
  auto text = [&](std::size_t i) { return r[i].value_or(""); };
  LockHolder h;
  h.pid = std::stoi(text(0).empty() ? "0" : text(0));
  h.application_name = text(1);
  h.user = text(2);
  h.client = text(3);
  h.since = text(4);
  return h;
}

std::unique_ptr<AdvisoryLock> AdvisoryLock::acquire(std::unique_ptr<Connection> conn,
                                                    std::int64_t key, std::string name,
                                                    std::chrono::milliseconds timeout) {
  const auto started = std::chrono::steady_clock::now();
  const auto deadline = started + timeout;
  while (true) {
    if (conn->query_value("SELECT pg_try_advisory_lock($1::bigint)::text", {std::to_string(key)}) ==
        "true") {
      return std::unique_ptr<AdvisoryLock>(new AdvisoryLock(std::move(conn), key, name));
    }
    if (std::chrono::steady_clock::now() >= deadline) break;
    nap(std::chrono::milliseconds(200));
  }
  const auto holder = find_lock_holder(*conn, key);
  const std::string who =
      holder ? holder->describe() : "a session that let go just now (run again)";
  std::string hint = "wait for that run to finish, then run again";
  if (holder) {
    hint += fmt::format(
        "; if it is dead, its lock goes with its connection, or end the session with "
        "SELECT pg_terminate_backend({})",
        holder->pid);
  }
  throw LockedError(
      fmt::format("{} is locked by {}; waited {}", name, who, format_duration(timeout)), hint);
}

bool AdvisoryLock::release() {
  if (!held_) return true;
  held_ = false;
  Uninterruptible quiet(*conn_);  // unlocking must finish even after Ctrl-C
  try {
    return conn_->query_value("SELECT pg_advisory_unlock($1::bigint)::text",
                              {std::to_string(key_)}) == "true";
  } catch (const ConnectionLost& e) {
    // The session is gone, and the server freed its locks with it.
    core::log_debug("lock {}: {}; the server freed the lock with the session", name_, e.what());
    return true;
  }
}

AdvisoryLock::~AdvisoryLock() {
  try {
    release();
  } catch (...) {
    // The connection closes right after; the server frees the lock with it.
  }
}

bool relation_exists(Connection& conn, std::string_view qualified) {
  return conn.query_value("SELECT (to_regclass($1) IS NOT NULL)::text", {std::string(qualified)}) ==
         "true";
}

void create_once(Connection& conn, std::string_view qualified, const std::string& ddl) {
  if (relation_exists(conn, qualified)) return;
  ScopedTransaction tx(conn);
  conn.query("SELECT pg_advisory_xact_lock($1::bigint)", {std::to_string(advisory_key(qualified))});
  conn.query(ddl);  // IF NOT EXISTS: the loser of the race finds everything made
  tx.commit();
}

}  // namespace relctl::pg
