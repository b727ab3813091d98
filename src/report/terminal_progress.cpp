// The progress line of long data steps on a terminal: redrawn in place
// (carriage return, erase to end of line), cut to the terminal's width.

#include <sys/ioctl.h>
#include <unistd.h>

#include <mutex>
#include <string>

#include "relctl/report/reporters.hpp"

namespace relctl::report {

namespace {

class TerminalProgress final : public core::Progress {
 public:
  explicit TerminalProgress(int fd) : fd_(fd) {}

  void show(std::string_view text) override {
    std::lock_guard lock(mutex_);
    std::string line = "\r  " + std::string(text.substr(0, width() - 3)) + "\x1b[K";
    write_all(line);
    visible_ = true;
  }

  void clear() override {
    std::lock_guard lock(mutex_);
    if (!visible_) return;
    write_all("\r\x1b[K");
    visible_ = false;
  }

 private:
  std::size_t width() const {
    winsize ws{};
    if (ioctl(fd_, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20) return ws.ws_col;
    return 80;
  }
  void write_all(const std::string& s) const {
    std::size_t done = 0;
    while (done < s.size()) {
      const ssize_t n = ::write(fd_, s.data() + done, s.size() - done);
      if (n <= 0) return;  // a progress line is not worth an error
      done += static_cast<std::size_t>(n);
    }
  }

  int fd_;
  std::mutex mutex_;
  bool visible_ = false;
};

}  // namespace

std::shared_ptr<core::Progress> make_terminal_progress(int fd) {
  return std::make_shared<TerminalProgress>(fd);
}

}  // namespace relctl::report
