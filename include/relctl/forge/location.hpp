#pragma once
// Where a project lives on its forge and how relctl signs in: worked out
// from the git remote's URL, relctl.toml's [forge] and the variables CI
// systems set (GITHUB_API_URL, CI_API_V4_URL, GITHUB_TOKEN, CI_JOB_TOKEN...).

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace relctl::config {
struct Forge;
}

namespace relctl::forge {

enum class Kind { github, gitlab };

struct Location {
  Kind kind = Kind::github;
  std::string api_url;  // "https://api.github.com", no trailing '/'
  std::string web_url;  // "https://github.com": pages and compare links
  std::string project;  // "acme/widgets"; GitLab: "group/subgroup/project"
};

/// The token and the variable it came from ("" when none is set).
struct Credentials {
  std::string token;
  std::string variable;            // "GITHUB_TOKEN"
  std::vector<std::string> tried;  // the variables looked at, for the error
};

/// A remote's URL taken apart: https://host/a/b.git, ssh://git@host:22/a/b,
/// git@host:a/b.git, git://host/a/b. nullopt for local paths and file://.
struct RemoteUrl {
  std::string host;  // "github.com" (no port)
  std::string path;  // "acme/widgets" (no leading '/', no ".git")
};
std::optional<RemoteUrl> parse_remote_url(std::string_view url);

/// Reads an environment variable: "" when unset.
using Getenv = std::function<std::string(const std::string&)>;
/// The process's environment.
std::string process_env(const std::string& name);

/// The forge of `remote_url` as [forge] and the environment refine it:
/// kind from `kind` or the host (github.com, gitlab.com, a host named
/// gitlab.*, or the host of GITHUB_SERVER_URL / CI_SERVER_HOST); API base
/// from `api_url`, else GITHUB_API_URL / CI_API_V4_URL, else from the host;
/// project from `repository`, else the URL's path. Throws ConfigError
/// naming what to set when one of them cannot be told.
Location locate(const config::Forge& cfg, const std::string& remote_url, const Getenv& env);

/// The token from [forge] token_env, else GITHUB_TOKEN then GH_TOKEN
/// (GitHub) or GITLAB_TOKEN then CI_JOB_TOKEN (GitLab). Never throws: an
/// empty token is refused by the first request that needs one.
Credentials credentials(const config::Forge& cfg, Kind kind, const Getenv& env);

/// The pull (merge) request a CI job runs for: GitHub's event file
/// ($GITHUB_EVENT_PATH: pull_request.number) or GITHUB_REF=refs/pull/N/merge;
/// GitLab's CI_MERGE_REQUEST_IID. nullopt outside a request's job.
std::optional<int> pull_request_number(Kind kind, const Getenv& env);

/// True under CI: CI, GITHUB_ACTIONS or GITLAB_CI is "true".
bool in_ci(const Getenv& env);

/// "GitHub" / "GitLab".
std::string_view display_name(Kind kind);

/// True for https:// URLs, and for http:// to a loopback address
/// (127.0.0.0/8, [::1]): the only URLs relctl sends a token to.
bool is_allowed_url(std::string_view url);

}  // namespace relctl::forge
