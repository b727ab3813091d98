// The local forge's GitHub REST endpoints (see forge_server.hpp), answering
// as docs.github.com describes them.

#include "relctl/core/text.hpp"
#include "support/forge_server.hpp"

namespace relctl::test {

namespace {

using json = nlohmann::json;

HttpResponse not_found() {
  return json_response(
      404, {{"message", "Not Found"}, {"documentation_url", "https://docs.github.com/rest"}});
}

HttpResponse invalid(const json& errors) {
  return json_response(422, {{"message", "Validation Failed"},
                             {"errors", errors},
                             {"documentation_url", "https://docs.github.com/rest"}});
}

json* find_by(json& list, const char* key, const json& value) {
  for (auto& item : list) {
    if (item.value(key, json()) == value) return &item;
  }
  return nullptr;
}

}  // namespace

HttpResponse ForgeServer::github(const HttpRequest& r) {
  const std::string prefix = "/repos/" + project_;
  if (r.path.rfind(prefix + "/", 0) != 0) return not_found();
  const auto s = path_segments(r.path.substr(prefix.size()));
  const std::string web = base("api") + "/" + project_;
  json& st = state_;
  const auto n = s.size();

  // Releases.
  if (n == 3 && s[0] == "releases" && s[1] == "tags" && r.method == "GET") {
    json* rel = find_by(st["releases"], "tag_name", core::percent_decode(s[2]));
    return rel ? json_response(200, *rel) : not_found();
  }
  if (n == 1 && s[0] == "releases" && r.method == "POST") {
    const json body = r.json();
    if (!body.contains("tag_name")) {
      return invalid(json::array(
          {{{"resource", "Release"}, {"code", "missing_field"}, {"field", "tag_name"}}}));
    }
    if (find_by(st["releases"], "tag_name", body["tag_name"])) {
      return invalid(json::array(
          {{{"resource", "Release"}, {"code", "already_exists"}, {"field", "tag_name"}}}));
    }
    const int id = next_id();
    const std::string tag = body["tag_name"];
    json rel = {{"id", id},
                {"tag_name", tag},
                {"name", body.value("name", tag)},
                {"body", body.value("body", "")},
                {"draft", body.value("draft", false)},
                {"prerelease", body.value("prerelease", false)},
                {"html_url", web + "/releases/tag/" + tag},
                {"url", base("api") + "/repos/" + project_ + "/releases/" + std::to_string(id)},
                {"upload_url", base("uploads") + "/repos/" + project_ + "/releases/" +
                                   std::to_string(id) + "/assets{?name,label}"},
                {"assets", json::array()}};
    st["releases"].push_back(rel);
    st["assets"][std::to_string(id)] = json::array();
    return json_response(201, rel);
  }
  if (n == 3 && s[0] == "releases" && s[2] == "assets" && r.method == "GET") {
    if (!st["assets"].contains(s[1])) return not_found();
    return page(r, st["assets"][s[1]]);
  }

  // Pull requests.
  if (n == 1 && s[0] == "pulls" && r.method == "GET") {
    json out = json::array();
    const std::string state = r.param("state").empty() ? "open" : r.param("state");
    // Newest first, as GitHub sorts by default.
    for (auto it = st["pulls"].rbegin(); it != st["pulls"].rend(); ++it) {
      const json& p = *it;
      const std::string head =
          project_.substr(0, project_.find('/')) + ":" + p["head"]["ref"].get<std::string>();
      if (!r.param("head").empty() && r.param("head") != head) continue;
      if (!r.param("base").empty() && r.param("base") != p["base"]["ref"]) continue;
      if (state != "all" && p["state"] != state) continue;
      out.push_back(p);
    }
    return page(r, out);
  }
  if (n == 1 && s[0] == "pulls" && r.method == "POST") {
    const json body = r.json();
    for (const auto& p : st["pulls"]) {
      if (p["state"] == "open" && p["head"]["ref"] == body.value("head", "") &&
          p["base"]["ref"] == body.value("base", "")) {
        return invalid(json::array({{{"resource", "PullRequest"},
                                     {"code", "custom"},
                                     {"message", "A pull request already exists for " +
                                                     project_.substr(0, project_.find('/')) + ":" +
                                                     body.value("head", "") + "."}}}));
      }
    }
    const int number = static_cast<int>(st["pulls"].size()) + 1;
    json pull = {{"number", number},
                 {"html_url", web + "/pull/" + std::to_string(number)},
                 {"state", "open"},
                 {"title", body.value("title", "")},
                 {"body", body.value("body", "")},
                 {"head", {{"ref", body.value("head", "")}, {"sha", "0123456789abcdef"}}},
                 {"base", {{"ref", body.value("base", "")}}},
                 {"merged_at", nullptr},
                 {"merge_commit_sha", nullptr},
                 {"labels", json::array()},
                 {"requested_reviewers", json::array()}};
    st["pulls"].push_back(pull);
    return json_response(201, pull);
  }
  if (n == 3 && s[0] == "issues" && s[2] == "labels" && r.method == "POST") {
    json* pull = find_by(st["pulls"], "number", std::stoi(s[1]));
    if (!pull) return not_found();
    json labels = json::array();
    for (const auto& l : r.json().value("labels", json::array())) {
      (*pull)["labels"].push_back({{"name", l}});
      labels.push_back({{"name", l}});
    }
    return json_response(200, labels);
  }
  if (n == 3 && s[0] == "pulls" && s[2] == "requested_reviewers" && r.method == "POST") {
    json* pull = find_by(st["pulls"], "number", std::stoi(s[1]));
    if (!pull) return not_found();
    for (const auto& u : r.json().value("reviewers", json::array())) {
      (*pull)["requested_reviewers"].push_back({{"login", u}});
    }
    return json_response(201, *pull);
  }

  // Checks of a commit.
  if (n == 3 && s[0] == "commits" && s[2] == "check-runs" && r.method == "GET") {
    return page(r, st["check_runs"].value(s[1], json::array()), "check_runs");
  }
  if (n == 3 && s[0] == "commits" && s[2] == "status" && r.method == "GET") {
    const json statuses = st["commit_statuses"].value(s[1], json::array());
    std::string combined = statuses.empty() ? "pending" : "success";
    for (const auto& x : statuses) {
      if (x["state"] != "success") combined = x["state"];
    }
    HttpResponse out = page(r, statuses, "statuses");
    auto body = json::parse(out.body);
    body["state"] = combined;
    out.body = body.dump();
    return out;
  }

  // Comments.
  if (n == 3 && s[0] == "issues" && s[2] == "comments") {
    json& list = st["comments"][s[1]];
    if (list.is_null()) list = json::array();
    if (r.method == "GET") return page(r, list);
    if (r.method == "POST") {
      const int id = next_id();
      json c = {{"id", id},
                {"body", r.json().value("body", "")},
                {"html_url", web + "/pull/" + s[1] + "#issuecomment-" + std::to_string(id)},
                {"user", {{"login", "relctl-bot"}}}};
      list.push_back(c);
      return json_response(201, c);
    }
  }
  if (n == 3 && s[0] == "issues" && s[1] == "comments" && r.method == "PATCH") {
    for (auto& [number, list] : st["comments"].items()) {
      if (json* c = find_by(list, "id", std::stoi(s[2]))) {
        (*c)["body"] = r.json().value("body", "");
        return json_response(200, *c);
      }
    }
    return not_found();
  }

  // Deployments.
  if (n == 1 && s[0] == "deployments" && r.method == "POST") {
    const json body = r.json();
    json d = {{"id", next_id()},
              {"ref", body.value("ref", "")},
              {"environment", body.value("environment", "")},
              {"description", body.value("description", "")},
              {"production_environment", body.value("production_environment", false)}};
    st["deployments"].push_back(d);
    return json_response(201, d);
  }
  if (n == 3 && s[0] == "deployments" && s[2] == "statuses" && r.method == "POST") {
    if (!find_by(st["deployments"], "id", std::stoi(s[1]))) return not_found();
    json status = r.json();
    status["id"] = next_id();
    status["deployment_id"] = std::stoi(s[1]);
    st["statuses"].push_back(status);
    return json_response(201, status);
  }
  return not_found();
}

HttpResponse ForgeServer::github_uploads(const HttpRequest& r) {
  // POST /repos/{owner}/{repo}/releases/{id}/assets?name=NAME, the file as body.
  const std::string prefix = "/repos/" + project_ + "/releases/";
  if (r.method != "POST" || r.path.rfind(prefix, 0) != 0) return not_found();
  const auto s = path_segments(r.path.substr(prefix.size()));
  if (s.size() != 2 || s[1] != "assets" || !state_["assets"].contains(s[0])) return not_found();
  if (r.param("name").empty()) {
    return json_response(400, {{"message", "Bad Content-Length or missing name"}});
  }
  json& assets = state_["assets"][s[0]];
  if (find_by(assets, "name", r.param("name"))) {
    return invalid(json::array(
        {{{"resource", "ReleaseAsset"}, {"code", "already_exists"}, {"field", "name"}}}));
  }
  json asset = {{"id", next_id()},       {"name", r.param("name")},
                {"size", r.body.size()}, {"content_type", r.header("content-type")},
                {"state", "uploaded"},   {"body", r.body}};
  assets.push_back(asset);
  for (auto& rel : state_["releases"]) {
    if (std::to_string(rel["id"].get<int>()) == s[0]) rel["assets"].push_back(asset);
  }
  return json_response(201, asset);
}

}  // namespace relctl::test
