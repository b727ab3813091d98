// changelog.write: inserts the release's section into its changelog (one
// per package in a monorepo), where the file's own format puts it. It runs
// after the verify phase (tests) so failing tests leave the file untouched,
// and before version.files so both land in the same commit.

#include <nlohmann/json.hpp>

#include "gates/changelog/format.hpp"
#include "gates/details.hpp"
#include "gates/git/support.hpp"
#include "gates/registered.hpp"
#include "relctl/core/diff.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/output_file.hpp"
#include "relctl/gates/changelog.hpp"

namespace relctl::gates {

namespace {

// One changelog edit of the release, computed without writing.
struct Change {
  const release::PackageRelease* package;
  std::filesystem::path path;
  bool exists = false;
  std::string before;     // the document now ("" when it does not exist)
  std::string content;    // the new document
  std::string committed;  // the path git.commit stages
  bool ignored = false;   // .gitignore ignores it: it is force-added
};

class ChangelogWrite final : public RegisteredGate {
 public:
  explicit ChangelogWrite(std::shared_ptr<release::ReleasePlan> plan)
      : RegisteredGate("changelog.write"), plan_(std::move(plan)) {}

  std::string plan(core::Context& ctx) override {
    if (!plan_->planned()) return "would write the changelog (no version: version.next failed)";
    std::vector<std::string> parts;
    const auto changes = compute(ctx);
    for (const auto& c : changes) {
      plan_->add_output(c.committed, /*force=*/true);
      parts.push_back(describe(c) + (c.exists ? "" : " (new file)") +
                      (c.ignored ? " (ignored by .gitignore: committed all the same)" : ""));
    }
    planned_ = details_of(changes, /*with_diff=*/true);
    if (parts.empty()) return "no changelog configured";
    return "would prepend " + git_support::list_some(parts);
  }

  core::Outcome run(core::Context& ctx) override {
    const auto changes = compute(ctx);
    if (changes.empty()) return core::Outcome::skip("no changelog configured");
    std::vector<std::string> parts;
    for (const auto& c : changes) {
      files_.push_back(std::make_unique<core::OutputFile>(c.path));
      files_.back()->write(c.content);
      // The configuration names the file: it is committed even if ignored,
      // in a dry run's plan and in the real run alike.
      plan_->add_output(c.committed, /*force=*/true);
      parts.push_back(describe(c));
    }
    return core::Outcome::pass("prepended " + git_support::list_some(parts),
                               details_of(changes, /*with_diff=*/false));
  }

  void undo(core::Context& /*ctx*/) override {
    for (auto it = files_.rbegin(); it != files_.rend(); ++it) (*it)->restore();
    files_.clear();
  }

 private:
  // Reads and checks every changelog before any is written: all or nothing.
  std::vector<Change> compute(core::Context& ctx) {
    git::Repository& repo = access_.get(ctx);
    const changelog::Format format = changelog::format_for(ctx, repo);
    std::vector<Change> out;
    for (const auto& p : plan_->packages) {
      if (p.changelog.empty()) continue;
      Change c{&p, p.changelog, false, "", "", "", false};
      if (c.path.is_relative()) c.path = ctx.root() / c.path;
      const auto current = core::read_file(c.path);
      c.exists = current.has_value();
      c.before = current.value_or("");
      if (changelog::has_section(current.value_or(""), p.version)) {
        throw GateError(c.path.string() + " already has a section for " + p.version,
                        "that version was released (or half-released) already: remove the "
                        "section if it was never tagged, or release a higher version");
      }
      const changelog::Insertion insertion{p.version, p.tag, p.previous_tag, format.links};
      c.content = changelog::insert_section(current.value_or(""), p.changelog_section, insertion);
      c.committed = git_support::worktree_relative(ctx, repo, c.path.string());
      c.ignored = repo.is_ignored(c.committed);
      out.push_back(std::move(c));
    }
    return out;
  }

  // One changelog: {"path", "section", "diff", "files": [{path, version}]};
  // several (packages): {"files": [{path, version, section, diff}]}. Each
  // text is there once: a release of many commits makes a section and a
  // diff of megabytes. Diffs only for a dry run.
  static std::string details_of(const std::vector<Change>& changes, bool with_diff) {
    const bool one = changes.size() == 1;
    nlohmann::json details = nlohmann::json::object();
    nlohmann::json files = nlohmann::json::array();
    for (const auto& c : changes) {
      nlohmann::json f = {{"path", c.package->changelog}, {"version", c.package->version}};
      nlohmann::json& texts = one ? details : f;
      if (one) texts["path"] = c.package->changelog;
      texts["section"] = c.package->changelog_section;
      if (with_diff) texts["diff"] = core::unified_diff(c.before, c.content, c.committed, c.exists);
      files.push_back(std::move(f));
    }
    details["files"] = std::move(files);
    return to_details(details);
  }

  // "the 1.3.0 section (2 entries) to CHANGELOG.md".
  static std::string describe(const Change& c) {
    const size_t n = changelog::count_entries(c.package->changelog_section);
    return "the " + c.package->label() + " section (" + std::to_string(n) +
           (n == 1 ? " entry" : " entries") + ") to " + c.package->changelog;
  }

  std::shared_ptr<release::ReleasePlan> plan_;
  git_support::RepoAccess access_;
  std::vector<std::unique_ptr<core::OutputFile>> files_;
};

}  // namespace

std::unique_ptr<core::Gate> make_changelog_write(std::shared_ptr<release::ReleasePlan> plan) {
  return std::make_unique<ChangelogWrite>(std::move(plan));
}

}  // namespace relctl::gates
