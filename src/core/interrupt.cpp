#include "relctl/core/interrupt.hpp"

#include <atomic>
#include <csignal>

#include "relctl/core/error.hpp"

namespace relctl::core {

namespace {
std::atomic<bool> g_interrupted{false};

extern "C" void on_signal(int /*sig*/) {
  g_interrupted.store(true);
}
}  // namespace

void install_interrupt_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;  // no SA_RESTART: blocking calls return EINTR so gates notice
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

bool interrupt_requested() noexcept {
  return g_interrupted.load();
}

void throw_if_interrupted() {
  if (g_interrupted.load()) throw Interrupted();
}

void reset_interrupt() noexcept {
  g_interrupted.store(false);
}

}  // namespace relctl::core
