// relctl data-release [--date YYYYMMDD] [--finalize] [--export] [--no-push] [--force]
// Wires the flags to the data-release pipeline (src/pipelines/data_release.cpp);
// docs/data-release.md explains every gate.

#include <algorithm>
#include <cctype>
#include <chrono>

#include "app.hpp"
#include "ci.hpp"
#include "preview.hpp"
#include "relctl/core/error.hpp"
#include "relctl/gates/data.hpp"
#include "relctl/pipelines/pipelines.hpp"
#include "relctl/release/shape.hpp"
#include "session.hpp"

namespace relctl::cli {

namespace {

struct Args {
  std::string date;
  bool finalize = false;
  bool export_ = false;
  bool no_push = false;
  bool force = false;
  bool comment = false;
  CiArgs ci;
};

// YYYYMMDD of a day that exists: 20260230 is refused as the tag's date would be.
void validate_date(const Args& a) {
  if (a.date.empty()) return;
  const bool digits = a.date.size() == 8 && std::all_of(a.date.begin(), a.date.end(), [](char c) {
                        return std::isdigit(static_cast<unsigned char>(c)) != 0;
                      });
  if (!digits) {
    throw UsageError("--date " + a.date + " is not a date written YYYYMMDD",
                     "write it like --date 20261122");
  }
  const std::chrono::year_month_day day{
      std::chrono::year{std::stoi(a.date.substr(0, 4))},
      std::chrono::month{static_cast<unsigned>(std::stoi(a.date.substr(4, 2)))},
      std::chrono::day{static_cast<unsigned>(std::stoi(a.date.substr(6, 2)))}};
  if (!day.ok()) {
    throw UsageError("--date " + a.date + " is not a day of the calendar",
                     "write an existing date YYYYMMDD, like --date 20261122");
  }
}

// The flags against each other and [data_release.export]; the shape has
// checked [data_release] and its mode.
void validate(const Args& a, const config::Config& cfg) {
  if (a.export_ && !cfg.data_release->export_) {
    throw ConfigError("--export needs a [data_release.export] section in " + cfg.file.string(),
                      "add it with database = \"NAME\" and schema = \"SCHEMA\" "
                      "(`man relctl`, CONFIGURATION)");
  }
  if (a.export_ && a.finalize) {
    throw UsageError("--export builds a new snapshot; --finalize tags the one that was reviewed",
                     "drop --export");
  }
  if (a.finalize && a.force) {
    throw UsageError("--force applies to a new data release, not to --finalize",
                     "--finalize tags the release that was reviewed; drop --force");
  }
}

}  // namespace

void add_data_release_command(CLI::App& app, Globals& g, Handlers& h) {
  auto args = std::make_shared<Args>();
  auto* cmd =
      app.add_subcommand("data-release", "validate, package and tag a SQLite data snapshot");
  cmd->add_option("--date", args->date, "release under this UTC date instead of today")
      ->type_name("YYYYMMDD");
  cmd->add_flag("--finalize", args->finalize,
                "mode pr: after the merge, tag the merged release on main and push the tag");
  cmd->add_flag("--export", args->export_,
                "build the snapshot from Postgres first ([data_release.export])");
  cmd->add_flag("--no-push", args->no_push, "do everything locally; push nothing");
  cmd->add_flag("--require-changes", g.options.require_changes,
                "nothing to release fails the run (exit 1) instead of ending it (exit 0)");
  cmd->add_flag("--force", args->force, "release a snapshot identical to the previous release's");
  cmd->add_flag("--comment", args->comment,
                "with --dry-run: post the preview on the pull request ([forge])");
  add_ci_flags(cmd, args->ci);

  h["data-release"] = [&g, args]() -> int {
    CiReport ci(args->ci);
    Session session(g, "data-release", /*config_required=*/true);
    const config::Config& cfg = *session.config();
    validate_date(*args);
    auto plan = std::make_shared<release::ReleasePlan>();
    plan->shape = release::data_release_shape(cfg, {args->finalize, args->no_push});
    validate(*args, cfg);
    attach_ci_branch(session, args->ci);

    auto& ctx = session.context();
    if (!args->date.empty()) ctx.vars["date"] = args->date;
    gates::DataRequest request;
    request.date = ctx.vars["date"];
    request.date_given = !args->date.empty();
    request.force = args->force;
    // [data_release.export] exports on every release; --export insists on it.
    request.export_ = !args->finalize && (args->export_ || cfg.data_release->export_.has_value());
    auto run = gates::make_data_run(ctx, request, plan);
    gates::plan_data_release(*run, *plan);
    ctx.release.branch = plan->branch;
    PreviewComment preview(session, args->comment);
    auto pipeline = pipelines::data_release(cfg, plan, run);
    const int code = session.execute(pipeline);
    ci.finish(session, *plan);
    preview.post(*plan);
    return code;
  };
}

}  // namespace relctl::cli
