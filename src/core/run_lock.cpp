#include "relctl/core/run_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sstream>

#include "relctl/core/error.hpp"
#include "relctl/core/output_file.hpp"

namespace fs = std::filesystem;

namespace relctl::core {

namespace {

// "run_id pid host since", one line; nullopt for an empty or mangled file.
std::optional<LockHolder> parse(const std::string& text) {
  std::istringstream in(text);
  LockHolder h;
  if (!(in >> h.run_id >> h.pid >> h.host >> h.since)) return std::nullopt;
  return h;
}

std::string to_line(const LockHolder& h) {
  return h.run_id + " " + std::to_string(h.pid) + " " + h.host + " " + h.since + "\n";
}

std::string read_fd(int fd) {
  std::string text;
  char buf[512];
  ssize_t n;
  lseek(fd, 0, SEEK_SET);
  while ((n = read(fd, buf, sizeof buf)) > 0) text.append(buf, static_cast<size_t>(n));
  return text;
}

[[noreturn]] void fail(const fs::path& path, const std::string& what) {
  const bool full = errno == ENOSPC || errno == EDQUOT;
  throw GateError("cannot " + what + " the repository lock " + path.string() + ": " +
                      (full ? "no space left on the device" : std::strerror(errno)),
                  full ? "free some space on that disk and run again"
                       : "check that folder's permissions and run again");
}

std::string describe(const LockHolder& h) {
  return "run " + h.run_id + " (pid " + std::to_string(h.pid) + " on " + h.host + ", since " +
         h.since + ")";
}

}  // namespace

fs::path run_lock_path(const fs::path& root) {
  return root / ".relctl" / "run.lock";
}

RunLock RunLock::acquire(const fs::path& root, const LockHolder& holder) {
  const fs::path path = run_lock_path(root);
  try {
    make_private_folder(path.parent_path());
  } catch (const fs::filesystem_error& e) {
    errno = e.code().value();
    fail(path, "create the folder of");
  }
  // A releasing run removes the file before it lets go: after we lock, the
  // file we locked must still be the one at `path`, or we try again.
  for (int attempt = 0; attempt < 100; ++attempt) {
    const int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) fail(path, "open");
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
      const int e = errno;
      const auto other = parse(read_fd(fd));
      close(fd);
      errno = e;
      if (e != EWOULDBLOCK) fail(path, "lock");
      throw LockedError("another relctl run holds the repository lock " + path.string() + ": " +
                            (other ? describe(*other) : std::string("a run that is starting")),
                        "wait for it to finish; if that process is gone, the lock frees itself");
    }
    struct stat locked {};
    struct stat current {};
    if (fstat(fd, &locked) != 0 || stat(path.c_str(), &current) != 0 ||
        locked.st_ino != current.st_ino || locked.st_dev != current.st_dev) {
      close(fd);
      continue;
    }
    auto stale = parse(read_fd(fd));
    const std::string line = to_line(holder);
    if (ftruncate(fd, 0) != 0 ||
        pwrite(fd, line.data(), line.size(), 0) != static_cast<ssize_t>(line.size())) {
      const int e = errno;
      close(fd);
      errno = e;
      fail(path, "write");
    }
    return RunLock(path, fd, std::move(stale));
  }
  throw LockedError("the repository lock " + path.string() + " keeps changing hands",
                    "another relctl is starting and stopping runs here; try again");
}

std::optional<LockHolder> RunLock::holder(const fs::path& root) {
  const fs::path path = run_lock_path(root);
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::optional<LockHolder> h;
  if (flock(fd, LOCK_SH | LOCK_NB) != 0) h = parse(read_fd(fd));
  close(fd);
  return h;
}

RunLock::RunLock(RunLock&& other) noexcept
    : path_(std::move(other.path_)), fd_(other.fd_), stale_(std::move(other.stale_)) {
  other.fd_ = -1;
}

RunLock::~RunLock() {
  if (fd_ < 0) return;
  ::unlink(path_.c_str());
  close(fd_);
}

}  // namespace relctl::core
