#pragma once
// The e2e forge tests' project: a GitProject (bare origin, code-v1.2.0 and
// two conventional commits since) whose relctl.toml has artifacts and a
// [forge] pointing at a local forge server, and a build output in dist/.

#include <string>
#include <vector>

#include "support/forge_server.hpp"
#include "support/git_project.hpp"

namespace relctl::test {

struct ForgeProject {
  /// `code_extra` joins [code_release]; `forge_extra` joins [forge].
  explicit ForgeProject(ForgeServer::Kind kind = ForgeServer::Kind::github,
                        const std::string& code_extra = "", const std::string& forge_extra = "");

  /// relctl with the forge's token in GITHUB_TOKEN (GitLab: GITLAB_TOKEN).
  ProcessResult relctl(const std::vector<std::string>& args, RunOptions options = {}) const;
  /// Every byte relctl may have shown or stored: both streams and the ledger.
  std::string everything_written(const ProcessResult& r) const;

  ForgeServer server;
  GitProject project;
  std::string artifact = "dist/widgets.tar.gz";

 private:
  ForgeServer::Kind kind_;
};

/// The gate `id` of a --json document, or null.
nlohmann::json gate_of(const nlohmann::json& doc, const std::string& id);

}  // namespace relctl::test
