// data.report: the validation report (report.json + report.md) in a folder
// of its own under reports_dir, written after the manifest so that it can
// cite it, and committed with the release so reviewers read it in the pull
// request. Undo removes exactly the files and folders it created.

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "gates/data/json_text.hpp"
#include "gates/data/release_facts.hpp"
#include "gates/data/report_content.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/output_file.hpp"

namespace relctl::gates {

namespace fs = std::filesystem;

namespace {

class DataReport final : public DataGate {
 public:
  explicit DataReport(std::shared_ptr<DataRun> run) : DataGate("data.report", std::move(run)) {}

  std::string plan(core::Context& ctx) override {
    DataRun& d = data(ctx);
    const fs::path dir = folder(ctx, d);
    add_outputs(ctx, d, dir);
    return "would write " + (dir / "report.json").string() + " and report.md (" +
           std::to_string(d.findings.checks.size()) + " checks)";
  }

  core::Outcome run(core::Context& ctx) override {
    DataRun& d = data(ctx);
    if (!d.manifest) {
      throw GateError("no manifest to report on: data.manifest did not run",
                      "data.report needs data.manifest; do not skip it");
    }
    dir_ = folder(ctx, d);
    data::ReportInput in;
    in.run_id = ctx.run_id;
    in.created_at = d.manifest->created_at;
    in.tag = d.tag();
    in.snapshot_path = d.manifest->snapshot_path;
    in.manifest = &*d.manifest;
    in.previous = &d.previous(ctx);
    in.findings = &d.findings;
    for (const auto& s : ctx.options.skips) in.skipped[s.gate] = s.reason;
    in.tables = d.scan().tables();

    for (const auto& [name, text] : {std::pair{"report.json", data::report_json(in)},
                                     std::pair{"report.md", data::report_markdown(in)}}) {
      files_.push_back(std::make_unique<core::OutputFile>(dir_ / name));
      files_.back()->write(ctx.redactor.mask(text));
    }
    add_outputs(ctx, d, dir_);
    const std::string where = d.in_worktree(ctx, (dir_ / "report.md").string());
    const release::ReleasePlan& plan = d.plan();
    if (!d.joint() && plan.shape.opens_review()) {
      // What the reviewers of the pull request should read, and how it ends.
      ctx.reporter.note("Review: the pull request from " + plan.branch + " carries " + where +
                        " (row counts, schema, duplicates, referential integrity, every check) "
                        "and " +
                        d.in_worktree(ctx, d.config().manifest) + ". After the merge, on " +
                        (ctx.config ? ctx.config->project.main_branch : std::string("main")) +
                        ": relctl data-release --finalize" +
                        (d.request().date_given ? " --date " + d.request().date : std::string()));
    } else {
      ctx.reporter.note("Validation report: " + where);
    }
    nlohmann::json details = {{"folder", dir_.string()}};
    return record(
        core::Outcome::pass("wrote " + d.in_worktree(ctx, dir_.string()) + "/report.{json,md}",
                            data::compact_json(details)));
  }

  void undo(core::Context& /*ctx*/) override {
    // Newest first: the first file's undo also removes the folders it created.
    for (auto it = files_.rbegin(); it != files_.rend(); ++it) (*it)->restore();
    files_.clear();
  }

 private:
  // One folder per run: <reports_dir>/<tag>-<run id>.
  static fs::path folder(core::Context& ctx, DataRun& d) {
    return d.reports_root() / (d.tag() + "-" + ctx.run_id);
  }

  static void add_outputs(core::Context& ctx, DataRun& d, const fs::path& dir) {
    for (const char* name : {"report.json", "report.md"}) {
      d.plan().add_output(d.in_worktree(ctx, (dir / name).string()), /*force=*/true);
    }
  }

  fs::path dir_;
  std::vector<std::unique_ptr<core::OutputFile>> files_;
};

}  // namespace

std::unique_ptr<core::Gate> make_data_report(std::shared_ptr<DataRun> run) {
  return std::make_unique<DataReport>(std::move(run));
}

}  // namespace relctl::gates
