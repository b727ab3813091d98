// artifacts.checksums: SHA256SUMS for code_release.artifacts, in sha256sum's
// format (`<hex>  <path>`, paths relative to the project root, sorted) so
// `sha256sum -c SHA256SUMS` verifies them. It runs after the build phase,
// which makes the artifacts, and its file is committed with the release.

#include <fnmatch.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "gates/git/support.hpp"
#include "gates/registered.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/file_hash.hpp"
#include "relctl/core/output_file.hpp"
#include "relctl/gates/artifacts.hpp"

namespace relctl::gates {

namespace {

namespace fs = std::filesystem;

// Files under `root` matching any glob (`*` and `?` do not cross '/').
std::vector<std::string> expand(const fs::path& root, const std::vector<std::string>& globs) {
  std::vector<std::string> out;
  for (const auto& glob : globs) {
    // Walk only below the glob's literal leading folders.
    fs::path base;
    for (const auto& part : fs::path(glob).parent_path()) {
      if (part.string().find_first_of("*?[") != std::string::npos) break;
      base /= part;
    }
    std::error_code ec;
    if (!fs::is_directory(root / base, ec)) continue;
    for (auto it = fs::recursive_directory_iterator(root / base, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it->path().filename() == ".git") {
        it.disable_recursion_pending();
        continue;
      }
      if (!it->is_regular_file(ec)) continue;
      const std::string rel = it->path().lexically_relative(root).generic_string();
      if (fnmatch(glob.c_str(), rel.c_str(), FNM_PATHNAME) == 0) out.push_back(rel);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  out.erase(std::remove(out.begin(), out.end(), "SHA256SUMS"), out.end());
  return out;
}

class ArtifactsChecksums final : public RegisteredGate {
 public:
  explicit ArtifactsChecksums(std::shared_ptr<release::ReleasePlan> plan)
      : RegisteredGate("artifacts.checksums"), plan_(std::move(plan)) {}

  std::string plan(core::Context& ctx) override {
    const auto globs = artifact_globs(ctx);
    if (globs.empty()) return "no code_release.artifacts configured: no SHA256SUMS";
    const auto files = expand(ctx.root(), globs);
    plan_->add_output(output(ctx, access_.get(ctx)));
    if (files.empty()) {
      return "would write SHA256SUMS for the files the build leaves in " +
             git_support::list_some(globs) + " (none there before the build)";
    }
    return "would write SHA256SUMS for " + std::to_string(files.size()) +
           " file(s): " + git_support::list_some(files);
  }

  core::Outcome run(core::Context& ctx) override {
    const auto globs = artifact_globs(ctx);
    if (globs.empty()) return core::Outcome::skip("no code_release.artifacts configured");
    const auto files = expand(ctx.root(), globs);
    if (files.empty()) {
      throw GateError("no file matches code_release.artifacts (" + git_support::list_some(globs) +
                          ") in " + ctx.root().string(),
                      "did the build phase run and write them? check the globs in relctl.toml");
    }
    std::string sums;
    nlohmann::json details = nlohmann::json::object();
    for (const auto& f : files) {
      const std::string hex = core::sha256_file(ctx.root() / f);
      sums += hex + "  " + f + "\n";
      details[f] = hex;
    }
    file_ = std::make_unique<core::OutputFile>(ctx.root() / "SHA256SUMS");
    file_->write(sums);
    plan_->add_output(output(ctx, access_.get(ctx)));
    return core::Outcome::pass("wrote SHA256SUMS for " + std::to_string(files.size()) +
                                   " file(s): " + git_support::list_some(files),
                               nlohmann::json{{"sha256", details}}.dump());
  }

  void undo(core::Context& /*ctx*/) override {
    if (file_) file_->restore();
  }

 private:
  static std::vector<std::string> artifact_globs(const core::Context& ctx) {
    if (!ctx.config || !ctx.config->code_release) return {};
    return ctx.config->code_release->artifacts;
  }
  static std::string output(const core::Context& ctx, git::Repository& repo) {
    return git_support::worktree_relative(ctx, repo, (ctx.root() / "SHA256SUMS").string());
  }

  std::shared_ptr<release::ReleasePlan> plan_;
  git_support::RepoAccess access_;
  std::unique_ptr<core::OutputFile> file_;
};

}  // namespace

std::unique_ptr<core::Gate> make_artifacts_checksums(std::shared_ptr<release::ReleasePlan> plan) {
  return std::make_unique<ArtifactsChecksums>(std::move(plan));
}

}  // namespace relctl::gates
