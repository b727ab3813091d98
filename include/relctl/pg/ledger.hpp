#pragma once
// The shared Postgres ledger: relctl's run history in the database, for
// teams whose runs happen on many machines (SPEC §6).

#include <memory>
#include <string>

#include "relctl/core/ledger.hpp"

namespace relctl::pg {

/// Opens the shared Postgres ledger: table `runs` in schema `relctl` of the
/// database `conninfo` points at (created on first use). `label` names it in
/// messages ("ledger ($RELCTL_LEDGER_URL)"). The password is registered with
/// the process redactor first. Throws DependencyError (exit 3) if the
/// database cannot be reached or refuses us.
std::unique_ptr<core::Ledger> open_ledger(const std::string& conninfo, const std::string& label);

}  // namespace relctl::pg
