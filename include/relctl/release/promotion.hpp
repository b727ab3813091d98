#pragma once
// What the gates of one `relctl promote` or `relctl rollback` share: which
// release goes to which environment, how (promoted forward or rolled back
// to), and what release.verify found out about it.

#include <chrono>
#include <string>
#include <string_view>

namespace relctl::release {

/// How a release reaches an environment.
enum class DeployKind {
  promote,   ///< forward, through the environments before it
  rollback,  ///< back to a release the environment ran before
};

/// How a deployment ended (relctl.deployments `status`).
enum class DeployStatus { succeeded, failed };

/// "promote" | "rollback", as stored in relctl.deployments.
std::string_view to_string(DeployKind k);
/// "succeeded" | "failed", as stored in relctl.deployments.
std::string_view to_string(DeployStatus s);

struct Promotion {
  // --- asked for ------------------------------------------------------------
  std::string tag;  // the release tag promoted
  std::string env;  // the environment it goes to
  DeployKind kind = DeployKind::promote;
  std::string replaced_tag;     // rollback: the release it replaces (then rejected)
  std::string reason;           // rollback --reason; --allow-rejected's reason
  bool allow_rejected = false;  // --allow-rejected
  bool wait = false;            // --wait: env.soak waits out the soak instead of failing
  std::chrono::milliseconds wait_limit{0};  // --wait DURATION; 0 = as long as the soak needs
  std::string started_at;                   // UTC ISO-8601, when the run started

  // --- found by release.verify ------------------------------------------------
  std::string commit;
  std::string version;

  bool rollback() const { return kind == DeployKind::rollback; }
};

}  // namespace relctl::release
