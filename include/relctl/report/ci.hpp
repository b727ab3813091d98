#pragma once
// What a CI job reads back from a release run: the step outputs of GitHub
// Actions ($GITHUB_OUTPUT), GitLab's dotenv report, the preview a dry run
// adds to the step summary, and the `::error` annotation of an error that
// ended relctl before or outside a pipeline.

#include <string>
#include <string_view>

namespace relctl::report {

/// The outcome of a code or data release, as CI outputs.
struct CiOutputs {
  bool released = false;     // a real run that passed and created tags
  std::string version;       // "1.3.0" ("" for a data release or several packages)
  std::string tag;           // the (first) tag made, or that a dry run would make
  std::string previous_tag;  // the release it follows ("" if none is known)
  std::string changelog;     // the changelog section, Markdown
  std::string branch;        // the branch the release commit goes on
};

/// The lines appended to $GITHUB_OUTPUT: `released=`, `version=`, `tag=`,
/// `previous_tag=`, and `changelog<<DELIM` ... `DELIM` with a random
/// delimiter that the changelog does not contain. Values are masked.
std::string github_outputs_text(const CiOutputs& outputs);

/// A dotenv file for GitLab's `artifacts:reports:dotenv`: RELCTL_RELEASED,
/// RELCTL_VERSION, RELCTL_TAG, RELCTL_PREVIOUS_TAG, one line each (the
/// changelog is left out: dotenv values are single lines).
std::string dotenv_text(const CiOutputs& outputs);

/// The Markdown a dry run adds to the step summary: what a real run would
/// release (version, tags, branch, changelog section). Masked.
std::string summary_preview_markdown(const CiOutputs& outputs);

/// The `::error` line (with its newline) for an error that ended `command`:
/// message and hint, escaped for a workflow command and masked. A
/// configuration error is titled after relctl.toml, with file=, line= and
/// col= when its message starts with "FILE:LINE:COL: ".
std::string error_annotation(std::string_view command, std::string_view message,
                             std::string_view hint, bool config_error);

}  // namespace relctl::report
