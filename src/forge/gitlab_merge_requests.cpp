// GitLab merge requests, their pipeline and notes, and deployments (see gitlab.hpp).

#include "forge/gitlab.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/text.hpp"

namespace relctl::forge::detail {

namespace {

nlohmann::json merge_request_body(const NewPullRequest& p, const nlohmann::json& reviewer_ids) {
  nlohmann::json body = {{"source_branch", p.head},
                         {"target_branch", p.base},
                         {"title", p.title},
                         {"description", p.body},
                         {"remove_source_branch", true}};
  if (!p.labels.empty()) {
    std::string labels;
    for (const auto& l : p.labels) labels += (labels.empty() ? "" : ",") + l;
    body["labels"] = labels;
  }
  if (!reviewer_ids.empty()) body["reviewer_ids"] = reviewer_ids;
  return body;
}

}  // namespace

PullRequest GitLab::pull_from(const nlohmann::json& j) {
  PullRequest p;
  p.number = j.value("iid", 0);
  p.url = text(j, "web_url");
  const std::string state = text(j, "state");
  p.merged = state == "merged";
  p.state = state == "opened" ? "open" : state;
  p.head_sha = text(j, "sha");
  if (p.merged) {
    // Squashed: the squash commit; fast-forwarded: the branch's own last commit.
    for (const char* key : {"merge_commit_sha", "squash_commit_sha", "sha"}) {
      if (p.merge_commit.empty()) p.merge_commit = text(j, key);
    }
  }
  return p;
}

std::optional<PullRequest> GitLab::find_pull_request(const std::string& head,
                                                     const std::string& base,
                                                     const std::string& state) {
  const std::string url = project("/merge_requests?source_branch=" + core::percent_encode(head) +
                                  "&target_branch=" + core::percent_encode(base) +
                                  "&state=" + (state == "merged" ? "merged" : "opened") +
                                  "&order_by=created_at&sort=desc&per_page=100");
  const auto all = client_.get_all(url);
  if (all.empty()) return std::nullopt;
  return pull_from(all.front());
}

std::vector<Request> GitLab::open_pull_request_requests(const NewPullRequest& p) const {
  std::vector<Request> out;
  nlohmann::json ids = nlohmann::json::array();
  for (const auto& r : p.reviewers) {
    out.push_back(json_request("GET", client_.api("/users?username=" + core::percent_encode(r))));
    ids.push_back("<id of " + r + ">");
  }
  out.push_back(json_request("POST", project("/merge_requests"), merge_request_body(p, ids)));
  return out;
}

PullRequest GitLab::open_pull_request(const NewPullRequest& p) {
  nlohmann::json ids = nlohmann::json::array();
  for (const auto& r : p.reviewers) {
    const auto users = client_.call(
        json_request("GET", client_.api("/users?username=" + core::percent_encode(r))), {200});
    if (!users.is_array() || users.empty()) {
      throw GateError("no GitLab user named " + r + " (from [forge] reviewers)",
                      "list GitLab usernames in [forge] reviewers");
    }
    ids.push_back(users.front().value("id", 0));
  }
  const Request request =
      json_request("POST", project("/merge_requests"), merge_request_body(p, ids));
  const auto response = client_.send(request);
  if (response.status == 201) return pull_from(nlohmann::json::parse(response.body));
  // 409: "Another open merge request already exists for this source branch".
  if (response.status == 409) {
    if (auto open = find_pull_request(p.head, p.base, "open")) return *open;
  }
  client_.fail(request, response);
}

Checks GitLab::checks(const PullRequest& p) {
  Checks c;
  const auto mr = client_.call(
      json_request("GET", project("/merge_requests/" + std::to_string(p.number))), {200});
  if (!mr.contains("head_pipeline") || !mr["head_pipeline"].is_object()) {
    c.failed.push_back("pipeline (none ran for the merge request)");
    return c;
  }
  const std::string status = text(mr["head_pipeline"], "status");
  const std::string name = "pipeline " + text(mr["head_pipeline"], "id");
  if (status == "success") {
    c.passed.push_back(name);
  } else if (status == "failed" || status == "canceled" || status == "skipped") {
    c.failed.push_back(name + " (" + status + ")");
  } else {
    c.pending.push_back(name + " (" + status + ")");
  }
  return c;
}

std::optional<Comment> GitLab::find_comment(int number, const std::string& marker) {
  const auto all = client_.get_all(project("/merge_requests/" + std::to_string(number) +
                                           "/notes?sort=asc&order_by=created_at&per_page=100"));
  for (const auto& j : all) {
    if (text(j, "body").find(marker) != std::string::npos) return Comment{text(j, "id"), ""};
  }
  return std::nullopt;
}

Comment GitLab::put_comment(int number, const std::optional<Comment>& existing,
                            const std::string& body) {
  const std::string notes = project("/merge_requests/" + std::to_string(number) + "/notes");
  const auto j =
      existing
          ? client_.call(json_request("PUT", notes + "/" + existing->id, {{"body", body}}), {200})
          : client_.call(json_request("POST", notes, {{"body", body}}), {201});
  return {text(j, "id"), ""};
}

std::vector<Request> GitLab::deployment_requests(const NewDeployment& d) const {
  return {json_request("POST", project("/deployments"),
                       {{"environment", d.environment},
                        {"sha", d.commit},
                        {"ref", d.tag},
                        {"tag", true},
                        {"status", "success"}})};
}

std::string GitLab::record_deployment(const NewDeployment& d) {
  client_.call(deployment_requests(d).front(), {201});
  return location().web_url.empty()
             ? ""
             : location().web_url + "/" + location().project + "/-/environments";
}

}  // namespace relctl::forge::detail
