#pragma once
// What the GitHub and GitLab adapters share (private to src/forge): sending
// a request with the token, reading JSON answers, following every page, and
// turning an unexpected status into a relctl::Error that names the request.

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "forge/http.hpp"
#include "relctl/forge/forge.hpp"

namespace relctl::forge::detail {

/// A request with a JSON body (`body` null: none).
Request json_request(std::string method, std::string url, const nlohmann::json& body = nullptr);

class Client {
 public:
  /// `auth_header` is the header's name ("Authorization" with "Bearer ",
  /// "PRIVATE-TOKEN", "JOB-TOKEN"); `prefix` goes before the token.
  Client(const Location& location, Credentials credentials, std::string auth_header,
         std::string prefix, std::vector<std::string> headers);

  /// The API's URL for `path` ("/repos/acme/widgets/releases").
  std::string api(const std::string& path) const { return location_.api_url + path; }

  /// Sends `request` with the token; ConfigError when there is no token.
  Response send(const Request& request) const;
  /// Sends it and returns the JSON answer when the status is one of `ok`;
  /// anything else throws (see fail()).
  nlohmann::json call(const Request& request, std::initializer_list<long> ok) const;
  /// GET `url`: the JSON answer, or nullopt on 404.
  std::optional<nlohmann::json> get_if_found(const std::string& url) const;
  /// GET `url` and every page after it (Link: rel="next"): the items of each
  /// page's array (or of its `key` when the page is an object).
  std::vector<nlohmann::json> get_all(const std::string& url, const std::string& key = "") const;

  /// Throws the Error that `response` to `request` means: DependencyError
  /// for 401, 403, 404, 429 and 5xx; GateError for 409, 422 and the rest.
  [[noreturn]] void fail(const Request& request, const Response& response) const;

  const Location& location() const { return location_; }
  const std::string& forge_name() const { return name_; }

 private:
  Location location_;
  Credentials credentials_;
  std::string name_;
  std::string auth_header_;
  std::string prefix_;
  std::vector<std::string> headers_;
};

/// A string field of `j`, or "" (numbers are written out).
std::string text(const nlohmann::json& j, const char* key);

}  // namespace relctl::forge::detail
