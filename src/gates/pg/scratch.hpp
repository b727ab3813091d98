#pragma once
// A scratch database on the target's server with every migration of the
// release applied from zero, always dropped. pg.shadow rehearses there; a
// dry run's pg.smoke runs its SQL there, because a rolled-back transaction
// on the target does not undo nextval().

#include <functional>
#include <string>

#include "gates/pg/common.hpp"
#include "relctl/core/error.hpp"

namespace relctl::gates {

/// The server would not create the scratch database (the role lacks CREATEDB).
struct ScratchRefused : DependencyError {
  using DependencyError::DependencyError;
};

/// "relctl_shadow_<run id>" (lower case), with `suffix` appended.
std::string scratch_name(const std::string& run_id, const std::string& suffix = "");

/// Creates the scratch database `name` beside the target's, applies every
/// migration of `tree` from zero, calls `use` with a connection to it, and
/// drops it whatever happens (after Ctrl-C too). Returns how many
/// migrations it applied. Throws ScratchRefused when it cannot be created
/// (the role needs CREATEDB), GateError "on the scratch database: ..." when
/// a migration fails, and GateError naming it when the drop fails after
/// `use` succeeded.
std::size_t with_scratch_database(core::Context& ctx, const PgTarget& target,
                                  const ReleaseTree& tree, const std::string& name,
                                  const std::function<void(pg::Connection&)>& use);

}  // namespace relctl::gates
