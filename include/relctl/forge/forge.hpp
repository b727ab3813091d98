#pragma once
// relctl's forge adapter: GitHub's REST API (github.com and GitHub
// Enterprise) and GitLab's REST API v4 (gitlab.com and self-hosted) over
// libcurl, which never appears in a header. Each operation that writes has
// a twin that only describes its requests, so a dry run shows exactly what
// the real run sends. HTTP failures become relctl::Errors: DependencyError
// (exit 3) when the forge is unreachable, refuses the token or keeps
// failing, GateError (exit 1) when it refuses the request itself.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "relctl/forge/location.hpp"

namespace relctl::core {
class Redactor;
}

namespace relctl::forge {

/// One HTTP request as relctl sends it.
struct Request {
  std::string method;          // GET, POST, PATCH, PUT
  std::string url;             // absolute
  std::string json;            // the JSON body ("" = none)
  std::filesystem::path file;  // an upload: the body is this file's bytes
  std::string content_type;    // of an upload
  /// One line: `POST https://api.github.com/repos/o/r/releases {"tag_name":...}`,
  /// an upload as `(text/plain, 65 bytes of SHA256SUMS)`. Never the token.
  std::string describe() const;
};

/// A file attached to a release, named after its base name.
struct Asset {
  std::string name;            // "widgets-1.3.0.tar.gz"
  std::filesystem::path file;  // where its bytes are
  std::string content_type;    // "application/gzip"
  std::uintmax_t size = 0;
};

/// The Content-Type relctl sends for a file named `name`.
std::string content_type_for(const std::string& name);

struct ReleaseAsset {
  std::string name;
  std::uintmax_t size = 0;  // 0 when the forge does not say (GitLab links)
};

struct Release {
  std::string id;  // GitHub's numeric id; GitLab's tag name
  std::string tag;
  std::string url;         // its page
  std::string upload_url;  // GitHub: the upload host's URL for its assets
  std::vector<ReleaseAsset> assets;
};

struct NewRelease {
  std::string tag;
  std::string name;
  std::string notes;  // Markdown
  bool prerelease = false;
};

struct PullRequest {
  int number = 0;  // GitLab: the merge request's iid
  std::string url;
  std::string state;         // "open", "closed", "merged"
  std::string head_sha;      // the last commit of its branch
  std::string merge_commit;  // the commit the merge made ("" until merged)
  bool merged = false;
};

struct NewPullRequest {
  std::string head;  // the branch with the release
  std::string base;  // the branch it merges into
  std::string title;
  std::string body;
  std::vector<std::string> labels;
  std::vector<std::string> reviewers;  // users; "org/team" is a GitHub team
};

/// What the checks of a request's last commit say.
struct Checks {
  std::vector<std::string> passed;
  std::vector<std::string> failed;   // "lint (failure)"
  std::vector<std::string> pending;  // "tests (in_progress)"
  bool ok() const { return failed.empty() && pending.empty(); }
};

struct Comment {
  std::string id;
  std::string url;
};

struct NewDeployment {
  std::string tag;
  std::string commit;
  std::string environment;
  std::string description;  // "promote code-v1.3.0" / "rollback to code-v1.2.0"
  bool production = false;
  std::string log_url;  // the CI job, when there is one
};

class Forge {
 public:
  virtual ~Forge() = default;

  const Location& location() const { return location_; }
  /// "GitHub" or "GitLab".
  std::string name() const;

  // --- releases ------------------------------------------------------------
  /// The release of `tag` with all its assets, or nullopt when there is none.
  virtual std::optional<Release> find_release(const std::string& tag) = 0;
  virtual std::vector<Request> create_release_requests(const NewRelease& r) const = 0;
  /// Creates the release; when another run created it meanwhile, returns that one.
  virtual Release create_release(const NewRelease& r) = 0;
  /// The requests that attach `a` to `tag`'s release (`release` null: one
  /// about to be created).
  virtual std::vector<Request> upload_requests(const std::string& tag, const Release* release,
                                               const Asset& a) const = 0;
  virtual void upload(const Release& release, const Asset& a) = 0;

  // --- pull (merge) requests --------------------------------------------------
  /// The newest request from `head` into `base` in `state` ("open" or "merged").
  virtual std::optional<PullRequest> find_pull_request(const std::string& head,
                                                       const std::string& base,
                                                       const std::string& state) = 0;
  virtual std::vector<Request> open_pull_request_requests(const NewPullRequest& p) const = 0;
  /// Opens it, then puts the labels and asks the reviewers.
  virtual PullRequest open_pull_request(const NewPullRequest& p) = 0;
  /// Every check and status of the request's last commit.
  virtual Checks checks(const PullRequest& p) = 0;

  // --- comments ------------------------------------------------------------
  /// The comment of request `number` whose body holds `marker`, searched
  /// across every page of comments, or nullopt.
  virtual std::optional<Comment> find_comment(int number, const std::string& marker) = 0;
  /// Posts `body` on request `number`, or replaces `existing`'s body.
  virtual Comment put_comment(int number, const std::optional<Comment>& existing,
                              const std::string& body) = 0;

  // --- deployments ---------------------------------------------------------
  virtual std::vector<Request> deployment_requests(const NewDeployment& d) const = 0;
  /// Records a successful deployment of `d.tag` to `d.environment`; returns its URL.
  virtual std::string record_deployment(const NewDeployment& d) = 0;

 protected:
  explicit Forge(Location location) : location_(std::move(location)) {}

 private:
  Location location_;
};

/// The forge at `location`, authenticating with `credentials`. Throws
/// ConfigError for an API URL that is neither HTTPS nor plain HTTP to a
/// loopback address.
std::unique_ptr<Forge> connect(const Location& location, const Credentials& credentials);

/// The forge [forge] and `remote_url` name (see locate()), with the token
/// from the environment registered with `redactor` so that no output shows it.
std::unique_ptr<Forge> connect(const config::Forge& cfg, const std::string& remote_url,
                               core::Redactor& redactor);

}  // namespace relctl::forge
