#pragma once
// SnapshotScan: the expensive reading of a snapshot, done once per run and
// spread over two cores. The integrity check (the longest step) runs on one
// thread while another lists the tables with their row counts and schema,
// runs the foreign-key check and hashes the file. Gates ask for what they
// need and wait only for that; while they wait, the scan draws a progress
// line and turns Ctrl-C into stopping every step.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "relctl/core/progress.hpp"
#include "relctl/sqlite/snapshot.hpp"

namespace relctl::sqlite {

struct TableFacts {
  std::string name;
  std::int64_t rows = 0;
  std::vector<Column> columns;
};

class SnapshotScan {
 public:
  SnapshotScan(std::filesystem::path file, bool quick, std::shared_ptr<core::Progress> progress);
  /// Stops whatever still runs and waits for it.
  ~SnapshotScan();
  SnapshotScan(const SnapshotScan&) = delete;
  SnapshotScan& operator=(const SnapshotScan&) = delete;

  /// Opens the snapshot and starts the background steps (once). Throws the
  /// adapter's GateError (missing, not a database, truncated, ...) to the
  /// first caller and to every later one.
  void start();
  /// The message of the error start() threw, or "" when the snapshot opened.
  std::string open_error() const;

  /// Runs integrity_check (or quick_check) alongside the background steps
  /// and returns what it found (empty: sound). Throws like the adapter.
  const std::vector<std::string>& integrity();
  bool quick() const { return quick_; }

  // Each waits for its background step and rethrows that step's error.
  const ForeignKeyReport& foreign_keys();
  const std::vector<TableFacts>& tables();
  const std::string& schema_sha256();
  const std::string& sha256();
  std::uintmax_t bytes();

  /// The main connection, for queries on the calling thread (data.checks).
  Snapshot& connection();

 private:
  template <typename T>
  struct Slot {
    std::optional<T> value;
    std::exception_ptr error;
    bool done() const { return value.has_value() || error != nullptr; }
  };

  void background();
  std::vector<std::string> check_integrity();
  template <typename T>
  const T& await(Slot<T>& slot);
  void wait_until(const std::function<bool()>& ready);
  void stop_all();
  std::string progress_text() const;

  std::filesystem::path file_;
  bool quick_;
  std::shared_ptr<core::Progress> progress_;

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::unique_ptr<Snapshot> main_;
  std::unique_ptr<Snapshot> side_;  // the background thread's connection
  std::exception_ptr open_error_;
  bool started_ = false;
  std::thread background_;
  std::thread integrity_thread_;
  std::atomic<bool> stop_{false};
  std::atomic<std::uint64_t> hashed_{0};
  std::chrono::steady_clock::time_point started_at_{};

  Slot<std::vector<std::string>> integrity_;
  bool integrity_running_ = false;
  // How far the integrity check is (under the lock): table by table, each
  // weighted by rows x (1 + indexes); within a table, estimated from the
  // SQLite work the finished tables took per unit of weight.
  std::string integrity_table_;
  double weight_done_ = 0, weight_total_ = 0, weight_current_ = 0;
  std::uint64_t work_at_table_start_ = 0, work_at_first_table_ = 0;
  Slot<std::vector<TableFacts>> tables_;
  Slot<std::string> schema_sha256_;
  Slot<ForeignKeyReport> foreign_keys_;
  Slot<std::string> sha256_;
  std::string step_;  // what the background thread does now, for the progress line
};

}  // namespace relctl::sqlite
