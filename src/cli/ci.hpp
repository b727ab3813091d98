#pragma once
// What code-release and data-release do for CI jobs: the branch a detached
// HEAD releases onto (--branch, or the CI's variables), the outputs written
// back for the job ($GITHUB_OUTPUT, --dotenv, the step summary's preview),
// and the annotation of an error that ends relctl outside a pipeline.

#include <string>
#include <string_view>

#include "app.hpp"
#include "relctl/release/plan.hpp"
#include "session.hpp"

namespace relctl::cli {

/// The flags every release command takes for CI.
struct CiArgs {
  std::string branch;  // --branch: the branch a detached HEAD releases onto
  std::string dotenv;  // --dotenv: GitLab's dotenv report
};

/// Adds --branch and --dotenv to `cmd`.
void add_ci_flags(CLI::App* cmd, CiArgs& args);

/// When HEAD is detached and a branch is known (--branch, else
/// GITHUB_HEAD_REF, GITHUB_REF_NAME, CI_COMMIT_REF_NAME), checks that HEAD is
/// that branch's tip (the local branch, else the remote's) and puts the run
/// on it: a dry run only in memory, a real run by creating the local branch
/// if needed and pointing HEAD at it. Throws UsageError when they disagree,
/// or when --branch names another branch than the one HEAD is on.
void attach_ci_branch(Session& session, const CiArgs& args);

/// The CI outputs of one release command: $GITHUB_OUTPUT, the --dotenv
/// file, and a dry run's preview in $GITHUB_STEP_SUMMARY. Create it before
/// anything can fail: a command that ends without finish() (an error, a
/// configuration error included) reports `released=false`.
class CiReport {
 public:
  explicit CiReport(const CiArgs& args);
  ~CiReport();
  CiReport(const CiReport&) = delete;
  CiReport& operator=(const CiReport&) = delete;
  /// The session's run finished: report what `plan` released (or would).
  void finish(const Session& session, const release::ReleasePlan& plan);
};

/// Under GitHub Actions: prints the `::error` annotation of an error that
/// ended `command` on stderr, and, for a release command that wrote no
/// outputs yet, `released=false` to $GITHUB_OUTPUT and the --dotenv file.
void report_error_to_ci(std::string_view command, std::string_view message, std::string_view hint,
                        bool config_error);

}  // namespace relctl::cli
