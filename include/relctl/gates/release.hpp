#pragma once
// The gates of `relctl promote` and `relctl rollback` (SPEC §3-4) that are
// not Postgres or command gates: release.verify, env.order, env.soak and
// deploy.record. The gates of one run share a Promotion: what is promoted
// where, and what release.verify found out about it.

#include <memory>
#include <string>

#include "relctl/core/gate.hpp"

namespace relctl::gates {

struct Promotion {
  // --- asked for ------------------------------------------------------------
  std::string tag;               // the release tag promoted
  std::string env;               // the environment it goes to
  std::string kind = "promote";  // promote | rollback
  std::string replaced_tag;      // rollback: the release it replaces (then rejected)
  std::string reason;            // rollback --reason; --allow-rejected's reason
  bool allow_rejected = false;   // --allow-rejected
  std::string started_at;        // UTC ISO-8601, when the run started

  // --- found by release.verify ------------------------------------------------
  std::string commit;
  std::string version;
};

/// release.verify: the tag exists, is annotated, its recorded checksums
/// (snapshot sha256 in the tag trailers and the manifest, SHA256SUMS) match
/// its tree, and it was not rejected in the environment (unless allowed).
std::unique_ptr<core::Gate> make_release_verify(std::shared_ptr<Promotion> promotion);

/// env.order: the release is the current, successful release of the
/// environment's `after` environment (skipped when there is none).
std::unique_ptr<core::Gate> make_env_order(std::shared_ptr<Promotion> promotion);

/// env.soak: it has been the `after` environment's release for at least `soak`.
std::unique_ptr<core::Gate> make_env_soak(std::shared_ptr<Promotion> promotion);

/// deploy.record: the deployment row in the environment's database (and, for
/// a rollback, the replaced release marked rejected, in the same transaction).
std::unique_ptr<core::Gate> make_deploy_record(std::shared_ptr<Promotion> promotion);

}  // namespace relctl::gates
