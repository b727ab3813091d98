// GitLab releases (see gitlab.hpp). GitLab keeps no files in a release: each
// asset is stored as a generic package file (one package per project,
// versioned by the tag) and linked from the release under its base name.

#include "forge/gitlab.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/text.hpp"

namespace relctl::forge::detail {

namespace {

// A personal, project or group token goes in PRIVATE-TOKEN; CI's job token in JOB-TOKEN.
std::string auth_header(const Credentials& c) {
  return c.variable == "CI_JOB_TOKEN" ? "JOB-TOKEN" : "PRIVATE-TOKEN";
}

}  // namespace

GitLab::GitLab(const Location& location, const Credentials& credentials)
    : Forge(location), client_(location, credentials, auth_header(credentials), "", {}) {}

std::string GitLab::project(const std::string& path) const {
  return client_.api("/projects/" + core::percent_encode(location().project) + path);
}

std::string GitLab::package_url(const std::string& tag, const std::string& name) const {
  const std::string& p = location().project;
  return project("/packages/generic/" + core::percent_encode(p.substr(p.rfind('/') + 1)) + "/" +
                 core::percent_encode(tag) + "/" + core::percent_encode(name));
}

std::optional<Release> GitLab::find_release(const std::string& tag) {
  const std::string url = project("/releases/" + core::percent_encode(tag));
  const auto found = client_.get_if_found(url);
  if (!found) return std::nullopt;
  Release r;
  r.id = r.tag = text(*found, "tag_name");
  if (found->contains("_links")) r.url = text((*found)["_links"], "self");
  for (const auto& link : client_.get_all(url + "/assets/links?per_page=100")) {
    r.assets.push_back({text(link, "name"), 0});
  }
  return r;
}

std::vector<Request> GitLab::create_release_requests(const NewRelease& r) const {
  // GitLab has no prerelease flag; the name says it.
  return {json_request("POST", project("/releases"),
                       {{"tag_name", r.tag},
                        {"name", r.prerelease ? r.name + " (prerelease)" : r.name},
                        {"description", r.notes}})};
}

Release GitLab::create_release(const NewRelease& r) {
  const Request request = create_release_requests(r).front();
  const auto response = client_.send(request);
  if (response.status == 201) {
    const auto j = nlohmann::json::parse(response.body);
    Release created;
    created.id = created.tag = r.tag;
    if (j.contains("_links")) created.url = text(j["_links"], "self");
    return created;
  }
  // 409 "Release already exists": another run (or a retried request) made it.
  if (response.status == 409 || response.status == 422) {
    if (auto existing = find_release(r.tag)) return *existing;
  }
  client_.fail(request, response);
}

std::vector<Request> GitLab::upload_requests(const std::string& tag, const Release* /*release*/,
                                             const Asset& a) const {
  Request put;
  put.method = "PUT";
  put.url = package_url(tag, a.name);
  put.file = a.file;
  put.content_type = a.content_type;
  return {put,
          json_request("POST", project("/releases/" + core::percent_encode(tag) + "/assets/links"),
                       {{"name", a.name}, {"url", put.url}, {"link_type", "package"}})};
}

void GitLab::upload(const Release& release, const Asset& a) {
  const auto requests = upload_requests(release.tag, &release, a);
  client_.call(requests[0], {200, 201});
  const auto response = client_.send(requests[1]);
  if (response.status == 201) return;
  // A link of that name exists already (a retried request that had arrived).
  if (response.status == 409 || response.status == 422 || response.status == 400) {
    if (const auto now = find_release(release.tag)) {
      for (const auto& existing : now->assets) {
        if (existing.name == a.name) return;
      }
    }
  }
  client_.fail(requests[1], response);
}

}  // namespace relctl::forge::detail
