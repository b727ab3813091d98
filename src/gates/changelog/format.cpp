#include "gates/changelog/format.hpp"

#include "gates/git/support.hpp"
#include "relctl/core/error.hpp"

namespace relctl::gates::changelog {

Format format_for(core::Context& ctx, git::Repository& repo) {
  const config::CodeRelease cr =
      ctx.config && ctx.config->code_release ? *ctx.config->code_release : config::CodeRelease{};
  Format f;
  f.groups = cr.changelog_groups;
  f.hide = cr.changelog_hide;
  if (cr.changelog_links) {
    try {
      f.links = Links::for_remote(repo.remote_url(git_support::remote_name(ctx)));
    } catch (const Error&) {
      // No such remote: no links.
    }
  }
  return f;
}

}  // namespace relctl::gates::changelog
