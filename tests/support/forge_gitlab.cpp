// The local forge's GitLab REST v4 endpoints (see forge_server.hpp),
// answering as docs.gitlab.com describes them. The project is addressed by
// its URL-encoded path (acme%2Fwidgets).

#include "relctl/core/text.hpp"
#include "support/forge_server.hpp"

namespace relctl::test {

namespace {

using json = nlohmann::json;

HttpResponse missing() {
  return json_response(404, {{"message", "404 Not Found"}});
}

}  // namespace

HttpResponse ForgeServer::gitlab(const HttpRequest& r) {
  json& st = state_;
  const std::string api = "/api/v4";
  if (r.path == api + "/users" && r.method == "GET") {
    json out = json::array();
    for (const auto& u : st["users"]) {
      if (u["username"] == r.param("username")) out.push_back(u);
    }
    return json_response(200, out);
  }
  const std::string prefix = api + "/projects/";
  if (r.path.rfind(prefix, 0) != 0) return missing();
  const auto s = path_segments(r.path.substr(prefix.size()));
  if (s.empty() || core::percent_decode(s[0]) != project_ || s[0].find('/') != std::string::npos) {
    return missing();
  }
  const std::string web = base("api") + "/" + project_;
  const auto n = s.size();

  // Releases and their links.
  if (n == 2 && s[1] == "releases" && r.method == "POST") {
    const json body = r.json();
    for (const auto& rel : st["releases"]) {
      if (rel["tag_name"] == body.value("tag_name", "")) {
        return json_response(409, {{"message", "Release already exists"}});
      }
    }
    const std::string tag = body.value("tag_name", "");
    json rel = {{"tag_name", tag},
                {"name", body.value("name", tag)},
                {"description", body.value("description", "")},
                {"_links", {{"self", web + "/-/releases/" + tag}}},
                {"assets", {{"links", json::array()}}}};
    st["releases"].push_back(rel);
    st["links"][tag] = json::array();
    return json_response(201, rel);
  }
  if (n == 3 && s[1] == "releases" && r.method == "GET") {
    for (const auto& rel : st["releases"]) {
      if (rel["tag_name"] == core::percent_decode(s[2])) return json_response(200, rel);
    }
    return missing();
  }
  if (n == 5 && s[1] == "releases" && s[3] == "assets" && s[4] == "links") {
    const std::string tag = core::percent_decode(s[2]);
    if (!st["links"].contains(tag)) return missing();
    json& links = st["links"][tag];
    if (r.method == "GET") return page(r, links);
    if (r.method == "POST") {
      const json body = r.json();
      for (const auto& l : links) {
        if (l["name"] == body.value("name", "")) {
          return json_response(400, {{"message", {{"name", {"has already been taken"}}}}});
        }
      }
      json link = {{"id", next_id()},
                   {"name", body.value("name", "")},
                   {"url", body.value("url", "")},
                   {"link_type", body.value("link_type", "other")}};
      links.push_back(link);
      return json_response(201, link);
    }
  }
  // PUT /projects/:id/packages/generic/:package/:version/:file
  if (n == 6 && s[1] == "packages" && s[2] == "generic" && r.method == "PUT") {
    const std::string key = core::percent_decode(s[3]) + "/" + core::percent_decode(s[4]) + "/" +
                            core::percent_decode(s[5]);
    st["packages"][key] = {
        {"size", r.body.size()}, {"content_type", r.header("content-type")}, {"body", r.body}};
    return json_response(201, {{"message", "201 Created"}});
  }

  // Merge requests.
  if (n == 2 && s[1] == "merge_requests" && r.method == "GET") {
    json out = json::array();
    const std::string state = r.param("state");
    for (auto it = st["merge_requests"].rbegin(); it != st["merge_requests"].rend(); ++it) {
      const json& mr = *it;
      if (!r.param("source_branch").empty() && mr["source_branch"] != r.param("source_branch")) {
        continue;
      }
      if (!r.param("target_branch").empty() && mr["target_branch"] != r.param("target_branch")) {
        continue;
      }
      if (!state.empty() && state != "all" && mr["state"] != state) continue;
      out.push_back(mr);
    }
    return page(r, out);
  }
  if (n == 2 && s[1] == "merge_requests" && r.method == "POST") {
    const json body = r.json();
    for (const auto& mr : st["merge_requests"]) {
      if (mr["state"] == "opened" && mr["source_branch"] == body.value("source_branch", "")) {
        return json_response(
            409, {{"message", json::array({"Another open merge request already exists for this "
                                           "source branch: !" +
                                           std::to_string(mr["iid"].get<int>())})}});
      }
    }
    const int iid = static_cast<int>(st["merge_requests"].size()) + 1;
    json mr = body;
    mr["iid"] = iid;
    mr["id"] = next_id();
    mr["state"] = "opened";
    mr["web_url"] = web + "/-/merge_requests/" + std::to_string(iid);
    mr["sha"] = "0123456789abcdef";
    mr["merge_commit_sha"] = nullptr;
    mr["squash_commit_sha"] = nullptr;
    mr["head_pipeline"] = nullptr;
    st["merge_requests"].push_back(mr);
    return json_response(201, mr);
  }
  if (n == 3 && s[1] == "merge_requests" && r.method == "GET") {
    for (const auto& mr : st["merge_requests"]) {
      if (std::to_string(mr["iid"].get<int>()) == s[2]) return json_response(200, mr);
    }
    return missing();
  }
  if ((n == 4 || n == 5) && s[1] == "merge_requests" && s[3] == "notes") {
    json& notes = st["notes"][s[2]];
    if (notes.is_null()) notes = json::array();
    if (n == 4 && r.method == "GET") return page(r, notes);
    if (n == 4 && r.method == "POST") {
      json note = {{"id", next_id()},
                   {"body", r.json().value("body", "")},
                   {"author", {{"username", "relctl-bot"}}}};
      notes.push_back(note);
      return json_response(201, note);
    }
    if (n == 5 && r.method == "PUT") {
      for (auto& note : notes) {
        if (std::to_string(note["id"].get<int>()) == s[4]) {
          note["body"] = r.json().value("body", "");
          return json_response(200, note);
        }
      }
      return missing();
    }
  }

  // Deployments.
  if (n == 2 && s[1] == "deployments" && r.method == "POST") {
    json d = r.json();
    d["id"] = next_id();
    st["deployments"].push_back(d);
    return json_response(201, d);
  }
  return missing();
}

}  // namespace relctl::test
