// changelog.write: prepends the release's section to the changelog. It runs
// after the verify phase (tests) so failing tests leave the file untouched,
// and before version.files so both land in the same commit.

#include <nlohmann/json.hpp>

#include "gates/changelog/section.hpp"
#include "gates/git/support.hpp"
#include "gates/registered.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/output_file.hpp"
#include "relctl/gates/changelog.hpp"

namespace relctl::gates {

namespace {

class ChangelogWrite final : public RegisteredGate {
 public:
  explicit ChangelogWrite(std::shared_ptr<release::ReleasePlan> plan)
      : RegisteredGate("changelog.write"), plan_(std::move(plan)) {}

  std::string plan(core::Context& ctx) override {
    if (!plan_->planned()) return "would write the changelog (no version: version.next failed)";
    core::OutputFile file(path(ctx));
    const auto current = file.read();
    refuse_existing(current.value_or(""), file);
    plan_->add_output(git_support::worktree_relative(ctx, access_.get(ctx), file.path().string()));
    return "would prepend the " + plan_->version + " section (" + entries() + ") to " +
           display(ctx) + (current ? "" : " (new file)");
  }

  core::Outcome run(core::Context& ctx) override {
    file_ = std::make_unique<core::OutputFile>(path(ctx));
    const std::string current = file_->read().value_or("");
    refuse_existing(current, *file_);
    file_->write(changelog::prepend_section(current, plan_->changelog_section));
    plan_->add_output(
        git_support::worktree_relative(ctx, access_.get(ctx), file_->path().string()));
    nlohmann::json details = {{"path", display(ctx)}, {"section", plan_->changelog_section}};
    return core::Outcome::pass(
        "prepended the " + plan_->version + " section (" + entries() + ") to " + display(ctx),
        details.dump());
  }

  void undo(core::Context& /*ctx*/) override {
    if (file_) file_->restore();
  }

 private:
  std::filesystem::path path(const core::Context& ctx) const {
    std::filesystem::path p(settings(ctx).changelog);
    return p.is_relative() ? ctx.root() / p : p;
  }
  std::string display(const core::Context& ctx) const { return settings(ctx).changelog; }
  static config::CodeRelease settings(const core::Context& ctx) {
    return ctx.config && ctx.config->code_release ? *ctx.config->code_release
                                                  : config::CodeRelease{};
  }
  void refuse_existing(const std::string& current, const core::OutputFile& file) const {
    if (changelog::has_section(current, plan_->version)) {
      throw GateError(file.path().string() + " already has a section for " + plan_->version,
                      "that version was released (or half-released) already: remove the section "
                      "if it was never tagged, or release a higher version");
    }
  }
  std::string entries() const {
    size_t items = 0;
    for (size_t i = 0; i + 1 < plan_->changelog_section.size(); ++i) {
      if (plan_->changelog_section[i] == '\n' && plan_->changelog_section[i + 1] == '-') ++items;
    }
    return std::to_string(items) + (items == 1 ? " entry" : " entries");
  }

  std::shared_ptr<release::ReleasePlan> plan_;
  git_support::RepoAccess access_;
  std::unique_ptr<core::OutputFile> file_;
};

}  // namespace

std::unique_ptr<core::Gate> make_changelog_write(std::shared_ptr<release::ReleasePlan> plan) {
  return std::make_unique<ChangelogWrite>(std::move(plan));
}

}  // namespace relctl::gates
