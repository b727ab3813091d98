#include "relctl/core/output_file.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string_view>

#include "relctl/core/error.hpp"
#include "relctl/core/journal.hpp"

namespace relctl::core {

namespace fs = std::filesystem;

std::optional<std::string> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

namespace {

// Tests stand in for a full disk: with RELCTL_TEST=1, a write to the file
// RELCTL_TEST_FULL_DISK names fails as ENOSPC would.
bool test_disk_full(const fs::path& path) {
  const char* test = std::getenv("RELCTL_TEST");
  const char* full = std::getenv("RELCTL_TEST_FULL_DISK");
  return test && std::string_view(test) == "1" && full && *full &&
         fs::weakly_canonical(path) == fs::weakly_canonical(full);
}

// "no space left on the device" for ENOSPC and EDQUOT (the words users
// search for), the system's text otherwise.
std::string why_not_written(int error) {
  return error == ENOSPC || error == EDQUOT ? "no space left on the device" : std::strerror(error);
}

}  // namespace

void write_atomically(const fs::path& path, std::string_view bytes) {
  std::error_code ec;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  fs::path tmp = path;
  tmp += ".relctl-tmp-" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    errno = 0;
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    out.close();  // a full disk may only show when the file is closed
    if (!out || test_disk_full(path)) {
      const int error = test_disk_full(path) ? ENOSPC : errno;
      fs::remove(tmp, ec);
      throw GateError("cannot write " + path.string() + ": " + why_not_written(error),
                      error == ENOSPC || error == EDQUOT
                          ? "free some space on that disk and run again"
                          : "check that its folder is writable and that the disk has room");
    }
  }
  // Keep the file's permissions (an executable script stays executable).
  if (fs::exists(path, ec)) fs::permissions(tmp, fs::status(path).permissions(), ec);
  fs::rename(tmp, path, ec);
  if (ec) {
    const std::string why = ec.message();
    fs::remove(tmp, ec);
    throw GateError("cannot replace " + path.string() + ": " + why,
                    "check that the file and its folder are writable");
  }
}

void make_private_folder(const fs::path& dir) {
  const bool created = fs::create_directories(dir);
  // A folder relctl made for itself (and .relctl/ always) ignores itself.
  if (created || (dir.filename() == ".relctl" && !fs::exists(dir / ".gitignore"))) {
    std::ofstream(dir / ".gitignore") << "*\n";
  }
}

void OutputFile::write(std::string_view content) {
  if (!written_) {
    previous_ = read();
    created_dirs_.clear();
    std::error_code ec;
    for (fs::path p = path_.parent_path(); !p.empty() && !fs::exists(p, ec); p = p.parent_path()) {
      created_dirs_.push_back(p);
    }
  }
  journal_file(path_);  // a run killed from here on leaves a copy to put back
  write_atomically(path_, content);
  written_ = true;
}

void OutputFile::restore() {
  if (!written_) return;
  if (previous_) {
    write_atomically(path_, *previous_);
  } else {
    std::error_code ec;
    fs::remove(path_, ec);
    if (ec) throw GateError("cannot remove " + path_.string() + ": " + ec.message());
    for (const auto& dir : created_dirs_) fs::remove(dir, ec);  // only if empty
  }
  written_ = false;
}

}  // namespace relctl::core
