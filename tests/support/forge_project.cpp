#include "support/forge_project.hpp"

namespace relctl::test {

namespace {

std::string toml(const ForgeServer& server, ForgeServer::Kind kind, const std::string& code_extra,
                 const std::string& forge_extra) {
  // Appended to the fixture's relctl.toml, whose last section is [code_release].
  return "artifacts = [\"dist/*\"]\n" + code_extra + "\n[forge]\nkind = \"" +
         (kind == ForgeServer::Kind::github ? "github" : "gitlab") + "\"\napi_url = \"" +
         server.api_url() + "\"\nrepository = \"acme/widgets\"\n" + forge_extra;
}

}  // namespace

ForgeProject::ForgeProject(ForgeServer::Kind kind, const std::string& code_extra,
                           const std::string& forge_extra)
    : server(kind), project(toml(server, kind, code_extra, forge_extra)), kind_(kind) {
  write_file(project.work() / artifact, "the widgets build\n");
}

ProcessResult ForgeProject::relctl(const std::vector<std::string>& args, RunOptions options) const {
  const char* variable = kind_ == ForgeServer::Kind::github ? "GITHUB_TOKEN" : "GITLAB_TOKEN";
  options.env.emplace(variable, ForgeServer::token);
  return project.relctl(args, options);
}

std::string ForgeProject::everything_written(const ProcessResult& r) const {
  std::string all = r.out + r.err;
  // The ledger and its journal, and the debug logs when there are.
  const fs::path state = project.work() / ".relctl";
  if (fs::exists(state)) {
    for (const auto& e : fs::recursive_directory_iterator(state)) {
      if (e.is_regular_file()) all += read_file(e.path());
    }
  }
  return all;
}

nlohmann::json gate_of(const nlohmann::json& doc, const std::string& id) {
  for (const auto& g : doc["gates"]) {
    if (g["id"] == id) return g;
  }
  return nullptr;
}

}  // namespace relctl::test
