#include "relctl/core/file_hash.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "relctl/core/error.hpp"
#include "relctl/core/interrupt.hpp"
#include "relctl/core/sha256.hpp"

namespace relctl::core {

std::string sha256_file(const std::filesystem::path& path, std::atomic<std::uint64_t>* done_bytes,
                        const std::atomic<bool>* stop) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    throw GateError("cannot read " + path.string() + " to hash it: " + std::strerror(errno),
                    "check that the file exists and is readable");
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);

  Sha256 sha;
  std::vector<char> buffer(1 << 20);
  for (;;) {
    if ((stop && stop->load()) || core::interrupt_requested()) throw Interrupted();
    const ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      throw GateError("cannot read " + path.string() + " to hash it: " + std::strerror(errno),
                      "the file may be on a failing disk: copy or rebuild it");
    }
    if (n == 0) break;
    sha.update(std::string_view(buffer.data(), static_cast<std::size_t>(n)));
    if (done_bytes) done_bytes->fetch_add(static_cast<std::uint64_t>(n));
  }
  return sha.final_hex();
}

}  // namespace relctl::core
