// When a forge request is sent again: rate limits wait what the forge asks,
// 5xx answers back off, everything else is final; pages follow Link headers.

#include <catch2/catch.hpp>

#include "forge/http.hpp"

using namespace relctl::forge::detail;

namespace {

Response answer(long status, std::map<std::string, std::string> headers = {}) {
  Response r;
  r.status = status;
  r.headers = std::move(headers);
  return r;
}

}  // namespace

TEST_CASE("forge retry: a 403 rate limit waits retry-after or until the reset", "[forge]") {
  auto d = retry_decision(1, answer(403, {{"retry-after", "3"}}), 1000);
  CHECK(d.again);
  CHECK(d.wait.count() == 3);
  d = retry_decision(
      1, answer(403, {{"x-ratelimit-remaining", "0"}, {"x-ratelimit-reset", "1010"}}), 1000);
  CHECK(d.again);
  CHECK(d.wait.count() == 11);
  d = retry_decision(2, answer(429, {{"ratelimit-reset", "1002"}}), 1000);
  CHECK(d.again);
  CHECK(d.wait.count() == 3);
  // A limit that resets in an hour fails at once.
  CHECK_FALSE(retry_decision(1, answer(403, {{"retry-after", "3600"}}), 1000).again);
  // A 403 that is no rate limit (a missing permission) is final.
  CHECK_FALSE(retry_decision(1, answer(403), 1000).again);
  CHECK_FALSE(is_rate_limit(answer(403)));
}

TEST_CASE("forge retry: 5xx backs off 1s, 2s, 4s, and stops after the last attempt", "[forge]") {
  CHECK(retry_decision(1, answer(502), 0).wait.count() == 1);
  CHECK(retry_decision(2, answer(503), 0).wait.count() == 2);
  CHECK(retry_decision(3, answer(500), 0).wait.count() == 4);
  CHECK_FALSE(retry_decision(max_attempts, answer(502), 0).again);
  for (long status : {200L, 201L, 401L, 404L, 409L, 422L, 501L}) {
    INFO(status);
    CHECK_FALSE(retry_decision(1, answer(status), 0).again);
  }
}

TEST_CASE("forge retry: the next page is the Link header's rel=next", "[forge]") {
  CHECK(
      next_link(
          R"(<https://api.github.com/x?page=2>; rel="next", <https://api.github.com/x?page=5>; rel="last")") ==
      std::optional<std::string>("https://api.github.com/x?page=2"));
  CHECK(next_link(R"(<https://a/x?page=1>; rel="prev", <https://a/x?page=3>; rel="next")") ==
        std::optional<std::string>("https://a/x?page=3"));
  CHECK_FALSE(next_link(R"(<https://a/x?page=1>; rel="first", <https://a/x?page=1>; rel="last")"));
  CHECK_FALSE(next_link(""));
}
