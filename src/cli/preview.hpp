#pragma once
// A release preview on its pull request: after a dry run of code-release or
// data-release, one sticky comment with the planned version, the changelog
// section and every gate's result, found again by a hidden marker (across
// every page of comments, never by author) and updated instead of repeated.
// On with --comment, or with [forge] comment_previews = true under CI.

#include <memory>
#include <optional>

#include "relctl/forge/forge.hpp"
#include "relctl/release/plan.hpp"
#include "session.hpp"

namespace relctl::cli {

class PreviewComment {
 public:
  /// Decides whether this run comments and on which request. With
  /// `requested` (--comment): throws UsageError without --dry-run or without
  /// a pull request to comment on, ConfigError without [forge].
  PreviewComment(Session& session, bool requested);

  /// After the run: posts the comment, or updates the one already there. A
  /// failure is a warning: the dry run's outcome stands.
  void post(const release::ReleasePlan& plan);

 private:
  Session& session_;
  std::unique_ptr<forge::Forge> forge_;
  std::optional<int> number_;
};

}  // namespace relctl::cli
