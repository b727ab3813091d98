#include "relctl/sqlite/scan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "relctl/core/error.hpp"
#include "relctl/core/file_hash.hpp"
#include "relctl/core/interrupt.hpp"
#include "relctl/core/sha256.hpp"

namespace relctl::sqlite {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

// Both connections map the whole file: the integrity check and the
// foreign-key check then read pages straight from the page cache instead of
// copying each one through read().
OpenOptions open_options(std::uintmax_t bytes, int cache_kib) {
  OpenOptions o;
  o.mmap_bytes = static_cast<std::int64_t>(bytes);
  o.cache_kib = cache_kib;
  return o;
}

std::string seconds_since(Clock::time_point t) {
  return fmt::format("{}s",
                     std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - t).count());
}

std::string bar(double fraction, int width = 16) {
  fraction = std::clamp(fraction, 0.0, 1.0);
  const int filled = static_cast<int>(fraction * width + 0.5);
  return "[" + std::string(static_cast<std::size_t>(filled), '#') +
         std::string(static_cast<std::size_t>(width - filled), '-') + "]";
}

}  // namespace

SnapshotScan::SnapshotScan(fs::path file, bool quick, std::shared_ptr<core::Progress> progress)
    : file_(std::move(file)), quick_(quick), progress_(std::move(progress)) {}

SnapshotScan::~SnapshotScan() {
  stop_all();
  if (integrity_thread_.joinable()) integrity_thread_.join();
  if (background_.joinable()) background_.join();
}

void SnapshotScan::start() {
  std::unique_lock lock(mutex_);
  if (started_) {
    if (open_error_) std::rethrow_exception(open_error_);
    return;
  }
  started_ = true;
  try {
    const auto facts = inspect_file(file_);
    main_ = Snapshot::open(file_, open_options(facts.bytes, 64 * 1024));
  } catch (...) {
    open_error_ = std::current_exception();
    throw;
  }
  started_at_ = Clock::now();
  background_ = std::thread([this] { background(); });
}

std::string SnapshotScan::open_error() const {
  std::lock_guard lock(mutex_);
  if (!open_error_) return {};
  try {
    std::rethrow_exception(open_error_);
  } catch (const std::exception& e) {
    return e.what();
  }
}

// The second core's work, cheapest and most needed first: tables and row
// counts (row-drop, schema-diff, manifest), then foreign keys (the next
// gate), then the hash (manifest). One step failing does not stop the next.
void SnapshotScan::background() {
  auto publish = [this](auto& slot, auto&& fill) {
    try {
      auto value = fill();
      std::lock_guard lock(mutex_);
      slot.value = std::move(value);
    } catch (...) {
      std::lock_guard lock(mutex_);
      slot.error = std::current_exception();
    }
    changed_.notify_all();
  };
  auto set_step = [this](const char* step) {
    std::lock_guard lock(mutex_);
    step_ = step;
  };

  try {
    auto side = Snapshot::open(file_, open_options(main_->facts().bytes, 32 * 1024));
    std::lock_guard lock(mutex_);
    side_ = std::move(side);
    if (stop_) side_->interrupt();
  } catch (...) {
    std::lock_guard lock(mutex_);
    tables_.error = schema_sha256_.error = foreign_keys_.error = std::current_exception();
  }
  if (side_) {
    set_step("counting rows");
    publish(tables_, [this] {
      std::vector<TableFacts> out;
      for (auto& name : side_->tables()) {
        TableFacts t;
        t.columns = side_->columns(name);
        t.rows = side_->count_rows(name);
        t.name = std::move(name);
        out.push_back(std::move(t));
      }
      return out;
    });
    publish(schema_sha256_, [this] { return core::sha256_hex(side_->schema_text()); });
    set_step("foreign_key_check");
    publish(foreign_keys_, [this] { return side_->foreign_key_violations(5); });
  }
  set_step("sha256");
  publish(sha256_, [this] { return core::sha256_file(file_, &hashed_, &stop_); });
  set_step("");
  changed_.notify_all();
}

const std::vector<std::string>& SnapshotScan::integrity() {
  start();
  {
    std::lock_guard lock(mutex_);
    if (!integrity_.done() && !integrity_running_) {
      integrity_running_ = true;
      integrity_thread_ = std::thread([this] {
        try {
          auto problems = check_integrity();
          std::lock_guard inner(mutex_);
          integrity_.value = std::move(problems);
        } catch (...) {
          std::lock_guard inner(mutex_);
          integrity_.error = std::current_exception();
        }
        changed_.notify_all();
      });
    }
  }
  return await(integrity_);
}

// integrity_check, split so that its progress can be shown: quick_check
// first (every b-tree's structure, page accounting, NOT NULL: a few percent
// of the time), then integrity_check(table) for each table, smallest first,
// which adds what quick_check leaves out (index contents, UNIQUE). Together
// they check what one `PRAGMA integrity_check` checks.
std::vector<std::string> SnapshotScan::check_integrity() {
  std::vector<std::string> problems = main_->integrity_problems(/*quick=*/true, 100);
  if (quick_ || !problems.empty()) return problems;

  std::vector<std::pair<double, std::string>> parts;
  for (auto& name : main_->btree_tables()) {
    const double rows = static_cast<double>(main_->count_rows(name));
    parts.emplace_back(std::max(rows, 1.0) * (1 + main_->index_count(name)), std::move(name));
  }
  std::sort(parts.begin(), parts.end());
  {
    std::lock_guard lock(mutex_);
    for (const auto& p : parts) weight_total_ += p.first;
    work_at_first_table_ = main_->work_done();
  }
  for (const auto& [weight, name] : parts) {
    {
      std::lock_guard lock(mutex_);
      integrity_table_ = name;
      weight_current_ = weight;
      work_at_table_start_ = main_->work_done();
    }
    for (auto& p : main_->integrity_problems_of(name, 100 - problems.size())) {
      problems.push_back(std::move(p));
    }
    std::lock_guard lock(mutex_);
    weight_done_ += weight;
    if (problems.size() >= 100) break;
  }
  return problems;
}

const ForeignKeyReport& SnapshotScan::foreign_keys() {
  start();
  return await(foreign_keys_);
}

const std::vector<TableFacts>& SnapshotScan::tables() {
  start();
  return await(tables_);
}

const std::string& SnapshotScan::schema_sha256() {
  start();
  return await(schema_sha256_);
}

const std::string& SnapshotScan::sha256() {
  start();
  return await(sha256_);
}

std::uintmax_t SnapshotScan::bytes() {
  start();
  return main_->facts().bytes;
}

Snapshot& SnapshotScan::connection() {
  start();
  // The main connection is the integrity thread's while it runs.
  wait_until([this] { return !integrity_running_ || integrity_.done(); });
  return *main_;
}

template <typename T>
const T& SnapshotScan::await(Slot<T>& slot) {
  wait_until([&slot] { return slot.done(); });
  if (slot.error) std::rethrow_exception(slot.error);
  return *slot.value;
}

// Called with the steps running; `ready` is evaluated under the lock.
void SnapshotScan::wait_until(const std::function<bool()>& ready) {
  std::unique_lock lock(mutex_);
  bool shown = false;
  const auto first_draw = Clock::now() + std::chrono::milliseconds(300);
  while (!ready()) {
    changed_.wait_for(lock, std::chrono::milliseconds(100));
    if (core::interrupt_requested()) {
      lock.unlock();
      stop_all();
      if (shown) progress_->clear();
      throw Interrupted();
    }
    // Short waits draw nothing: no flicker on a small snapshot.
    if (progress_ && Clock::now() >= first_draw) {
      const std::string text = progress_text();
      lock.unlock();
      progress_->show(text);
      shown = true;
      lock.lock();
    }
  }
  if (shown) {
    lock.unlock();
    progress_->clear();
  }
}

void SnapshotScan::stop_all() {
  stop_ = true;
  std::lock_guard lock(mutex_);
  if (main_) main_->interrupt();
  if (side_) side_->interrupt();
}

// Under the lock.
std::string SnapshotScan::progress_text() const {
  std::string text;
  const bool checking = integrity_running_ && !integrity_.done();
  if (checking) {
    const char* check = quick_ ? "quick_check" : "integrity_check";
    if (weight_total_ > 0) {
      // Within the current table, estimate from the work per unit of weight
      // the finished tables took; never claim a table is done before it is.
      double within = 0;
      if (weight_done_ > 0) {
        const double per_weight =
            static_cast<double>(work_at_table_start_ - work_at_first_table_) / weight_done_;
        const double spent = static_cast<double>(main_->work_done() - work_at_table_start_);
        if (per_weight > 0) within = std::min(0.99 * weight_current_, spent / per_weight);
      }
      const double fraction = (weight_done_ + within) / weight_total_;
      std::string table = integrity_table_;
      if (table.size() > 16) {
        table.resize(15);
        table.push_back('~');
      }
      text += fmt::format("{} {} {:3.0f}% {} {}", check, bar(fraction), 100.0 * fraction, table,
                          seconds_since(started_at_));
    } else {
      text += fmt::format("{} {}", check, seconds_since(started_at_));
    }
  }
  if (step_ == "sha256") {
    const double total = static_cast<double>(std::max<std::uintmax_t>(main_->facts().bytes, 1));
    const double done = static_cast<double>(hashed_.load());
    text += fmt::format("{}sha256 {} {:3.0f}%", checking ? " | " : "", bar(done / total, 10),
                        100.0 * done / total);
  } else if (!step_.empty()) {
    text += fmt::format("{}{}", checking ? " | " : "", step_);
  }
  return text;
}

}  // namespace relctl::sqlite
