// GitHub pull requests, their checks and comments, and deployments (see github.hpp).

#include "forge/github.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/text.hpp"

namespace relctl::forge::detail {

namespace {

// The labels and reviewers of pull request `number` ("{number}" in plans).
std::vector<Request> follow_ups(const std::string& repo_url, const NewPullRequest& p,
                                const std::string& number) {
  std::vector<Request> out;
  if (!p.labels.empty()) {
    out.push_back(
        json_request("POST", repo_url + "/issues/" + number + "/labels", {{"labels", p.labels}}));
  }
  if (!p.reviewers.empty()) {
    nlohmann::json users = nlohmann::json::array(), teams = nlohmann::json::array();
    for (const auto& r : p.reviewers) {
      const auto slash = r.find('/');
      if (slash == std::string::npos) {
        users.push_back(r);
      } else {
        teams.push_back(r.substr(slash + 1));
      }
    }
    out.push_back(json_request("POST", repo_url + "/pulls/" + number + "/requested_reviewers",
                               {{"reviewers", users}, {"team_reviewers", teams}}));
  }
  return out;
}

}  // namespace

PullRequest GitHub::pull_from(const nlohmann::json& j) {
  PullRequest p;
  p.number = j.value("number", 0);
  p.url = text(j, "html_url");
  p.merged = j.contains("merged_at") && j["merged_at"].is_string();
  p.state = p.merged ? "merged" : text(j, "state");
  p.merge_commit = p.merged ? text(j, "merge_commit_sha") : "";
  if (j.contains("head")) p.head_sha = text(j["head"], "sha");
  return p;
}

std::optional<PullRequest> GitHub::find_pull_request(const std::string& head,
                                                     const std::string& base,
                                                     const std::string& state) {
  const std::string owner = location().project.substr(0, location().project.find('/'));
  const std::string url = repo("/pulls?head=" + core::percent_encode(owner + ":" + head) +
                               "&base=" + core::percent_encode(base) + "&state=" +
                               (state == "merged" ? "closed" : "open") + "&per_page=100");
  for (const auto& j : client_.get_all(url)) {
    PullRequest p = pull_from(j);
    if (state != "merged" || p.merged) return p;
  }
  return std::nullopt;
}

std::vector<Request> GitHub::open_pull_request_requests(const NewPullRequest& p) const {
  std::vector<Request> out = {
      json_request("POST", repo("/pulls"),
                   {{"title", p.title}, {"head", p.head}, {"base", p.base}, {"body", p.body}})};
  for (auto& r : follow_ups(repo(""), p, "{number}")) out.push_back(std::move(r));
  return out;
}

PullRequest GitHub::open_pull_request(const NewPullRequest& p) {
  const Request request = open_pull_request_requests(p).front();
  const auto response = client_.send(request);
  std::optional<PullRequest> pull;
  if (response.status == 201) {
    pull = pull_from(nlohmann::json::parse(response.body));
  } else if (response.status == 422) {
    // "A pull request already exists for acme:release/v1.3.0."
    pull = find_pull_request(p.head, p.base, "open");
  }
  if (!pull) client_.fail(request, response);
  for (const auto& r : follow_ups(repo(""), p, std::to_string(pull->number))) {
    client_.call(r, {200, 201});
  }
  return *pull;
}

Checks GitHub::checks(const PullRequest& p) {
  Checks c;
  const std::string commit = repo("/commits/" + p.head_sha);
  for (const auto& run : client_.get_all(commit + "/check-runs?per_page=100", "check_runs")) {
    const std::string name = text(run, "name");
    const std::string conclusion = text(run, "conclusion");
    if (text(run, "status") != "completed") {
      c.pending.push_back(name + " (" + text(run, "status") + ")");
    } else if (conclusion == "success" || conclusion == "neutral" || conclusion == "skipped") {
      c.passed.push_back(name);
    } else {
      c.failed.push_back(name + " (" + conclusion + ")");
    }
  }
  for (const auto& s : client_.get_all(commit + "/status?per_page=100", "statuses")) {
    const std::string name = text(s, "context");
    const std::string state = text(s, "state");
    if (state == "success") {
      c.passed.push_back(name);
    } else if (state == "pending") {
      c.pending.push_back(name + " (pending)");
    } else {
      c.failed.push_back(name + " (" + state + ")");
    }
  }
  return c;
}

std::optional<Comment> GitHub::find_comment(int number, const std::string& marker) {
  const auto all =
      client_.get_all(repo("/issues/" + std::to_string(number) + "/comments?per_page=100"));
  for (const auto& j : all) {
    if (text(j, "body").find(marker) != std::string::npos) {
      return Comment{text(j, "id"), text(j, "html_url")};
    }
  }
  return std::nullopt;
}

Comment GitHub::put_comment(int number, const std::optional<Comment>& existing,
                            const std::string& body) {
  const auto j =
      existing ? client_.call(json_request("PATCH", repo("/issues/comments/" + existing->id),
                                           {{"body", body}}),
                              {200})
               : client_.call(
                     json_request("POST", repo("/issues/" + std::to_string(number) + "/comments"),
                                  {{"body", body}}),
                     {201});
  return {text(j, "id"), text(j, "html_url")};
}

std::vector<Request> GitHub::deployment_requests(const NewDeployment& d) const {
  nlohmann::json status = {{"state", "success"},
                           {"environment", d.environment},
                           {"description", d.description},
                           {"auto_inactive", true}};
  if (!d.log_url.empty()) status["log_url"] = d.log_url;
  return {json_request("POST", repo("/deployments"),
                       {{"ref", d.tag},
                        {"environment", d.environment},
                        {"description", d.description},
                        {"auto_merge", false},
                        {"required_contexts", nlohmann::json::array()},
                        {"production_environment", d.production},
                        {"transient_environment", false}}),
          json_request("POST", repo("/deployments/{id}/statuses"), status)};
}

std::string GitHub::record_deployment(const NewDeployment& d) {
  auto requests = deployment_requests(d);
  const auto deployment = client_.call(requests[0], {201});
  const std::string id = text(deployment, "id");
  Request& status = requests[1];
  status.url.replace(status.url.find("{id}"), 4, id);
  client_.call(status, {201});
  return location().web_url.empty() ? ""
                                    : location().web_url + "/" + location().project +
                                          "/deployments/" + core::percent_encode(d.environment);
}

}  // namespace relctl::forge::detail
