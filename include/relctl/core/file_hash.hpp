#pragma once
// Streaming SHA-256 of a file: constant memory, progress readable from
// another thread, stoppable.

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <string>

namespace relctl::core {

/// The SHA-256 of the file at `path` as 64 lowercase hex characters.
/// `done_bytes` (optional) counts bytes hashed so far; once `stop` (optional)
/// is true the hash stops and relctl::Interrupted is thrown. A file that
/// cannot be read throws GateError.
std::string sha256_file(const std::filesystem::path& path,
                        std::atomic<std::uint64_t>* done_bytes = nullptr,
                        const std::atomic<bool>* stop = nullptr);

}  // namespace relctl::core
