#pragma once
// SHA-256 (FIPS 180-4) for checksums: migration files, snapshots, artifacts.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace relctl::core {

/// A streaming SHA-256: feed bytes with update(), read the digest once with
/// final_hex(). Never throws; after final_hex() the object must be reset().
class Sha256 {
 public:
  Sha256() { reset(); }
  void reset();
  void update(std::string_view bytes);
  /// The digest as 64 lowercase hex characters.
  std::string final_hex();

 private:
  void compress(const unsigned char* block);

  std::array<std::uint32_t, 8> state_{};
  std::array<unsigned char, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t total_bytes_ = 0;
};

/// The SHA-256 of `bytes` as 64 lowercase hex characters.
std::string sha256_hex(std::string_view bytes);

}  // namespace relctl::core
