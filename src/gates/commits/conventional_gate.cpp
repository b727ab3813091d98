// commits.conventional: the commits a code release is made of follow
// Conventional Commits and the project's types and scopes. Soft by
// default (a warning: non-conventional commits still count as patches),
// hard with [code_release] lint_commits = "error", skipped with "off".

#include <nlohmann/json.hpp>

#include "gates/details.hpp"
#include "gates/git/support.hpp"
#include "gates/registered.hpp"
#include "relctl/core/text.hpp"
#include "relctl/gates/commits.hpp"

namespace relctl::gates {

namespace {

class CommitsConventional final : public RegisteredGate {
 public:
  explicit CommitsConventional(std::string mode)
      : RegisteredGate("commits.conventional"), mode_(std::move(mode)) {}

  core::Severity severity() const override {
    return mode_ == "error" ? core::Severity::hard : core::Severity::soft;
  }

  core::Outcome run(core::Context& ctx) override {
    if (mode_ == "off") return core::Outcome::skip("[code_release] lint_commits = \"off\"");
    const auto lint = lint_commits(ctx, access_.get(ctx), "");
    // The details list the first commits in full; `relctl check commits`
    // lists them all.
    constexpr std::size_t listed = 100;
    nlohmann::json bad = nlohmann::json::array();
    std::vector<std::string> parts;
    for (const auto& b : lint.bad) {
      if (bad.size() < listed) {
        bad.push_back({{"id", b.id}, {"header", b.header}, {"problems", b.problems}});
      }
      parts.push_back(b.id.substr(0, 7) + " \"" + b.header + "\": " + b.problems.front());
    }
    nlohmann::json doc{{"range", lint.range}, {"checked", lint.checked}, {"commits", bad}};
    if (lint.bad.size() > listed) doc["not_listed"] = lint.bad.size() - listed;
    const auto details = to_details(doc);
    const auto checked = static_cast<std::int64_t>(lint.checked);
    if (lint.bad.empty()) {
      return core::Outcome::pass(std::to_string(lint.checked) + " " +
                                     core::plural(checked, "commit") + " in " + lint.range + " " +
                                     core::plural(checked, "follows", "follow") +
                                     " Conventional Commits",
                                 details);
    }
    const auto bad_count = static_cast<std::int64_t>(lint.bad.size());
    return core::Outcome::fail(std::to_string(lint.bad.size()) + " of " +
                                   std::to_string(lint.checked) + " " +
                                   core::plural(checked, "commit") + " in " + lint.range + " " +
                                   core::plural(bad_count, "is", "are") +
                                   " not conventional: " + git_support::list_some(parts),
                               details);
  }

 private:
  std::string mode_;  // [code_release] lint_commits
  git_support::RepoAccess access_;
};

}  // namespace

std::unique_ptr<core::Gate> make_commits_conventional(const config::Config* cfg) {
  return std::make_unique<CommitsConventional>(
      cfg && cfg->code_release ? cfg->code_release->lint_commits : "warn");
}

}  // namespace relctl::gates
