#pragma once
// A local forge for tests: a small HTTP/1.1 server on 127.0.0.1 (inside the
// test binary, one thread per listening port) that implements the GitHub
// REST and GitLab REST v4 endpoints relctl uses, with the status codes,
// headers and JSON bodies those APIs document: GitHub's separate upload host
// for release assets, pagination through Link headers, 404 for a missing
// release, 422 (GitHub) or 409 (GitLab) for one that exists, 401 for a wrong
// token, 403 without a User-Agent. It records every request, and can be told
// to answer the next requests with a fault (a 403 rate limit with
// retry-after, a 502) so tests can assert on exactly what relctl sent.

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace relctl::test {

struct HttpRequest {
  std::string host;                            // "api" or "uploads" (GitHub's upload host)
  std::string method;                          // GET, POST, PATCH, PUT
  std::string path;                            // without the query, percent-encoding kept
  std::string query;                           // "name=x&per_page=100"
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;

  std::string header(const std::string& lower_name) const;
  /// The decoded value of query parameter `name`, or "".
  std::string param(const std::string& name) const;
  /// The body as JSON (null when it is not JSON).
  nlohmann::json json() const;
  /// "POST /repos/acme/widgets/releases".
  std::string line() const;
};

struct HttpResponse {
  int status = 200;
  std::map<std::string, std::string> headers;
  std::string body;
};

class ForgeServer {
 public:
  enum class Kind { github, gitlab };

  /// Starts listening on 127.0.0.1 (free ports). `project` is "owner/name".
  explicit ForgeServer(Kind kind, std::string project = "acme/widgets");
  ~ForgeServer();
  ForgeServer(const ForgeServer&) = delete;
  ForgeServer& operator=(const ForgeServer&) = delete;

  /// The API base relctl is given: http://127.0.0.1:PORT (GitLab: .../api/v4).
  std::string api_url() const;
  /// The token it accepts.
  static constexpr const char* token = "Tr0ub4dor&3!";

  /// Every request so far, in order (faulted ones too).
  std::vector<HttpRequest> requests() const;
  /// Those that are not GETs.
  std::vector<HttpRequest> writes() const;
  /// The requests whose line() is `prefix` ("POST /repos/acme/widgets/releases"), or
  /// starts with it when it ends in '/' ("POST /repos/acme/widgets/releases/": the uploads).
  std::vector<HttpRequest> matching(const std::string& prefix) const;

  /// The next `count` requests matching `prefix` (as above) get `response`.
  void fail_next(const std::string& prefix, int count, HttpResponse response);
  /// Lists hold at most this many items per page (GitHub's per_page is honoured below it).
  void set_page_size(int n);

  /// The forge's data, changed under its lock: GitHub {releases, assets,
  /// pulls, comments, deployments, statuses, check_runs, commit_statuses};
  /// GitLab {releases, links, packages, merge_requests, notes, deployments,
  /// users}. Tests seed pull requests, comments and checks through it.
  void with_state(const std::function<void(nlohmann::json&)>& change);
  nlohmann::json state() const;

  /// Builds the answer to one request (the listeners call it).
  HttpResponse handle(HttpRequest request);

 private:
  struct Listener;
  static bool matches(const HttpRequest& r, const std::string& pattern);
  HttpResponse route(const HttpRequest& r);
  HttpResponse github(const HttpRequest& r);
  HttpResponse github_uploads(const HttpRequest& r);
  HttpResponse gitlab(const HttpRequest& r);
  /// One page of `items` with GitHub/GitLab Link headers.
  HttpResponse page(const HttpRequest& r, const nlohmann::json& items,
                    const std::string& key = "") const;
  std::string base(const std::string& host) const;
  int next_id();

  Kind kind_;
  std::string project_;
  std::unique_ptr<Listener> api_;
  std::unique_ptr<Listener> uploads_;
  mutable std::mutex mutex_;
  std::vector<HttpRequest> requests_;
  struct Fault {
    std::string prefix;
    int count;
    HttpResponse response;
  };
  std::vector<Fault> faults_;
  nlohmann::json state_;
  int page_size_ = 100;
  int ids_ = 100;
};

/// JSON text of `j` as an HTTP response.
HttpResponse json_response(int status, const nlohmann::json& j);

/// The non-empty '/'-separated segments of `path`, still percent-encoded.
std::vector<std::string> path_segments(const std::string& path);

}  // namespace relctl::test
