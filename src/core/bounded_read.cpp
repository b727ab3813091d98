#include "relctl/core/bounded_read.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace relctl::core {

namespace {

std::string not_regular(mode_t mode) {
  if (S_ISDIR(mode)) return "is a folder, not a regular file";
  if (S_ISFIFO(mode)) return "is a FIFO, not a regular file";
  if (S_ISSOCK(mode)) return "is a socket, not a regular file";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "is a device, not a regular file";
  return "is not a regular file";
}

// Closes the descriptor whatever happens.
struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

std::string describe_size(std::uintmax_t bytes) {
  if (bytes >= (1u << 20) && bytes % (1u << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  if (bytes >= (1u << 10) && bytes % (1u << 10) == 0) return std::to_string(bytes >> 10) + " KiB";
  return std::to_string(bytes) + " bytes";
}

BoundedRead read_bounded(const std::filesystem::path& path, std::uintmax_t max_bytes) {
  const Fd file{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)};
  if (file.fd < 0) return {std::nullopt, std::string("cannot be read: ") + std::strerror(errno)};
  struct stat st {};
  if (::fstat(file.fd, &st) != 0) {
    return {std::nullopt, std::string("cannot be read: ") + std::strerror(errno)};
  }
  if (!S_ISREG(st.st_mode)) return {std::nullopt, not_regular(st.st_mode)};
  const auto too_big = [&] {
    return BoundedRead{std::nullopt, "is larger than " + describe_size(max_bytes)};
  };
  if (static_cast<std::uintmax_t>(st.st_size) > max_bytes) return too_big();
  std::string bytes;
  bytes.reserve(static_cast<std::size_t>(st.st_size));
  char buf[65536];
  for (;;) {
    const ssize_t n = ::read(file.fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      return {std::nullopt, std::string("cannot be read: ") + std::strerror(errno)};
    }
    if (n == 0) break;
    bytes.append(buf, static_cast<std::size_t>(n));
    if (bytes.size() > max_bytes) return too_big();  // it grew while being read
  }
  return {std::move(bytes), ""};
}

}  // namespace relctl::core
