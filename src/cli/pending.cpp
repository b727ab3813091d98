// The SPEC commands that are not built yet. Each parses its own flags (so
// `--help` is already right) and then exits 2 saying it is not built: a
// command never pretends to work.

#include "app.hpp"
#include "relctl/core/error.hpp"

namespace relctl::cli {

namespace {
void pending(CLI::App& app, Handlers& h, const std::string& name, const std::string& help) {
  auto* cmd = app.add_subcommand(name, help + " (not built yet)");
  cmd->allow_extras();
  h[name] = [name]() -> int { throw NotBuiltError(name); };
}
}  // namespace

void add_pending_commands(CLI::App& app, Globals& /*g*/, Handlers& h) {
  pending(app, h, "promote", "promote a release tag to an environment");
  pending(app, h, "rollback", "put an environment back on its last good release");
  pending(app, h, "status", "latest releases and what runs where");
}

}  // namespace relctl::cli
