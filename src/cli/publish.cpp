// relctl publish TAG: the forge step of a release whose tag is pushed
// already (src/pipelines/publish.cpp): creates its forge release, or
// completes one an earlier run left unfinished. Pushes nothing.
// docs/forge.md.

#include "app.hpp"
#include "relctl/core/error.hpp"
#include "relctl/pipelines/pipelines.hpp"
#include "session.hpp"

namespace relctl::cli {

void add_publish_command(CLI::App& app, Globals& g, Handlers& h) {
  auto tag = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand(
      "publish", "create or complete the forge release of a pushed tag (pushes nothing)");
  cmd->add_option("tag", *tag, "the release tag (code-vX.Y.Z, data-YYYYMMDD)")->required();

  h["publish"] = [&g, tag] {
    Session session(g, "publish", /*config_required=*/true);
    const config::Config* cfg = session.config();
    if (!cfg || !cfg->forge) {
      throw ConfigError("relctl publish needs a [forge] section in " +
                            (cfg ? cfg->file.string() : std::string("relctl.toml")),
                        "add [forge] (its keys are optional: the forge is found from the "
                        "remote's URL); `man relctl`, CONFIGURATION");
    }
    session.context().release.tags = {*tag};
    auto pipeline = pipelines::publish(*tag);
    return session.execute(pipeline);
  };
}

}  // namespace relctl::cli
