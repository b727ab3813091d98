#pragma once
// The repository lock: one relctl run at a time per work tree, as git's
// index.lock is one git command at a time. The lock is a file,
// .relctl/run.lock under the work tree's top, that holds who took it (run
// id, pid, host, since) and that the holder keeps locked with flock(2) for
// as long as it lives: the kernel lets go of a dead process's lock, so a
// lock file whose holder died (kill -9, a crash) is stale and the next run
// takes it over, telling who left it.

#include <filesystem>
#include <optional>
#include <string>

namespace relctl::core {

/// Who holds (or held) a repository lock.
struct LockHolder {
  std::string run_id;
  long pid = 0;
  std::string host;
  std::string since;  // UTC ISO 8601
};

/// The lock file of the work tree whose top is `root`.
std::filesystem::path run_lock_path(const std::filesystem::path& root);

class RunLock {
 public:
  /// Takes the repository lock of `root` for `holder`. Throws LockedError
  /// (exit 4) naming the holder's run id, pid, host and since when a live
  /// run holds it, GateError naming the path when the file cannot be
  /// written.
  static RunLock acquire(const std::filesystem::path& root, const LockHolder& holder);
  /// Who holds the lock of `root` now (nullopt when nobody does), without taking it.
  static std::optional<LockHolder> holder(const std::filesystem::path& root);

  RunLock(RunLock&& other) noexcept;
  RunLock& operator=(RunLock&&) = delete;
  RunLock(const RunLock&) = delete;
  ~RunLock();  // releases: removes the file, then lets go of the lock

  /// The run that held the lock before and died without releasing it
  /// (its file stayed behind, nobody locked it), if any.
  const std::optional<LockHolder>& stale() const { return stale_; }

 private:
  RunLock(std::filesystem::path path, int fd, std::optional<LockHolder> stale)
      : path_(std::move(path)), fd_(fd), stale_(std::move(stale)) {}
  std::filesystem::path path_;
  int fd_ = -1;
  std::optional<LockHolder> stale_;
};

}  // namespace relctl::core
