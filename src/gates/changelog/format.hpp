#pragma once
// The changelog format of this project: [code_release]'s changelog_groups,
// changelog_hide and changelog_links, the links from the remote's URL.

#include "gates/changelog/section.hpp"
#include "relctl/core/context.hpp"
#include "relctl/git/repository.hpp"

namespace relctl::gates::changelog {

/// The format relctl.toml configures; links from project.remote's URL
/// unless changelog_links = false (none without such a remote).
Format format_for(core::Context& ctx, git::Repository& repo);

}  // namespace relctl::gates::changelog
