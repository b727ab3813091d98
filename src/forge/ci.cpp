// The CI job's pull request (see location.hpp).

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "relctl/forge/location.hpp"

namespace relctl::forge {

namespace {

std::optional<int> positive(const std::string& text) {
  if (text.empty() || text.size() > 9 ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  const int n = std::stoi(text);
  return n > 0 ? std::optional<int>(n) : std::nullopt;
}

// pull_request_target, pull_request_review...: pull_request.number;
// issue_comment on a pull request: issue.number with issue.pull_request.
std::optional<int> from_event_file(const std::string& path) {
  if (path.empty()) return std::nullopt;
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  const auto event = nlohmann::json::parse(text.str(), nullptr, false);
  if (event.is_discarded() || !event.is_object()) return std::nullopt;
  if (event.contains("pull_request") && event["pull_request"].is_object()) {
    const auto& n = event["pull_request"]["number"];
    if (n.is_number_integer() && n.get<int>() > 0) return n.get<int>();
  }
  if (event.contains("issue") && event["issue"].is_object() &&
      event["issue"].contains("pull_request")) {
    const auto& n = event["issue"]["number"];
    if (n.is_number_integer() && n.get<int>() > 0) return n.get<int>();
  }
  return std::nullopt;
}

}  // namespace

std::optional<int> pull_request_number(Kind kind, const Getenv& env) {
  if (kind == Kind::gitlab) return positive(env("CI_MERGE_REQUEST_IID"));
  if (auto n = from_event_file(env("GITHUB_EVENT_PATH"))) return n;
  static const std::regex ref(R"(^refs/pull/([0-9]+)/(merge|head)$)");
  std::smatch m;
  const std::string github_ref = env("GITHUB_REF");
  if (std::regex_match(github_ref, m, ref)) return positive(m[1].str());
  return std::nullopt;
}

bool in_ci(const Getenv& env) {
  return env("CI") == "true" || env("GITHUB_ACTIONS") == "true" || env("GITLAB_CI") == "true";
}

}  // namespace relctl::forge
