// [forge]: where releases, pull requests and deployments are published.

#include <fmt/format.h>

#include "sections.hpp"

namespace relctl::config::detail {

namespace {

const std::vector<std::string> title_placeholders = {"version", "tag", "date", "branch"};

// "owner/name", "group/subgroup/name": segments of letters, digits, '.', '_', '-'.
bool is_repository(std::string_view text) {
  if (text.empty() || text.front() == '/' || text.back() == '/') return false;
  if (text.find('/') == std::string_view::npos || text.find("//") != std::string_view::npos) {
    return false;
  }
  return text.find_first_not_of(
             "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-/") ==
         std::string_view::npos;
}

}  // namespace

void read_forge(const TableReader& root, Config& cfg) {
  const toml::table* t = root.subtable("forge");
  if (!t) return;
  TableReader r(root.source(), *t, "[forge]",
                {"kind", "api_url", "token_env", "repository", "deployments", "require_checks",
                 "comment_previews", "pr_title", "labels", "reviewers"});
  Forge f;
  f.kind = r.string("kind", "");
  if (r.has("kind") && f.kind != "github" && f.kind != "gitlab") {
    r.fail("kind", fmt::format("must be \"github\" or \"gitlab\", got {}", quote(f.kind)),
           "write kind = \"github\" (github.com, GitHub Enterprise) or kind = \"gitlab\"");
  }
  f.api_url = r.string("api_url", "");
  if (r.has("api_url") && f.api_url.rfind("https://", 0) != 0 &&
      f.api_url.rfind("http://", 0) != 0) {
    r.fail("api_url", fmt::format("is not an http(s) URL: {}", quote(f.api_url)),
           "write the API's base URL, e.g. api_url = \"https://github.example.com/api/v3\" or "
           "\"https://gitlab.example.com/api/v4\"");
  }
  while (!f.api_url.empty() && f.api_url.back() == '/') f.api_url.pop_back();
  f.token_env = r.variable_name("token_env").value_or("");
  f.repository = r.string("repository", "");
  if (r.has("repository") && !is_repository(f.repository)) {
    r.fail("repository", fmt::format("is not a repository path: {}", quote(f.repository)),
           "write it as the forge shows it, e.g. repository = \"acme/widgets\"");
  }
  f.deployments = r.boolean("deployments", f.deployments);
  f.require_checks = r.boolean("require_checks", f.require_checks);
  f.comment_previews = r.boolean("comment_previews", f.comment_previews);
  f.pr_title = r.string("pr_title", f.pr_title);
  if (f.pr_title.empty()) {
    r.fail("pr_title", "must not be empty", "write e.g. pr_title = \"Release {tag}\"");
  }
  r.check_template("pr_title", f.pr_title, title_placeholders);
  f.labels = r.strings("labels").value_or(std::vector<std::string>{});
  f.reviewers = r.strings("reviewers").value_or(std::vector<std::string>{});
  for (const auto* list : {&f.labels, &f.reviewers}) {
    for (const auto& item : *list) {
      if (item.empty()) {
        r.fail(list == &f.labels ? "labels" : "reviewers", "has an empty entry",
               "remove the empty string from the list");
      }
    }
  }
  cfg.forge = std::move(f);
}

}  // namespace relctl::config::detail
