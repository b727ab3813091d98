#pragma once
// The release model: what kind of release a run makes and how it goes out,
// worked out once from relctl.toml and the command's flags, then handed to
// the pipeline and every gate. Gates ask the shape ("does this release go
// to review?") instead of comparing strings of their own.

#include <string_view>

#include "relctl/config/config.hpp"

namespace relctl::release {

/// How a release reaches the main branch (relctl.toml `mode`).
using Mode = config::Mode;

/// What a release carries.
enum class Kind {
  code,   ///< a code release alone (`--no-data`, or no [data_release])
  data,   ///< a data release (`relctl data-release`)
  joint,  ///< a code release carrying a data release: both tags on one commit
};

std::string_view to_string(Kind k);

/// The flags of `relctl code-release` that shape a release.
struct CodeFlags {
  bool finalize = false;  // --finalize
  bool hotfix = false;    // --hotfix FROM_TAG
  bool no_data = false;   // --no-data
  bool no_push = false;   // --no-push
};

/// The flags of `relctl data-release` that shape a release.
struct DataFlags {
  bool finalize = false;  // --finalize
  bool no_push = false;   // --no-push
};

/// One release run's shape. Every question a gate or pipeline asks about
/// it is a member function here, answered the same way everywhere.
struct ReleaseShape {
  Kind kind = Kind::code;
  Mode mode = Mode::direct;  // as configured for this kind of release
  bool finalize = false;     // --finalize: tag the release merged after review
  bool hotfix = false;       // --hotfix: a patch on hotfix/vX.Y.Z cut from a tag
  bool push = true;          // false with --no-push

  /// The release goes to review: its branch is pushed and --finalize tags
  /// it after the merge (`pr` mode; hotfixes and finalizing never do).
  bool opens_review() const { return mode == Mode::pr && !finalize && !hotfix; }
  /// git.commit makes a release commit (--finalize tags the merged one).
  bool commits() const { return !finalize; }
  /// git.tag tags in this run (a release under review is tagged later).
  bool tags_now() const { return !opens_review(); }
  /// git.push sends the release branch (--finalize sends only the tag).
  bool pushes_branch() const { return !finalize; }
  /// git.push sends the tags.
  bool pushes_tags() const { return tags_now(); }
  /// A data release is part of it (its gates, its tag).
  bool carries_data() const { return kind != Kind::code; }
  /// A code release is part of it (version, changelog, code tag).
  bool carries_code() const { return kind != Kind::data; }
};

/// The shape of `relctl code-release`: [code_release] mode, joint when
/// [data_release] exists and --no-data is not given. Throws UsageError for
/// flags that do not fit (--finalize in direct mode, --no-data when
/// require_data_release = true, --finalize with --hotfix; [[packages]]
/// released in pr mode, with --hotfix or --finalize).
ReleaseShape code_release_shape(const config::Config& cfg, const CodeFlags& flags);

/// The shape of `relctl data-release`: [data_release] mode. Throws
/// ConfigError without [data_release], UsageError for --finalize in direct mode.
ReleaseShape data_release_shape(const config::Config& cfg, const DataFlags& flags);

}  // namespace relctl::release
