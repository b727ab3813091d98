// When relctl's human output is coloured. Precedence, strongest first:
// --no-color, NO_COLOR (https://no-color.org), FORCE_COLOR or CLICOLOR_FORCE
// (https://force-color.org, https://bixense.com/clicolors), TERM=dumb, and
// finally whether the output is a terminal. Also when a progress line may be
// redrawn in place: on a terminal that is not TERM=dumb.

#include <unistd.h>

#include <cstdlib>
#include <string_view>

#include "relctl/report/reporters.hpp"

namespace relctl::report {

namespace {

std::string env_value(const char* name) {
  const char* v = std::getenv(name);
  return v ? std::string(v) : std::string();
}

// A forcing variable counts when set to anything but "" or "0".
bool forces(std::string_view value) {
  return !value.empty() && value != "0";
}

}  // namespace

bool want_color(const ColorEnv& env, bool no_color_flag) {
  if (no_color_flag || !env.no_color.empty()) return false;
  if (forces(env.force_color) || forces(env.clicolor_force)) return true;
  if (env.term == "dumb") return false;
  return env.tty;
}

ColorEnv color_env(std::FILE* out) {
  return {.tty = isatty(fileno(out)) != 0,
          .term = env_value("TERM"),
          .no_color = env_value("NO_COLOR"),
          .force_color = env_value("FORCE_COLOR"),
          .clicolor_force = env_value("CLICOLOR_FORCE")};
}

bool want_color(std::FILE* out, bool no_color_flag) {
  return want_color(color_env(out), no_color_flag);
}

bool want_progress(int fd) {
  return isatty(fd) != 0 && env_value("TERM") != "dumb";
}

}  // namespace relctl::report
