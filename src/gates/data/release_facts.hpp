#pragma once
// Building the manifest of the snapshot being released, and handing its
// facts to the git gates (commit message, tag message, files to commit).
// Shared by data.manifest and, with --finalize, data.committed.

#include "gates/data/data_run.hpp"

namespace relctl::gates::data {

/// The manifest of the snapshot as it is now (SPEC §6): row counts and
/// columns, sha256s, the commit HEAD is on, ingestion_run_id and
/// upstream_version from their configured source. Throws GateError when the
/// snapshot cannot be read or a configured value cannot be found.
Manifest build_manifest(core::Context& ctx, DataRun& run);

/// Fills the run's ReleasePlan and the template variables from `manifest`:
/// {manifest.*}, the release commit's message (not for joint releases, whose
/// commit is the code release's) and the data tag's message.
void apply_manifest(core::Context& ctx, DataRun& run, const Manifest& manifest);

}  // namespace relctl::gates::data
