// Finding the forge, the project and the token (see location.hpp).

#include "relctl/forge/location.hpp"

#include <cstdlib>

#include "relctl/config/config.hpp"
#include "relctl/core/error.hpp"

namespace relctl::forge {

namespace {

std::string strip_path(std::string path) {
  while (!path.empty() && path.front() == '/') path.erase(0, 1);
  while (!path.empty() && path.back() == '/') path.pop_back();
  if (path.size() > 4 && path.compare(path.size() - 4, 4, ".git") == 0)
    path.resize(path.size() - 4);
  return path;
}

// "user@host:port" -> "host".
std::string host_of(std::string authority) {
  if (const auto at = authority.rfind('@'); at != std::string::npos) authority.erase(0, at + 1);
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    return close == std::string::npos ? authority : authority.substr(1, close - 1);
  }
  if (const auto colon = authority.find(':'); colon != std::string::npos) authority.resize(colon);
  return authority;
}

// The host of a URL such as GITHUB_SERVER_URL ("https://github.example.com").
std::string url_host(const std::string& url) {
  const auto parsed = parse_remote_url(url + "/x/y");
  return parsed ? parsed->host : "";
}

bool is_gitlab_host(const std::string& host) {
  return host == "gitlab.com" || host.rfind("gitlab.", 0) == 0;
}

Kind kind_of(const config::Forge& cfg, const std::string& host, const std::string& remote_url,
             const Getenv& env) {
  if (cfg.kind == "github") return Kind::github;
  if (cfg.kind == "gitlab") return Kind::gitlab;
  if (host == "github.com" || (!host.empty() && host == url_host(env("GITHUB_SERVER_URL")))) {
    return Kind::github;
  }
  if (is_gitlab_host(host) || (!host.empty() && host == env("CI_SERVER_HOST"))) {
    return Kind::gitlab;
  }
  throw ConfigError("cannot tell which forge hosts " +
                        (host.empty() ? "the remote " + remote_url : host) +
                        ": it is neither github.com nor gitlab.com",
                    "set [forge] kind = \"github\" or \"gitlab\" (and api_url) in relctl.toml");
}

std::string api_base(const config::Forge& cfg, Kind kind, const std::string& host,
                     const Getenv& env) {
  if (!cfg.api_url.empty()) return cfg.api_url;
  std::string from_env = env(kind == Kind::github ? "GITHUB_API_URL" : "CI_API_V4_URL");
  while (!from_env.empty() && from_env.back() == '/') from_env.pop_back();
  if (!from_env.empty()) return from_env;
  if (host.empty()) {
    throw ConfigError("cannot tell the " + std::string(display_name(kind)) +
                          " API's address from the remote's URL",
                      "set [forge] api_url in relctl.toml");
  }
  if (kind == Kind::gitlab) return "https://" + host + "/api/v4";
  return host == "github.com" ? "https://api.github.com" : "https://" + host + "/api/v3";
}

}  // namespace

std::optional<RemoteUrl> parse_remote_url(std::string_view text) {
  const std::string url(text);
  std::string authority, path;
  if (const auto scheme = url.find("://"); scheme != std::string::npos) {
    const std::string name = url.substr(0, scheme);
    if (name == "file") return std::nullopt;
    const auto rest = url.substr(scheme + 3);
    const auto slash = rest.find('/');
    if (slash == std::string::npos) return std::nullopt;
    authority = rest.substr(0, slash);
    path = rest.substr(slash);
  } else {
    // scp-like: [user@]host:path; a local path has no ':' before its first '/'.
    const auto colon = url.find(':');
    const auto slash = url.find('/');
    if (colon == std::string::npos || (slash != std::string::npos && slash < colon)) {
      return std::nullopt;
    }
    authority = url.substr(0, colon);
    path = url.substr(colon + 1);
  }
  RemoteUrl out{host_of(authority), strip_path(path)};
  if (out.host.empty() || out.path.empty()) return std::nullopt;
  return out;
}

std::string process_env(const std::string& name) {
  const char* v = std::getenv(name.c_str());
  return v ? v : "";
}

Location locate(const config::Forge& cfg, const std::string& remote_url, const Getenv& env) {
  const auto remote = parse_remote_url(remote_url);
  const std::string host = remote ? remote->host : "";
  Location where;
  where.kind = kind_of(cfg, host, remote_url, env);
  where.api_url = api_base(cfg, where.kind, host, env);
  where.web_url = host.empty() ? "" : "https://" + host;
  const bool github = where.kind == Kind::github;
  // The CI's own name of the repository when the remote does not say it (a
  // local path, a mirror): GITHUB_REPOSITORY or CI_PROJECT_PATH.
  where.project = !cfg.repository.empty() ? cfg.repository
                  : remote                ? remote->path
                                          : env(github ? "GITHUB_REPOSITORY" : "CI_PROJECT_PATH");
  const bool two_parts = where.project.find('/') != std::string::npos &&
                         where.project.find('/') == where.project.rfind('/');
  if (where.project.empty() || (github && !two_parts) ||
      where.project.find('/') == std::string::npos) {
    throw ConfigError("cannot tell the " + std::string(display_name(where.kind)) +
                          " repository from the remote's URL (" + remote_url + ")",
                      std::string("set [forge] repository = \"") +
                          (github ? "owner/name" : "group/name") + "\" in relctl.toml");
  }
  return where;
}

Credentials credentials(const config::Forge& cfg, Kind kind, const Getenv& env) {
  Credentials c;
  if (!cfg.token_env.empty()) {
    c.tried = {cfg.token_env};
  } else if (kind == Kind::github) {
    c.tried = {"GITHUB_TOKEN", "GH_TOKEN"};
  } else {
    c.tried = {"GITLAB_TOKEN", "CI_JOB_TOKEN"};
  }
  for (const auto& name : c.tried) {
    if (auto value = env(name); !value.empty()) {
      c.token = std::move(value);
      c.variable = name;
      break;
    }
  }
  return c;
}

std::string_view display_name(Kind kind) {
  return kind == Kind::github ? "GitHub" : "GitLab";
}

bool is_allowed_url(std::string_view url) {
  if (url.rfind("https://", 0) == 0) return url.size() > 8;
  if (url.rfind("http://", 0) != 0) return false;
  const auto rest = url.substr(7);
  const std::string host = host_of(std::string(rest.substr(0, rest.find('/'))));
  if (host == "::1") return true;
  // 127.0.0.0/8, written as a dotted quad.
  if (host.rfind("127.", 0) != 0) return false;
  int dots = 0;
  for (char ch : host) {
    if (ch == '.') {
      ++dots;
    } else if (ch < '0' || ch > '9') {
      return false;
    }
  }
  return dots == 3;
}

}  // namespace relctl::forge
