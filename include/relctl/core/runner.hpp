#pragma once
// The pipeline runner: runs an ordered list of gates with SPEC §2-3's
// semantics. It owns the cross-cutting work: timing, skip handling, dry-run
// planning, soft failures, undo in reverse order, Ctrl-C, reporting.

#include <memory>
#include <vector>

#include "relctl/core/context.hpp"
#include "relctl/core/gate.hpp"
#include "relctl/core/result.hpp"

namespace relctl::core {

using Pipeline = std::vector<std::unique_ptr<Gate>>;

/// Runs `gates` in order.
/// - Dry run: every check runs, failures are collected, actions are `planned`.
/// - Real run: the first hard failure stops the run and undoes the actions
///   already done in reverse order (unless --keep-partial).
/// - Soft failures are `warned`; `--skip` gates are `skipped` with their reason.
/// - A gate whose outcome is Outcome::done() ends the run there, passed.
/// - Ctrl-C stops at the current gate, undoes, and ends with exit code 130.
/// Throws UsageError for a --skip of an unknown gate, a skip without reason,
/// or a skip the gate refuses; never throws for a gate's failure.
RunResult run_pipeline(Context& ctx, Pipeline& gates);

}  // namespace relctl::core
