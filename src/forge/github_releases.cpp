// GitHub releases and their assets (see github.hpp). Assets go to the
// upload host the release's upload_url names (uploads.github.com on
// github.com), one POST per file, named after its base name.

#include "forge/github.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/text.hpp"

namespace relctl::forge::detail {

GitHub::GitHub(const Location& location, const Credentials& credentials)
    : Forge(location),
      client_(location, credentials, "Authorization", "Bearer ",
              {"Accept: application/vnd.github+json", "X-GitHub-Api-Version: 2022-11-28"}) {}

std::string GitHub::repo(const std::string& path) const {
  return client_.api("/repos/" + location().project + path);
}

Release GitHub::release_from(const nlohmann::json& j) {
  Release r;
  r.id = text(j, "id");
  r.tag = text(j, "tag_name");
  r.url = text(j, "html_url");
  // "https://uploads.github.com/repos/o/r/releases/1/assets{?name,label}"
  r.upload_url = text(j, "upload_url");
  r.upload_url = r.upload_url.substr(0, r.upload_url.find('{'));
  return r;
}

std::optional<Release> GitHub::find_release(const std::string& tag) {
  const auto found = client_.get_if_found(repo("/releases/tags/" + core::percent_encode(tag)));
  if (!found) return std::nullopt;
  Release r = release_from(*found);
  for (const auto& a : client_.get_all(repo("/releases/" + r.id + "/assets?per_page=100"))) {
    r.assets.push_back({text(a, "name"), a.value("size", std::uintmax_t{0})});
  }
  return r;
}

std::vector<Request> GitHub::create_release_requests(const NewRelease& r) const {
  return {json_request("POST", repo("/releases"),
                       {{"tag_name", r.tag},
                        {"name", r.name},
                        {"body", r.notes},
                        {"draft", false},
                        {"prerelease", r.prerelease}})};
}

Release GitHub::create_release(const NewRelease& r) {
  const Request request = create_release_requests(r).front();
  const auto response = client_.send(request);
  if (response.status == 201) return release_from(nlohmann::json::parse(response.body));
  // 422 already_exists: another run (or a retried request) created it.
  if (response.status == 422) {
    if (auto existing = find_release(r.tag)) return *existing;
  }
  client_.fail(request, response);
}

std::vector<Request> GitHub::upload_requests(const std::string& /*tag*/, const Release* release,
                                             const Asset& a) const {
  Request r;
  r.method = "POST";
  r.url = (release ? release->upload_url : std::string("<upload_url of the new release>")) +
          "?name=" + core::percent_encode(a.name);
  r.file = a.file;
  r.content_type = a.content_type;
  return {r};
}

void GitHub::upload(const Release& release, const Asset& a) {
  const Request request = upload_requests(release.tag, &release, a).front();
  const auto response = client_.send(request);
  if (response.status == 201) return;
  // 422: an asset of that name is there already (a retried upload that had arrived).
  if (response.status == 422) {
    if (const auto now = find_release(release.tag)) {
      for (const auto& existing : now->assets) {
        if (existing.name == a.name) return;
      }
    }
  }
  client_.fail(request, response);
}

}  // namespace relctl::forge::detail
