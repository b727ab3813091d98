// The part of the forge adapter GitHub and GitLab share (see client.hpp).

#include "forge/client.hpp"

#include <cstdlib>
#include <ctime>

#include "relctl/core/error.hpp"

namespace relctl::forge {

std::string Request::describe() const {
  std::string out = method + " " + url;
  if (!file.empty()) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    out += " (" + content_type + ", " +
           (ec ? std::string("the bytes") : std::to_string(size) + " bytes") + " of " +
           file.string() + ")";
  } else if (!json.empty()) {
    out += " " + json;
  }
  return out;
}

std::string Forge::name() const {
  return std::string(display_name(location_.kind));
}

std::string content_type_for(const std::string& name) {
  auto ends = [&](const char* suffix) {
    const std::string s(suffix);
    return name.size() >= s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0;
  };
  if (ends(".tar.gz") || ends(".tgz") || ends(".gz")) return "application/gzip";
  if (ends(".zip")) return "application/zip";
  if (ends(".json")) return "application/json";
  if (ends(".tar")) return "application/x-tar";
  if (ends(".xz")) return "application/x-xz";
  if (ends(".zst")) return "application/zstd";
  if (ends(".whl") || ends(".jar")) return "application/zip";
  if (ends(".md")) return "text/markdown";
  if (ends(".txt") || ends(".asc") || ends(".sig") || name == "SHA256SUMS" || ends(".sha256")) {
    return "text/plain";
  }
  return "application/octet-stream";
}

namespace detail {

namespace {

// The forge's own words about a refusal: GitHub's message and errors,
// GitLab's message (a string, a list or an object of lists) or error.
std::string forge_message(const std::string& body) {
  const auto j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return body.substr(0, 200);
  std::string out;
  auto add = [&out](const std::string& s) {
    if (!s.empty()) out += (out.empty() ? "" : "; ") + s;
  };
  for (const char* key : {"message", "error"}) {
    if (!j.contains(key)) continue;
    const auto& m = j[key];
    if (m.is_string()) {
      add(m.get<std::string>());
    } else {
      add(m.dump());
    }
  }
  if (j.contains("errors") && j["errors"].is_array()) {
    for (const auto& e : j["errors"]) {
      if (e.is_string()) {
        add(e.get<std::string>());
      } else if (e.is_object()) {
        add(e.contains("message") ? text(e, "message") : text(e, "field") + " " + text(e, "code"));
      }
    }
  }
  return out;
}

}  // namespace

std::string text(const nlohmann::json& j, const char* key) {
  if (!j.is_object() || !j.contains(key)) return "";
  const auto& v = j[key];
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  return "";
}

Request json_request(std::string method, std::string url, const nlohmann::json& body) {
  Request r;
  r.method = std::move(method);
  r.url = std::move(url);
  if (!body.is_null()) r.json = body.dump();
  return r;
}

Client::Client(const Location& location, Credentials credentials, std::string auth_header,
               std::string prefix, std::vector<std::string> headers)
    : location_(location),
      credentials_(std::move(credentials)),
      name_(display_name(location.kind)),
      auth_header_(std::move(auth_header)),
      prefix_(std::move(prefix)),
      headers_(std::move(headers)) {}

Response Client::send(const Request& request) const {
  if (credentials_.token.empty()) {
    std::string vars;
    for (const auto& v : credentials_.tried) vars += (vars.empty() ? "$" : " or $") + v;
    throw ConfigError("no " + name_ + " token: " + vars + " is not set",
                      "export a token allowed to write releases (and pull requests) there, or "
                      "name the variable that holds it with [forge] token_env");
  }
  std::vector<std::string> headers = headers_;
  headers.push_back(auth_header_ + ": " + prefix_ + credentials_.token);
  return Http(name_, std::move(headers)).send(request);
}

nlohmann::json Client::call(const Request& request, std::initializer_list<long> ok) const {
  const Response response = send(request);
  if (std::find(ok.begin(), ok.end(), response.status) == ok.end()) fail(request, response);
  if (response.body.empty()) return nlohmann::json::object();
  auto j = nlohmann::json::parse(response.body, nullptr, false);
  if (j.is_discarded()) {
    throw DependencyError(name_ + " answered " + request.method + " " + request.url +
                          " with something that is not JSON");
  }
  return j;
}

std::optional<nlohmann::json> Client::get_if_found(const std::string& url) const {
  const Request request = json_request("GET", url);
  const Response response = send(request);
  if (response.status == 404) return std::nullopt;
  if (response.status != 200) fail(request, response);
  auto j = nlohmann::json::parse(response.body, nullptr, false);
  if (j.is_discarded()) throw DependencyError(name_ + " answered GET " + url + " with no JSON");
  return j;
}

std::vector<nlohmann::json> Client::get_all(const std::string& url, const std::string& key) const {
  std::vector<nlohmann::json> items;
  std::optional<std::string> next = url;
  for (int page = 0; next && page < 100; ++page) {
    // A token only goes to the API's own host: a next page elsewhere ends here.
    if (next->rfind(location_.api_url, 0) != 0) {
      throw DependencyError(name_ + " pointed the next page of " + url + " to " + *next +
                            ", outside " + location_.api_url);
    }
    const Request request = json_request("GET", *next);
    const Response response = send(request);
    if (response.status != 200) fail(request, response);
    auto j = nlohmann::json::parse(response.body, nullptr, false);
    const auto& list = key.empty() ? j : (j.is_object() && j.contains(key) ? j[key] : j);
    if (!list.is_array()) {
      throw DependencyError(name_ + " answered GET " + *next + " without a list");
    }
    for (const auto& item : list) items.push_back(item);
    next = next_link(response.header("link"));
  }
  return items;
}

void Client::fail(const Request& request, const Response& response) const {
  const std::string said = forge_message(response.body);
  const std::string what = name_ + " answered " + std::to_string(response.status) + " to " +
                           request.method + " " + request.url + (said.empty() ? "" : ": " + said);
  switch (response.status) {
    case 401:
      throw DependencyError(what, name_ + " refused the token in $" + credentials_.variable +
                                      ": renew it, or name the right variable with [forge] "
                                      "token_env");
    case 403:
    case 429:
      if (is_rate_limit(response)) {
        std::string when;
        if (const auto reset = response.header("x-ratelimit-reset"); !reset.empty()) {
          char* end = nullptr;
          const std::time_t t = std::strtoll(reset.c_str(), &end, 10);
          char buffer[32];
          if (end && *end == '\0' && t > 0 &&
              std::strftime(buffer, sizeof buffer, "%H:%M UTC", std::gmtime(&t)) > 0) {
            when = std::string(" (it resets at ") + buffer + ")";
          }
        }
        throw DependencyError(what, "rate limited" + when +
                                        ": run the step again later (relctl publish TAG "
                                        "finishes a release's forge step)");
      }
      throw DependencyError(what, "the token in $" + credentials_.variable +
                                      " lacks a permission: releases need contents: write, pull "
                                      "requests pull-requests: write, deployments deployments: "
                                      "write (GitLab: the api scope)");
    case 404:
      throw DependencyError(what, "check the repository (" + location_.project +
                                      ", from [forge] repository or the remote's URL) and that "
                                      "the token in $" +
                                      credentials_.variable + " can see it");
    case 409:
    case 422:
      throw GateError(what);
    default:
      throw DependencyError(what, response.status >= 500
                                      ? name_ + " kept failing; try again later"
                                      : "see " + name_ + "'s API documentation for this status");
  }
}

}  // namespace detail

}  // namespace relctl::forge
