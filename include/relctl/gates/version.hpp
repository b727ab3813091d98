#pragma once
// The version gates of a code release (SPEC §3): version.next, which plans
// the release, and version.files, which writes its version into the
// project's files. Factories only; classes live in src/gates/version/.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "relctl/core/context.hpp"
#include "relctl/core/gate.hpp"
#include "relctl/release/plan.hpp"

namespace relctl::git {
class Repository;
}

namespace relctl::gates {

/// version.next: the next version from the conventional commits since the
/// last release tag (or the request), refusing one that exists or goes
/// backwards; fills the plan (tags, branch, changelog section, messages).
/// When the release finalizes, it verifies the merged commit instead.
std::unique_ptr<core::Gate> make_version_next(std::shared_ptr<release::ReleasePlan> plan = nullptr);

/// version.files: rewrites the version in each code_release.version_files entry.
std::unique_ptr<core::Gate> make_version_files(std::shared_ptr<release::ReleasePlan> plan);

/// Throws UsageError naming the problem when `id` cannot be `--pre ID`:
/// SemVer 2.0 identifiers ([0-9A-Za-z-], dot-separated, none empty, numbers
/// without leading zeros).
void check_prerelease_id(const std::string& id);

/// The release a version line (the project, or the [[packages]] entry
/// `package` names) stands at: its highest release tag reachable from HEAD.
struct CurrentRelease {
  std::string version;  // "1.2.0"
  std::string tag;      // "code-v1.2.0"
};

/// The current release of the project (`package` empty) or of one package;
/// nullopt before the first release. Throws UsageError when the config has
/// [[packages]] and `package` names none of them.
std::optional<CurrentRelease> current_release(core::Context& ctx, git::Repository& repo,
                                              const std::string& package);

/// Plans the next release exactly as version.next does, writing nothing:
/// fills `plan` (version, tags, changelog sections). Throws GateError when
/// there is nothing to release or no valid version.
void plan_next_release(core::Context& ctx, git::Repository& repo, release::ReleasePlan& plan);

/// The changelog section of the release tagged `tag` (of the project or of
/// any package): from its changelog in the work tree, or, when the work
/// tree's lacks it, from the changelog in the tag's own tree. Throws
/// UsageError for a tag that is no release tag here, GateError when neither
/// changelog has the section.
std::string released_section(core::Context& ctx, git::Repository& repo, const std::string& tag);

/// The tag template an existing release history follows.
struct TagTemplateGuess {
  std::string tmpl;    // "v{version}", "{version}", "{name}@{version}", "{name}-v{version}", ...
  size_t matches = 0;  // how many tags it matches
  std::string newest;  // the tag of the highest version it matches
};

/// The template most of `tags` follow (a project name other than
/// `project_name` is written literally: "vite@{version}"), or nullopt when
/// no tag looks like a release.
std::optional<TagTemplateGuess> guess_tag_template(const std::vector<std::string>& tags,
                                                   const std::string& project_name);

}  // namespace relctl::gates
