// version.files: writes the new version into each code_release.version_files
// entry (each package's own in a monorepo). Every pattern must match exactly
// once, so a typo never silently leaves a file at the old version.

#include <nlohmann/json.hpp>

#include "gates/details.hpp"
#include "gates/git/support.hpp"
#include "gates/registered.hpp"
#include "gates/version/pattern.hpp"
#include "relctl/core/diff.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/output_file.hpp"
#include "relctl/gates/version.hpp"

namespace relctl::gates {

namespace {

struct Change {
  config::VersionFile file;
  std::filesystem::path path;
  std::string old_version;
  std::string new_version;
  std::string before;   // the file now
  std::string content;  // with the new version
};

class VersionFiles final : public RegisteredGate {
 public:
  explicit VersionFiles(std::shared_ptr<release::ReleasePlan> plan)
      : RegisteredGate("version.files"), plan_(std::move(plan)) {}

  std::string plan(core::Context& ctx) override {
    if (!plan_->planned())
      return "would set the version in files (no version: version.next failed)";
    const auto changes = compute(ctx, access_.get(ctx).workdir());
    if (changes.empty()) return "no version files configured";
    std::vector<std::string> parts;
    nlohmann::json files = nlohmann::json::array();
    std::string diff;
    for (const auto& c : changes) {
      parts.push_back(c.new_version + " in " + c.file.path + " (was " + c.old_version + ")");
      const auto path = git_support::worktree_relative(ctx, access_.get(ctx), c.path.string());
      plan_->add_output(path, /*force=*/true);
      files.push_back({{"path", c.file.path},
                       {"from", c.old_version},
                       {"to", c.new_version},
                       {"diff", core::unified_diff(c.before, c.content, path)}});
      diff += files.back()["diff"].get<std::string>();
    }
    planned_ = to_details(nlohmann::json{{"files", files}, {"diff", diff}});
    return "would set " + git_support::list_some(parts);
  }

  core::Outcome run(core::Context& ctx) override {
    const auto changes = compute(ctx, access_.get(ctx).workdir());
    if (changes.empty()) return core::Outcome::skip("no code_release.version_files configured");
    nlohmann::json files = nlohmann::json::array();
    std::vector<std::string> parts;
    for (const auto& c : changes) {
      files_.push_back(std::make_unique<core::OutputFile>(c.path));
      files_.back()->write(c.content);
      // Named in relctl.toml: committed even if .gitignore ignores it.
      plan_->add_output(git_support::worktree_relative(ctx, access_.get(ctx), c.path.string()),
                        /*force=*/true);
      files.push_back({{"path", c.file.path}, {"from", c.old_version}, {"to", c.new_version}});
      parts.push_back(c.new_version + " in " + c.file.path);
    }
    return core::Outcome::pass("set " + git_support::list_some(parts),
                               to_details(nlohmann::json{{"files", files}}));
  }

  void undo(core::Context& /*ctx*/) override {
    for (auto it = files_.rbegin(); it != files_.rend(); ++it) (*it)->restore();
    files_.clear();
  }

 private:
  // Reads and checks every file before any is written: all or nothing.
  std::vector<Change> compute(const core::Context& ctx,
                              const std::filesystem::path& worktree) const {
    std::vector<Change> out;
    for (const auto& package : plan_->packages) {
      for (const auto& vf : package.version_files) {
        out.push_back(compute(checked_path(ctx, worktree, vf), vf, package.version));
      }
    }
    return out;
  }

  // A version file is a regular file of the work tree, outside .git: the
  // release commits it, so the dry run refuses what the commit could not take.
  static std::filesystem::path checked_path(const core::Context& ctx,
                                            const std::filesystem::path& worktree,
                                            const config::VersionFile& vf) {
    namespace fs = std::filesystem;
    fs::path p(vf.path);
    if (p.is_relative()) p = ctx.root() / p;
    std::error_code ec;
    const fs::path top = fs::weakly_canonical(worktree.empty() ? ctx.root() : worktree, ec);
    const fs::path rel = fs::weakly_canonical(p, ec).lexically_relative(top);
    const std::string hint = "name a file of the work tree " + top.string() + " in relctl.toml";
    if (rel.empty() || *rel.begin() == "..") {
      throw GateError(vf.path + " (version_files) is outside the work tree", hint);
    }
    if (*rel.begin() == ".git") {
      throw GateError(vf.path + " (version_files) is inside .git, which a release never edits",
                      hint);
    }
    const auto status = fs::symlink_status(p, ec);
    if (fs::exists(status) && !fs::is_regular_file(status)) {
      throw GateError(vf.path +
                          " (version_files) is not a regular file (a folder, a link or "
                          "a device)",
                      "point it at the file itself");
    }
    return p;
  }

  static Change compute(const std::filesystem::path& p, const config::VersionFile& vf,
                        const std::string& version) {
    const auto text = core::OutputFile(p).read();
    if (!text) {
      throw GateError(vf.path + " (version_files) does not exist",
                      "fix the path in relctl.toml or create the file");
    }
    const auto found = version::find_versions(*text, vf.pattern);
    if (found.size() != 1) {
      throw GateError(vf.path + ": pattern '" + vf.pattern + "' matches " +
                          std::to_string(found.size()) + " times (it must match exactly once)",
                      found.empty() ? "check the pattern against the file's version line"
                                    : "make the pattern longer so it matches only the "
                                      "project's own version");
    }
    return {vf,      p,     found.front().version,
            version, *text, version::replace_version(*text, found.front(), version)};
  }

  std::shared_ptr<release::ReleasePlan> plan_;
  git_support::RepoAccess access_;
  std::vector<std::unique_ptr<core::OutputFile>> files_;
};

}  // namespace

std::unique_ptr<core::Gate> make_version_files(std::shared_ptr<release::ReleasePlan> plan) {
  return std::make_unique<VersionFiles>(std::move(plan));
}

}  // namespace relctl::gates
