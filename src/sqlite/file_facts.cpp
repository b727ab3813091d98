// inspect_file(): what a snapshot's size and 100-byte header say, checked
// before SQLite opens it, so that a missing, foreign or truncated file gets
// a precise message instead of whatever the first query trips over.

#include <fmt/format.h>

#include <array>
#include <fstream>

#include "relctl/core/error.hpp"
#include "relctl/sqlite/snapshot.hpp"

namespace relctl::sqlite {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view magic{"SQLite format 3\0", 16};

std::uint32_t be16(const unsigned char* p) {
  return (std::uint32_t{p[0]} << 8) | p[1];
}
std::uint32_t be32(const unsigned char* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
         p[3];
}

}  // namespace

FileFacts inspect_file(const fs::path& path) {
  const std::string file = path.string();
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (!fs::exists(status)) {
    throw GateError("snapshot " + file + " does not exist",
                    "build the snapshot first, or fix data_release.snapshot in relctl.toml");
  }
  if (!fs::is_regular_file(status)) {
    throw GateError("snapshot " + file + " is not a regular file",
                    "data_release.snapshot must name the .sqlite file itself");
  }
  FileFacts facts;
  facts.bytes = fs::file_size(path, ec);
  if (ec) throw GateError("cannot read snapshot " + file + ": " + ec.message());

  std::array<unsigned char, 100> header{};
  std::ifstream in(path, std::ios::binary);
  if (!in) throw GateError("cannot open snapshot " + file, "check the file's permissions");
  in.read(reinterpret_cast<char*>(header.data()), header.size());
  const auto got = static_cast<std::size_t>(in.gcount());

  if (facts.bytes == 0) {
    throw GateError(file + " is not a SQLite database: the file is empty",
                    "rebuild the snapshot; an empty file is what a failed export leaves");
  }
  const std::string_view start(reinterpret_cast<const char*>(header.data()),
                               std::min(got, magic.size()));
  if (start != magic.substr(0, start.size())) {
    throw GateError(file + " is not a SQLite database: it does not start with \"SQLite format 3\"",
                    "check that data_release.snapshot names the .sqlite file, then rebuild it");
  }
  if (got < header.size()) {
    throw GateError(fmt::format("snapshot {} is truncated: {} bytes, shorter than the 100-byte "
                                "database header",
                                file, facts.bytes),
                    "copy or rebuild the snapshot; the file was cut short");
  }
  const std::uint32_t raw_page = be16(&header[16]);
  facts.page_size = raw_page == 1 ? 65536 : raw_page;
  if (facts.page_size < 512 || (facts.page_size & (facts.page_size - 1)) != 0) {
    throw GateError(fmt::format("snapshot {} is corrupt: its header gives an impossible page "
                                "size ({})",
                                file, raw_page),
                    "rebuild the snapshot or copy it again");
  }
  facts.wal = header[18] == 2 || header[19] == 2;
  // The page count in the header is only valid when the "version valid for"
  // number equals the change counter (SQLite 3.7.0 and later write both).
  const std::uint32_t change_counter = be32(&header[24]);
  const std::uint32_t valid_for = be32(&header[92]);
  if (change_counter == valid_for) facts.page_count = be32(&header[28]);

  const std::uintmax_t expected = std::uintmax_t{facts.page_count} * facts.page_size;
  if (facts.page_count != 0 && facts.bytes < expected) {
    throw GateError(fmt::format("snapshot {} is truncated: {} bytes, but its header promises {} "
                                "pages of {} bytes ({} bytes)",
                                file, facts.bytes, facts.page_count, facts.page_size, expected),
                    "copy or rebuild the snapshot; the file was cut short");
  }
  // Bytes past the pages the header counts are not the database's: SQLite
  // ignores them, so the integrity check would pass on whatever they hide.
  if (facts.page_count != 0 && !facts.wal && facts.bytes > expected) {
    throw GateError(fmt::format("snapshot {} is {} bytes, but its header counts {} pages of {} "
                                "bytes ({} bytes): {} bytes follow the database",
                                file, facts.bytes, facts.page_count, facts.page_size, expected,
                                facts.bytes - expected),
                    "something was appended to the file after SQLite wrote it: rebuild the "
                    "snapshot or copy it again");
  }
  if (facts.bytes % facts.page_size != 0) {
    throw GateError(fmt::format("snapshot {} is truncated: {} bytes is not a whole number of "
                                "{}-byte pages",
                                file, facts.bytes, facts.page_size),
                    "copy or rebuild the snapshot; the file was cut short");
  }
  if (facts.page_count == 0)
    facts.page_count = static_cast<std::uint32_t>(facts.bytes / facts.page_size);
  return facts;
}

}  // namespace relctl::sqlite
