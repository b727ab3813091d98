// When to send a forge request again, and where the next page is (see http.hpp).

#include <regex>

#include "forge/http.hpp"

namespace relctl::forge::detail {

namespace {

std::optional<long long> number(const std::string& text) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  try {
    return std::stoll(text);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace

bool is_rate_limit(const Response& r) {
  if (r.status == 429) return true;
  if (r.status != 403) return false;
  // GitHub's primary limit says remaining 0; its secondary limit sends retry-after.
  return !r.header("retry-after").empty() || r.header("x-ratelimit-remaining") == "0";
}

RetryDecision retry_decision(int attempt, const Response& r, std::time_t now) {
  RetryDecision d;
  if (attempt >= max_attempts) return d;
  if (is_rate_limit(r)) {
    long long wait = 0;
    if (const auto after = number(r.header("retry-after"))) {
      wait = *after;
    } else if (const auto reset = number(r.header("x-ratelimit-reset"))) {
      wait = *reset - static_cast<long long>(now) + 1;
    } else if (const auto gitlab_reset = number(r.header("ratelimit-reset"))) {
      wait = *gitlab_reset - static_cast<long long>(now) + 1;
    } else {
      wait = 1LL << (attempt - 1);
    }
    wait = std::max(1LL, wait);
    if (wait > longest_wait.count()) return d;  // the caller says when it resets
    return {true, std::chrono::seconds(wait), "rate limited (" + std::to_string(r.status) + ")"};
  }
  if (r.status == 500 || r.status == 502 || r.status == 503 || r.status == 504) {
    long long wait = 1LL << (attempt - 1);
    if (const auto after = number(r.header("retry-after"))) wait = std::max(1LL, *after);
    if (wait > longest_wait.count()) return d;
    return {true, std::chrono::seconds(wait), "answer " + std::to_string(r.status)};
  }
  return d;
}

std::optional<std::string> next_link(const std::string& header) {
  // <https://api.github.com/...&page=2>; rel="next", <...>; rel="last"
  static const std::regex link(R"re(<([^>]*)>\s*;[^,]*rel="?next"?)re");
  std::smatch m;
  if (std::regex_search(header, m, link)) return m[1].str();
  return std::nullopt;
}

}  // namespace relctl::forge::detail
