// data.manifest: writes manifest.json next to the snapshot once every check
// has passed, so that a manifest always describes a snapshot that was
// checked. It also hands the manifest's facts to the git gates (commit and
// tag messages, the files to commit). Undo puts back the manifest of the
// previous release (or removes a new file).

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "gates/data/json_text.hpp"
#include "gates/data/release_facts.hpp"
#include "relctl/config/loader.hpp"
#include "relctl/core/diff.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/output_file.hpp"

namespace relctl::gates {

namespace fs = std::filesystem;

namespace {

class DataManifest final : public DataGate {
 public:
  explicit DataManifest(std::shared_ptr<DataRun> run) : DataGate("data.manifest", std::move(run)) {}

  std::string plan(core::Context& ctx) override {
    DataRun& d = data(ctx);
    if (d.snapshot_pending(ctx)) {
      add_outputs(ctx, d);
      if (!d.joint()) {
        // The manifest's facts come with the export: name them in the message.
        auto vars = data::Manifest{}.placeholders();
        for (auto& [key, value] : vars) value = "<" + key + ">";
        vars["date"] = d.request().date;
        vars["tag"] = d.tag();
        vars["branch"] = d.branch();
        d.plan().commit_message = config::render(d.config().commit_message, vars);
      }
      return "would write " + d.manifest_file().string() + " for the snapshot data.export builds";
    }
    if (auto why = unreadable_snapshot(ctx); !why.empty()) {
      throw GateError("cannot build the manifest: " + why, "fix the snapshot first (see above)");
    }
    const auto m = prepare(ctx, d);
    const std::string content = m.to_json();
    const auto now = core::read_file(d.manifest_file());
    planned_ = data::compact_json(nlohmann::json{
        {"path", d.manifest_file().string()},
        {"content", content},
        {"diff", core::unified_diff(now.value_or(""), content,
                                    d.in_worktree(ctx, d.config().manifest), now.has_value())}});
    return fmt::format("would write {} ({}, snapshot sha256 {}...)", d.manifest_file().string(),
                       counts(m), m.snapshot_sha256.substr(0, 12));
  }

  core::Outcome run(core::Context& ctx) override {
    DataRun& d = data(ctx);
    const auto m = prepare(ctx, d);
    const fs::path file = d.manifest_file();
    file_ = std::make_unique<core::OutputFile>(file);
    file_->write(m.to_json());
    nlohmann::json details = {
        {"path", file.string()}, {"sha256", m.snapshot_sha256}, {"table_count", m.tables.size()}};
    return record(core::Outcome::pass(
        fmt::format("wrote {}: {}, sha256 {}...", d.in_worktree(ctx, d.config().manifest),
                    counts(m), m.snapshot_sha256.substr(0, 12)),
        data::compact_json(details)));
  }

  void undo(core::Context& /*ctx*/) override {
    if (file_) file_->restore();  // the previous release's manifest, or no file
    file_.reset();
  }

 private:
  // The manifest, and everything the later gates need from it.
  static data::Manifest prepare(core::Context& ctx, DataRun& d) {
    data::Manifest m = data::build_manifest(ctx, d);
    d.manifest = m;
    data::apply_manifest(ctx, d, m);
    add_outputs(ctx, d);
    return m;
  }

  // The snapshot and manifest join the release commit; the data tag joins the release.
  static void add_outputs(core::Context& ctx, DataRun& d) {
    release::ReleasePlan& plan = d.plan();
    git::Repository& repo = d.repo(ctx);
    plan.add_output(d.in_worktree(ctx, d.config().snapshot), /*force=*/true);
    plan.add_output(d.in_worktree(ctx, d.config().manifest), /*force=*/true);
    if (plan.branch.empty()) plan.branch = repo.current_branch().value_or("");
    if (!plan.new_branch.empty() && plan.new_branch_from.empty()) {
      plan.new_branch_from = repo.head_id();
    }
    if (!d.joint() && plan.shape.tags_now()) {
      ctx.release.tags = {d.tag()};
    } else if (d.joint() && plan.shape.tags_now()) {
      if (std::find(ctx.release.tags.begin(), ctx.release.tags.end(), d.tag()) ==
          ctx.release.tags.end()) {
        ctx.release.tags.push_back(d.tag());
      }
    }
    if (ctx.release.branch.empty()) ctx.release.branch = plan.branch;
  }

  // "3 tables, 250 rows"; "1 table, 1 row".
  static std::string counts(const data::Manifest& m) {
    std::int64_t rows = 0;
    for (const auto& [name, t] : m.tables) rows += t.rows;
    return fmt::format("{} table{}, {} row{}", m.tables.size(), m.tables.size() == 1 ? "" : "s",
                       rows, rows == 1 ? "" : "s");
  }

  std::unique_ptr<core::OutputFile> file_;
};

}  // namespace

std::unique_ptr<core::Gate> make_data_manifest(std::shared_ptr<DataRun> run) {
  return std::make_unique<DataManifest>(std::move(run));
}

}  // namespace relctl::gates
