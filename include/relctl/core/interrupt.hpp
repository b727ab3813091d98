#pragma once
// Ctrl-C handling: SIGINT/SIGTERM set a flag that the runner and long-running
// gates poll, so the current gate stops, done actions are undone and relctl
// exits 130 instead of dying halfway.

namespace relctl::core {

/// Installs the SIGINT/SIGTERM handlers (idempotent).
void install_interrupt_handlers();
/// True once a SIGINT or SIGTERM has arrived.
bool interrupt_requested() noexcept;
/// Throws relctl::Interrupted when an interrupt has arrived.
void throw_if_interrupted();
/// Tests: forget a previous interrupt.
void reset_interrupt() noexcept;

}  // namespace relctl::core
