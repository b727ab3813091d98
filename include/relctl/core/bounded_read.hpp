#pragma once
// Reading a small file that someone else controls (relctl.toml, .env, a
// value file) without trusting what the name points at: a FIFO must not
// hang relctl, /dev/zero must not fill its memory.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace relctl::core {

struct BoundedRead {
  std::optional<std::string> bytes;  // the whole file; nullopt when `problem` says why not
  std::string problem;               // "is a FIFO, not a regular file", "is larger than 1 MiB", ...
};

/// The bytes of `path` when it is a regular file (after symlinks) of at
/// most `max_bytes`. It is opened without blocking and checked on the open
/// descriptor, so nothing swapped in between can make relctl wait; at most
/// `max_bytes` + 1 bytes are ever read. Never throws.
BoundedRead read_bounded(const std::filesystem::path& path, std::uintmax_t max_bytes);

/// "1 MiB", "64 MiB", "512 KiB", "300 bytes".
std::string describe_size(std::uintmax_t bytes);

}  // namespace relctl::core
