#include "gates/version/output_file.hpp"

#include <unistd.h>

#include <cstring>
#include <fstream>
#include <sstream>

#include "relctl/core/error.hpp"

namespace relctl::gates {

namespace fs = std::filesystem;

namespace {

void write_atomically(const fs::path& path, const std::string& content) {
  fs::path tmp = path;
  tmp += ".relctl-tmp-" + std::to_string(getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << content;
    out.flush();
    if (!out) {
      std::error_code ec;
      fs::remove(tmp, ec);
      throw GateError("cannot write " + path.string() + ": " + std::strerror(errno),
                      "check that the folder exists and is writable");
    }
  }
  std::error_code ec;
  // Keep the file's permissions (an executable script stays executable).
  if (fs::exists(path)) fs::permissions(tmp, fs::status(path).permissions(), ec);
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    throw GateError("cannot replace " + path.string() + ": " + ec.message(),
                    "check that the file is writable");
  }
}

}  // namespace

std::optional<std::string> OutputFile::read() const {
  std::ifstream in(path_, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void OutputFile::write(const std::string& content) {
  if (!written_) previous_ = read();
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
  }
  written_ = false;
}

}  // namespace relctl::gates
