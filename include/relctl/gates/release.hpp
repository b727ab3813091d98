#pragma once
// release.verify (SPEC §3), the first gate of `relctl promote` and `relctl
// rollback`, and the Promotion the gates of one such run share: what is
// promoted where, and what release.verify found out about it. Factory only;
// the class lives in src/gates/release/.

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

}  // namespace relctl::gates
