#include "gates/data/data_run.hpp"

#include <algorithm>

#include "relctl/config/loader.hpp"
#include "relctl/core/error.hpp"
#include "relctl/git/ref_name.hpp"

namespace relctl::gates {

namespace fs = std::filesystem;

namespace {

fs::path under(const fs::path& root, const std::string& path) {
  fs::path p(path);
  return p.is_relative() ? root / p : p;
}

}  // namespace

DataRun::DataRun(const core::Context& ctx, DataRequest request,
                 std::shared_ptr<release::ReleasePlan> plan)
    : request_(std::move(request)), plan_(std::move(plan)), progress_(ctx.progress) {
  if (!ctx.config || !ctx.config->data_release) {
    throw ConfigError(
        "no [data_release] section in " +
            (ctx.config ? ctx.config->file.string() : std::string("relctl.toml")),
        "add [data_release] with snapshot = \"path/to/data.sqlite\" (`man relctl`, CONFIGURATION)");
  }
  config_ = *ctx.config->data_release;
  root_ = ctx.root();
  if (request_.date.empty()) {
    const auto it = ctx.vars.find("date");
    request_.date = it != ctx.vars.end() ? it->second : core::utc_date(ctx.clock.now());
  }
  set_date(request_.date);
  snapshot_file_ = under(root_, config_.snapshot);
  manifest_file_ = under(root_, config_.manifest);
}

void DataRun::set_date(const std::string& date) {
  const std::string old_tag = tag_, old_branch = branch_;
  request_.date = date;
  std::map<std::string, std::string> vars{{"date", date}};
  tag_ = config::render(config_.tag, vars);
  vars["tag"] = tag_;
  branch_ = config::render(config_.branch, vars);
  git::check_ref_name("tag", tag_, "[data_release] tag");
  git::check_ref_name("branch", branch_, "[data_release] branch");
  for (auto& t : plan_->tags) {
    if (!old_tag.empty() && t.name == old_tag) t.name = tag_;
  }
  if (!old_branch.empty() && plan_->new_branch == old_branch) plan_->new_branch = branch_;
  tag_plan_->tags = {{tag_, "", taken_hint()}};
  if (!old_branch.empty() && plan_->branch == old_branch) plan_->branch = branch_;
  previous_.reset();
}

std::string DataRun::taken_hint() const {
  if (joint()) {
    return "there is a data release for " + request_.date +
           " already; release the code alone with --no-data, or release it tomorrow";
  }
  return "one data release per day: pass --date YYYYMMDD to release under another date (if " +
         tag_ + " was never pushed, you may delete it: git tag -d " + tag_ + ")";
}

fs::path DataRun::reports_root() const {
  return under(root_, config_.reports_dir);
}

std::string DataRun::tag_glob() const {
  return config::render(config_.tag, {{"date", "*"}});
}

sqlite::SnapshotScan& DataRun::scan() {
  if (!scan_) {
    scan_ = std::make_unique<sqlite::SnapshotScan>(snapshot_file_, config_.integrity == "quick",
                                                   progress_);
  }
  return *scan_;
}

std::string DataRun::in_worktree(core::Context& ctx, const std::string& path) {
  return git_support::worktree_relative(ctx, repo(ctx), path);
}

const data::Previous& DataRun::previous(core::Context& ctx) {
  if (previous_) return *previous_;
  git::Repository& r = repo(ctx);
  // Every tag the template can make (data-{date} -> data-*); dates sort as text.
  std::vector<git::Tag> candidates;
  for (auto& t : r.tags(tag_glob())) {
    if (t.name < tag_) candidates.push_back(std::move(t));  // older releases only
  }
  data::Previous prev;
  if (!candidates.empty()) {
    const auto newest =
        std::max_element(candidates.begin(), candidates.end(),
                         [](const auto& a, const auto& b) { return a.name < b.name; });
    prev.tag = newest->name;
    prev.commit = newest->commit;
    const std::string path = in_worktree(ctx, config_.manifest);
    if (const auto text = r.read_file_at(newest->commit, path)) {
      try {
        prev.manifest = data::Manifest::parse(*text, path + " at " + prev.tag);
      } catch (const Error& e) {
        prev.problem = e.what();
      }
    } else {
      prev.problem = prev.tag + " has no " + path;
    }
  }
  previous_ = std::move(prev);
  return *previous_;
}

DataRun& DataGate::data(core::Context& ctx) {
  if (!run_) {
    // Alone (relctl check): a data release of its own, shaped by its config.
    auto plan = std::make_shared<release::ReleasePlan>();
    plan->shape.kind = release::Kind::data;
    if (ctx.config && ctx.config->data_release) plan->shape.mode = ctx.config->data_release->mode;
    run_ = make_data_run(ctx, DataRequest{}, std::move(plan));
  }
  return *run_;
}

core::Outcome DataGate::record(core::Outcome outcome) {
  if (run_) {
    run_->findings.gates[id()] = {std::string(core::to_string(outcome.status)), outcome.message};
  }
  return outcome;
}

std::string DataGate::unreadable_snapshot(core::Context& ctx) {
  if (data(ctx).snapshot_pending(ctx)) {
    return "dry run: data.export builds the snapshot in a real run, and it is checked then";
  }
  const std::string error = data(ctx).scan().open_error();
  return error.empty() ? "" : "cannot read the snapshot (" + error + ")";
}

std::optional<core::Outcome> DataGate::nothing_to_compare(core::Context& ctx,
                                                          const std::string& what) {
  DataRun& d = data(ctx);
  const auto& prev = d.previous(ctx);
  if (prev.first()) {
    return record(core::Outcome::skip("first data release: no earlier " + d.tag_glob() +
                                      " tag to compare " + what + " with"));
  }
  if (!prev.manifest)
    return record(core::Outcome::warn("nothing to compare with: " + prev.problem));
  if (auto why = unreadable_snapshot(ctx); !why.empty()) return record(core::Outcome::skip(why));
  return std::nullopt;
}

void plan_data_release(DataRun& run, release::ReleasePlan& plan) {
  plan.tags = {{run.tag(), "", run.taken_hint()}};  // the message comes with the manifest
  // The release branch is pushed for review; the tag waits for --finalize.
  if (plan.shape.opens_review()) plan.branch = plan.new_branch = run.branch();
}

std::shared_ptr<release::ReleasePlan> data_tag_plan(const DataRun& run) {
  return run.tag_plan();
}

bool exports_snapshot(const DataRun& run) {
  return run.request().export_;
}

std::string data_branch(const DataRun& run) {
  return run.branch();
}

std::shared_ptr<DataRun> make_data_run(const core::Context& ctx, DataRequest request,
                                       std::shared_ptr<release::ReleasePlan> plan) {
  return std::make_shared<DataRun>(ctx, std::move(request), std::move(plan));
}

}  // namespace relctl::gates
