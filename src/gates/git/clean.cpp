// git.clean: a release commits exactly HEAD plus its own outputs, so nothing
// else may be modified, staged or untracked.

#include <nlohmann/json.hpp>

#include "gates/git/support.hpp"
#include "gates/registered.hpp"
#include "relctl/core/error.hpp"
#include "relctl/gates/git.hpp"

namespace relctl::gates {

namespace {

class GitClean final : public RegisteredGate {
 public:
  GitClean() : RegisteredGate("git.clean") {}

  core::Outcome run(core::Context& ctx) override {
    git::Repository& repo = access_.get(ctx);
    const auto allowed = git_support::release_output_globs(ctx);
    std::vector<std::string> dirty, excused;
    nlohmann::json files = nlohmann::json::array();
    for (const auto& e : repo.status()) {
      const bool output = std::any_of(allowed.begin(), allowed.end(), [&](const auto& g) {
        return git_support::glob_match(g, e.path);
      });
      if (output) {
        excused.push_back(e.path);
        continue;
      }
      dirty.push_back(e.change + " " + e.path);
      files.push_back({{"path", e.path}, {"change", e.change}});
    }
    if (!dirty.empty()) {
      throw GateError(std::to_string(dirty.size()) + " uncommitted change" +
                          (dirty.size() == 1 ? "" : "s") + " in " + repo.workdir().string() + ": " +
                          git_support::list_some(dirty),
                      "commit or stash them (git stash -u) and run again");
    }
    nlohmann::json details = {{"release_outputs", excused}};
    return core::Outcome::pass(
        excused.empty()
            ? "work tree clean"
            : "work tree clean apart from " + std::to_string(excused.size()) + " release output(s)",
        details.dump());
  }

 private:
  git_support::RepoAccess access_;
};

}  // namespace

std::unique_ptr<core::Gate> make_git_clean() {
  return std::make_unique<GitClean>();
}

}  // namespace relctl::gates
