#pragma once
// Shared by the forge gates: reaching the project's forge (from [forge]
// and the remote's URL, the token registered with the redactor) and
// writing the requests of a dry run.

#include <memory>
#include <string>
#include <vector>

#include "gates/git/support.hpp"
#include "relctl/core/context.hpp"
#include "relctl/forge/forge.hpp"

namespace relctl::gates::forge_support {

/// The forge of the project, connected once. Throws ConfigError without a
/// [forge] section, or when the forge or the project cannot be told.
class ForgeAccess {
 public:
  forge::Forge& get(core::Context& ctx);
  /// The repository, through the same access as the git gates.
  git::Repository& repo(core::Context& ctx) { return repo_.get(ctx); }

 private:
  std::unique_ptr<forge::Forge> forge_;
  git_support::RepoAccess repo_;
};

/// `requests` one per line, indented under a plan's first line.
std::string describe(const std::vector<forge::Request>& requests);

/// Rethrows the Error being handled with `hint` added to its own hint; any
/// other exception passes unchanged.
[[noreturn]] void rethrow_with_hint(const std::string& hint);

}  // namespace relctl::gates::forge_support
