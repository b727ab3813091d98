#pragma once
// GitLab's REST API v4 (gitlab.com and self-hosted), private to src/forge:
// releases whose assets are generic packages linked from the release,
// merge requests, their pipeline and notes, deployments.

#include "forge/client.hpp"

namespace relctl::forge::detail {

class GitLab final : public Forge {
 public:
  GitLab(const Location& location, const Credentials& credentials);

  std::optional<Release> find_release(const std::string& tag) override;
  std::vector<Request> create_release_requests(const NewRelease& r) const override;
  Release create_release(const NewRelease& r) override;
  std::vector<Request> upload_requests(const std::string& tag, const Release* release,
                                       const Asset& a) const override;
  void upload(const Release& release, const Asset& a) override;

  std::optional<PullRequest> find_pull_request(const std::string& head, const std::string& base,
                                               const std::string& state) override;
  std::vector<Request> open_pull_request_requests(const NewPullRequest& p) const override;
  PullRequest open_pull_request(const NewPullRequest& p) override;
  Checks checks(const PullRequest& p) override;

  std::optional<Comment> find_comment(int number, const std::string& marker) override;
  Comment put_comment(int number, const std::optional<Comment>& existing,
                      const std::string& body) override;

  std::vector<Request> deployment_requests(const NewDeployment& d) const override;
  std::string record_deployment(const NewDeployment& d) override;

 private:
  /// "https://gitlab.com/api/v4/projects/acme%2Fwidgets" + `path`.
  std::string project(const std::string& path) const;
  /// Where asset `name` of `tag` is stored: a generic package named after the project.
  std::string package_url(const std::string& tag, const std::string& name) const;
  static PullRequest pull_from(const nlohmann::json& j);

  Client client_;
};

}  // namespace relctl::forge::detail
