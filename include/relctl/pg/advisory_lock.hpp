#pragma once
// Session-level advisory locks on a dedicated connection: one run per
// environment at a time. A crashed run's lock goes with its connection.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "relctl/pg/connection.hpp"

namespace relctl::pg {

/// The session that holds an advisory lock, from pg_locks and pg_stat_activity.
struct LockHolder {
  int pid = 0;
  std::string application_name;  // "relctl/<run id>" for a relctl run
  std::string user;              // database role
  std::string client;            // client address, or "a local socket"
  std::string since;             // UTC ISO-8601: when it last changed state (took the lock)
  /// "run 01J... (relctl/01J..., pid 42, user alice from 10.0.0.5, since 2026-...Z)"
  std::string describe() const;
};

/// The lock key for `name`: the first 8 bytes of its SHA-256, so every
/// relctl build agrees on it.
std::int64_t advisory_key(std::string_view name);

/// True when relation `qualified` ("relctl.runs") exists in `conn`'s database.
bool relation_exists(Connection& conn, std::string_view qualified);

/// Creates relctl's own table `qualified` with `ddl` unless it exists. Two
/// first runs at once would race on CREATE: a transaction-scoped advisory
/// lock named after the table serialises them, and the second finds it made.
void create_once(Connection& conn, std::string_view qualified, const std::string& ddl);

/// The session holding advisory lock `key` in `conn`'s database, or nullopt.
std::optional<LockHolder> find_lock_holder(Connection& conn, std::int64_t key);

class AdvisoryLock {
 public:
  /// Takes session lock `key` (of `name`: "environment prod") on `conn`, trying again every 200 ms
  /// until `timeout` has passed. Throws LockedError (exit 4) naming the holder, Interrupted on
  /// Ctrl-C, DependencyError if the database fails us.
  static std::unique_ptr<AdvisoryLock> acquire(std::unique_ptr<Connection> conn, std::int64_t key,
                                               std::string name, std::chrono::milliseconds timeout);
  /// Closing the connection frees the lock whether or not release() ran.
  ~AdvisoryLock();
  AdvisoryLock(const AdvisoryLock&) = delete;
  AdvisoryLock& operator=(const AdvisoryLock&) = delete;

  /// pg_advisory_unlock, once. False when the server says this session did
  /// not hold the lock (it was lost); throws DependencyError if it cannot ask.
  bool release();

  std::int64_t key() const { return key_; }
  const std::string& name() const { return name_; }
  Connection& connection() { return *conn_; }

 private:
  AdvisoryLock(std::unique_ptr<Connection> conn, std::int64_t key, std::string name)
      : conn_(std::move(conn)), key_(key), name_(std::move(name)) {}
  std::unique_ptr<Connection> conn_;
  std::int64_t key_;
  std::string name_;
  bool held_ = true;
};

}  // namespace relctl::pg
