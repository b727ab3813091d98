#pragma once
// Who runs relctl, and where: for the ledger and the deployments audit.

#include <string>

namespace relctl::core {

/// $RELCTL_ACTOR, else $GITHUB_ACTOR (CI), else $USER, else the login name
/// of the process's user; "unknown" if none.
std::string current_user();

/// The machine's host name; "unknown" if it cannot be read.
std::string host_name();

/// A link to the CI job running relctl (GitHub Actions, GitLab CI, Jenkins),
/// or "" outside CI.
std::string ci_job_url();

}  // namespace relctl::core
