#include "gates/changelog/links.hpp"

namespace relctl::gates::changelog {

namespace {

bool starts_with(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}

// "host[:port]/path" -> {"host", "path"}; the port is dropped (web pages
// are not served on the ssh port).
bool split_host(std::string_view rest, std::string& host, std::string& path) {
  const size_t slash = rest.find('/');
  if (slash == std::string_view::npos || slash == 0) return false;
  std::string_view authority = rest.substr(0, slash);
  if (const size_t at = authority.rfind('@'); at != std::string_view::npos) {
    authority.remove_prefix(at + 1);  // user names and tokens never reach a link
  }
  if (const size_t colon = authority.find(':'); colon != std::string_view::npos) {
    authority = authority.substr(0, colon);
  }
  host = std::string(authority);
  path = std::string(rest.substr(slash + 1));
  return !host.empty();
}

}  // namespace

Links Links::for_remote(std::string_view url) {
  std::string host, path, scheme = "https";
  if (starts_with(url, "https://") || starts_with(url, "http://")) {
    scheme = starts_with(url, "http://") ? "http" : "https";
    if (!split_host(url.substr(url.find("://") + 3), host, path)) return {};
  } else if (starts_with(url, "ssh://") || starts_with(url, "git://") ||
             starts_with(url, "git+ssh://")) {
    if (!split_host(url.substr(url.find("://") + 3), host, path)) return {};
  } else if (const size_t colon = url.find(':');
             colon != std::string_view::npos && url.find("://") == std::string_view::npos &&
             url.find('@') != std::string_view::npos && url.find('@') < colon) {
    // scp-like: git@github.com:acme/app.git
    host = std::string(url.substr(url.find('@') + 1, colon - url.find('@') - 1));
    path = std::string(url.substr(colon + 1));
  } else {
    return {};  // a local path or file:// URL: no web pages
  }
  while (!path.empty() && path.back() == '/') path.pop_back();
  if (path.size() > 4 && path.compare(path.size() - 4, 4, ".git") == 0)
    path.resize(path.size() - 4);
  if (path.empty() || host.empty()) return {};
  Links links;
  links.base_ = scheme + "://" + host + "/" + path;
  if (host.find("gitlab") != std::string::npos) {
    links.host_ = Host::gitlab;
  } else if (host.find("bitbucket") != std::string::npos) {
    links.host_ = Host::bitbucket;
  }
  return links;
}

std::string Links::commit(const std::string& id) const {
  switch (host_) {
    case Host::gitlab:
      return base_ + "/-/commit/" + id;
    case Host::bitbucket:
      return base_ + "/commits/" + id;
    case Host::github:
      break;
  }
  return base_ + "/commit/" + id;
}

std::string Links::compare(const std::string& from, const std::string& to) const {
  if (from.empty()) return tag(to);
  switch (host_) {
    case Host::gitlab:
      return base_ + "/-/compare/" + from + "..." + to;
    case Host::bitbucket:
      return base_ + "/branches/compare/" + to + "%0D" + from;
    case Host::github:
      break;
  }
  return base_ + "/compare/" + from + "..." + to;
}

std::string Links::tag(const std::string& name) const {
  switch (host_) {
    case Host::gitlab:
      return base_ + "/-/tags/" + name;
    case Host::bitbucket:
      return base_ + "/src/" + name;
    case Host::github:
      break;
  }
  return base_ + "/releases/tag/" + name;
}

}  // namespace relctl::gates::changelog
