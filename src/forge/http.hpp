#pragma once
// HTTP for the forge adapter, over libcurl (private to src/forge): TLS
// verification always on, proxies from the environment (libcurl reads
// https_proxy, no_proxy...), no redirects followed (a token never goes to
// another host), Ctrl-C honoured, and bounded retries with backoff on rate
// limits, 5xx answers and dropped connections.

#include <chrono>
#include <ctime>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "relctl/forge/forge.hpp"

namespace relctl::forge::detail {

struct Response {
  long status = 0;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  /// The header's value, or "".
  std::string header(const std::string& lower_name) const;
};

/// Whether to send a request again after `response` (attempt 1 is the first).
struct RetryDecision {
  bool again = false;
  std::chrono::seconds wait{0};
  std::string why;  // "rate limited", "502 Bad Gateway", ...
};

/// How many times relctl sends one request at most.
inline constexpr int max_attempts = 4;
/// The longest wait relctl accepts before a retry; a rate limit that resets
/// later fails at once, saying when.
inline constexpr std::chrono::seconds longest_wait{60};

/// Rate limits (429; 403 with retry-after or x-ratelimit-remaining: 0) wait
/// what the forge asks; 500, 502, 503 and 504 back off 1s, 2s, 4s. `now`
/// is the Unix time (x-ratelimit-reset is one).
RetryDecision retry_decision(int attempt, const Response& response, std::time_t now);

/// True when `response` is a rate limit (whether or not it may be retried).
bool is_rate_limit(const Response& response);

/// The `rel="next"` URL of a Link header, or nullopt.
std::optional<std::string> next_link(const std::string& link_header);

class Http {
 public:
  /// `headers` go with every request ("Authorization: Bearer ...").
  Http(std::string forge_name, std::vector<std::string> headers);

  /// Sends `request`, retrying as retry_decision() says. Returns the last
  /// response whatever its status; throws DependencyError when the forge
  /// cannot be reached (or keeps failing), ConfigError for a URL that is
  /// neither HTTPS nor loopback HTTP, Interrupted on Ctrl-C.
  Response send(const Request& request) const;

 private:
  std::string forge_name_;
  std::vector<std::string> headers_;
};

}  // namespace relctl::forge::detail
