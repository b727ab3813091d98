#include "preview.hpp"

#include <cstdio>

#include "relctl/core/error.hpp"
#include "relctl/forge/location.hpp"
#include "relctl/git/repository.hpp"
#include "relctl/report/reporters.hpp"

namespace relctl::cli {

PreviewComment::PreviewComment(Session& session, bool requested) : session_(session) {
  const config::Config& cfg = *session.config();
  const core::Context& ctx = session.context();
  if (requested && !ctx.dry_run()) {
    throw UsageError("--comment posts a dry run's preview on its pull request", "add --dry-run");
  }
  if (requested && !cfg.forge) {
    throw ConfigError("--comment needs a [forge] section in " + cfg.file.string(),
                      "add [forge] (`man relctl`, CONFIGURATION)");
  }
  const bool wanted = requested || (cfg.forge && cfg.forge->comment_previews && ctx.dry_run() &&
                                    forge::in_ci(forge::process_env));
  if (!wanted) return;
  git::Repository* repo = session.repository();
  if (!repo) {
    if (requested) throw UsageError("--comment: not inside a git repository");
    return;
  }
  const std::string remote = cfg.project.remote.empty() ? "origin" : cfg.project.remote;
  forge_ = forge::connect(*cfg.forge, repo->remote_url(remote), session.context().redactor);
  number_ = forge::pull_request_number(forge_->location().kind, forge::process_env);
  if (!number_ && requested) {
    throw UsageError("--comment: this run belongs to no pull request",
                     forge_->location().kind == forge::Kind::gitlab
                         ? "run it in a merge request pipeline (CI_MERGE_REQUEST_IID)"
                         : "run it in a pull_request workflow (GITHUB_EVENT_PATH, or "
                           "GITHUB_REF=refs/pull/N/merge)");
  }
}

void PreviewComment::post(const release::ReleasePlan& plan) {
  if (!forge_ || !number_) return;
  core::Context& ctx = session_.context();
  const std::string marker = "<!-- relctl:preview " + ctx.command + " -->";
  report::PreviewFacts facts;
  facts.version = plan.version;
  for (const auto& t : plan.tags) facts.tags.push_back(t.name);
  facts.branch = plan.branch;
  facts.changelog = plan.changelog_text();
  try {
    const std::string body =
        ctx.redactor.mask(report::preview_markdown(session_.result(), facts, marker));
    const auto existing = forge_->find_comment(*number_, marker);
    const auto comment = forge_->put_comment(*number_, existing, body);
    ctx.reporter.note((existing ? "Updated the preview comment on #" : "Posted the preview on #") +
                      std::to_string(*number_) + (comment.url.empty() ? "" : ": " + comment.url));
  } catch (const Error& e) {
    std::fprintf(stderr, "relctl: warning: could not comment the preview on #%d: %s\n", *number_,
                 ctx.redactor.mask(e.what()).c_str());
  }
}

}  // namespace relctl::cli
