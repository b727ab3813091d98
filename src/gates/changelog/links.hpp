#pragma once
// Links of a changelog: a commit, the comparison of two tags and a tag's
// page, derived from the remote's URL (GitHub, GitLab, Bitbucket, and
// GitHub-style paths for other web hosts). Pure logic.

#include <string>
#include <string_view>

namespace relctl::gates::changelog {

class Links {
 public:
  Links() = default;
  /// The links of the web host that `remote_url` (https, ssh, scp-like
  /// `git@host:path` or git://) names; none for a local path or file:// URL.
  /// User names and tokens in the URL never reach a link.
  static Links for_remote(std::string_view remote_url);

  bool empty() const { return base_.empty(); }
  /// "https://github.com/acme/app".
  const std::string& base() const { return base_; }
  std::string commit(const std::string& id) const;
  /// Comparing `from` with `to` (tags, or "HEAD"); the tag's page when `from` is "".
  std::string compare(const std::string& from, const std::string& to) const;
  std::string tag(const std::string& name) const;

 private:
  enum class Host { github, gitlab, bitbucket };
  std::string base_;
  Host host_ = Host::github;
};

}  // namespace relctl::gates::changelog
