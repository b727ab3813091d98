#pragma once
// Reference names as git accepts them (libgit2's git_reference_name_is_valid,
// the rules of `git check-ref-format`): checked before a dry run or a release
// plans a tag or a branch, so that the dry run refuses what the real run
// could not create.

#include <string>

namespace relctl::git {

/// Whether `refname`, a full name ("refs/tags/v1.0"), is a valid reference name.
bool valid_reference_name(const std::string& refname);

/// Throws GateError naming `setting` (as "[code_release] tag") when the tag
/// (`kind` "tag") or branch (`kind` "branch") `name` is not valid.
void check_ref_name(const std::string& kind, const std::string& name, const std::string& setting);

/// What git's ref names may not hold, for hints.
inline constexpr const char* ref_name_rules =
    "git ref names hold no spaces, no '..', none of ~ ^ : ? * [ \\, no part that starts with '.' "
    "or ends with '.lock', and do not end with '/' or '.'";

}  // namespace relctl::git
