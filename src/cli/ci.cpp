#include "ci.hpp"

#include <cstdio>
#include <cstdlib>

#include "relctl/core/error.hpp"
#include "relctl/git/repository.hpp"
#include "relctl/report/ci.hpp"
#include "relctl/report/output.hpp"

namespace relctl::cli {

namespace {

// What this process reports to CI: set by the release command that runs.
struct Pending {
  bool release_command = false;  // a CiReport exists (code-release, data-release)
  bool written = false;          // the outputs are written
  std::string dotenv;            // --dotenv
};
Pending pending;

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

void append(const std::string& path, const std::string& text) {
  if (path.empty()) return;
  if (std::FILE* f = std::fopen(path.c_str(), "a")) {
    std::fwrite(text.data(), 1, text.size(), f);
    std::fclose(f);
  } else {
    report::print_text(stderr, "relctl: warning: cannot write " + path + "\n");
  }
}

void write_outputs(const report::CiOutputs& outputs) {
  pending.written = true;
  append(env("GITHUB_OUTPUT"), report::github_outputs_text(outputs));
  if (!pending.dotenv.empty()) {
    // A new report each run: GitLab reads the whole file.
    if (std::FILE* f = std::fopen(pending.dotenv.c_str(), "w")) std::fclose(f);
    append(pending.dotenv, report::dotenv_text(outputs));
  }
}

// The branch a detached HEAD stands for, and where that name came from.
std::pair<std::string, std::string> known_branch(const CiArgs& args) {
  if (!args.branch.empty()) return {args.branch, "--branch"};
  for (const char* var : {"GITHUB_HEAD_REF", "GITHUB_REF_NAME", "CI_COMMIT_REF_NAME"}) {
    if (!env(var).empty()) return {env(var), var};
  }
  return {};
}

}  // namespace

void add_ci_flags(CLI::App* cmd, CiArgs& args) {
  cmd->add_option("--branch", args.branch,
                  "on a detached HEAD (CI checkouts): the branch to release onto; HEAD must be "
                  "its tip")
      ->type_name("NAME");
  cmd->add_option("--dotenv", args.dotenv,
                  "write RELCTL_RELEASED, RELCTL_VERSION, RELCTL_TAG, RELCTL_PREVIOUS_TAG to "
                  "FILE (GitLab's dotenv report)")
      ->type_name("FILE");
}

void attach_ci_branch(Session& session, const CiArgs& args) {
  git::Repository* repo = session.repository();
  if (!repo || repo->is_bare() || repo->head_unborn()) return;  // git.repo says so
  if (!repo->head_detached()) {
    const std::string on = repo->current_branch().value_or("");
    if (!args.branch.empty() && args.branch != on) {
      throw UsageError("--branch " + args.branch + ", but HEAD is on " + on,
                       "switch to " + args.branch + " first, or drop --branch");
    }
    return;
  }
  const auto [branch, source] = known_branch(args);
  if (branch.empty()) return;  // git.repo refuses the detached HEAD, with a hint
  const config::Config* cfg = session.config();
  const std::string remote = cfg && !cfg->project.remote.empty() ? cfg->project.remote : "origin";
  const std::string head = repo->head_id();
  const auto local = repo->ref_commit("refs/heads/" + branch);
  const auto tip = local ? local : repo->ref_commit("refs/remotes/" + remote + "/" + branch);
  const std::string named = branch + " (from " + source + ")";
  if (!tip) {
    throw UsageError("HEAD is detached and " + named + " is no branch here nor on " + remote,
                     "fetch it (git fetch " + remote + " " + branch +
                         "), or pass --branch with the branch HEAD is the tip of");
  }
  if (*tip != head) {
    throw UsageError("HEAD is at " + git::short_id(head) + ", not the tip of " + named + " at " +
                         git::short_id(*tip) + ": a release goes onto a branch only from its tip",
                     "check out the branch's head commit (on pull requests: actions/checkout "
                     "with ref: the pull request's head sha), or pass --branch with the branch "
                     "HEAD is the tip of");
  }
  if (session.context().dry_run()) {
    repo->assume_branch(branch);  // a dry run changes no ref, HEAD included
    return;
  }
  if (!local) repo->create_branch(branch, head);
  repo->attach_head(branch);
}

CiReport::CiReport(const CiArgs& args) {
  pending.release_command = true;
  pending.dotenv = args.dotenv;
}

CiReport::~CiReport() {
  if (!pending.written) write_outputs({});
}

void CiReport::finish(const Session& session, const release::ReleasePlan& plan) {
  const core::RunResult& run = session.result();
  report::CiOutputs o;
  // Released: the run made tags (mode pr makes them with --finalize, not before).
  o.released = run.status == core::RunStatus::passed && !run.dry_run && !run.release.tags.empty();
  o.version = plan.version;
  if (!run.release.tags.empty()) {
    o.tag = run.release.tags.front();
  } else if (!plan.tags.empty()) {
    o.tag = plan.tags.front().name;
  }
  if (plan.packages.size() == 1) o.previous_tag = plan.packages.front().previous_tag;
  o.changelog = plan.changelog_text();
  o.branch = plan.branch;
  write_outputs(o);
  const std::string summary = env("GITHUB_STEP_SUMMARY");
  if (run.dry_run && report::github_actions() && !summary.empty() && plan.planned()) {
    append(summary, report::summary_preview_markdown(o));
  }
}

void report_error_to_ci(std::string_view command, std::string_view message, std::string_view hint,
                        bool config_error) {
  if (!report::github_actions()) return;
  const std::string line = report::error_annotation(command, message, hint, config_error);
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
  if (pending.release_command && !pending.written) write_outputs({});
}

}  // namespace relctl::cli
