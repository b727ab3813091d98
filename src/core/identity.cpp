#include "relctl/core/identity.hpp"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>

namespace relctl::core {

std::string current_user() {
  for (const char* name : {"RELCTL_ACTOR", "GITHUB_ACTOR", "USER"}) {
    if (const char* v = std::getenv(name); v && *v) return v;
  }
  if (const passwd* pw = getpwuid(getuid()); pw && pw->pw_name) return pw->pw_name;
  return "unknown";
}

namespace {

std::string env_or(const char* name, const std::string& fallback = {}) {
  const char* v = std::getenv(name);
  return v && *v ? std::string(v) : fallback;
}

}  // namespace

std::string ci_job_url() {
  if (auto run = env_or("GITHUB_RUN_ID"); !run.empty()) {
    return env_or("GITHUB_SERVER_URL", "https://github.com") + "/" + env_or("GITHUB_REPOSITORY") +
           "/actions/runs/" + run;
  }
  if (auto url = env_or("CI_JOB_URL"); !url.empty()) return url;
  return env_or("BUILD_URL");
}

std::string host_name() {
  char buf[256] = {};
  if (gethostname(buf, sizeof buf - 1) != 0 || !*buf) return "unknown";
  return buf;
}

}  // namespace relctl::core
