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

std::string host_name() {
  char buf[256] = {};
  if (gethostname(buf, sizeof buf - 1) != 0 || !*buf) return "unknown";
  return buf;
}

}  // namespace relctl::core
