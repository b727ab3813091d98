#include "relctl/core/output_file.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "relctl/core/error.hpp"

namespace relctl::core {

namespace fs = std::filesystem;

std::optional<std::string> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_atomically(const fs::path& path, std::string_view bytes) {
  std::error_code ec;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  fs::path tmp = path;
  tmp += ".relctl-tmp-" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      const std::string why = std::strerror(errno);
      fs::remove(tmp, ec);
      throw GateError("cannot write " + path.string() + ": " + why,
                      "check that its folder is writable and that the disk has room");
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
