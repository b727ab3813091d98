// Colour on or off: --no-color, NO_COLOR, FORCE_COLOR, CLICOLOR_FORCE, TERM
// and the terminal, in that order of precedence.

#include <pty.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>

#include "relctl/report/reporters.hpp"

using relctl::report::ColorEnv;
using relctl::report::want_color;
using relctl::report::want_progress;

namespace {
ColorEnv tty() {
  ColorEnv env;
  env.tty = true;
  env.term = "xterm-256color";
  return env;
}
ColorEnv pipe() {
  ColorEnv env = tty();
  env.tty = false;
  return env;
}
}  // namespace

TEST_CASE("colour on a terminal, none on a pipe", "[color]") {
  CHECK(want_color(tty(), false));
  CHECK_FALSE(want_color(pipe(), false));
}

TEST_CASE("colour: --no-color beats everything", "[color]") {
  auto env = tty();
  env.force_color = "1";
  env.clicolor_force = "1";
  CHECK_FALSE(want_color(env, true));
}

TEST_CASE("colour: NO_COLOR set to anything but empty turns it off", "[color]") {
  auto env = tty();
  env.no_color = "1";
  CHECK_FALSE(want_color(env, false));
  env.no_color = "";
  CHECK(want_color(env, false));
  // NO_COLOR is the reader's choice: a forcing variable does not override it.
  env.no_color = "yes";
  env.force_color = "1";
  CHECK_FALSE(want_color(env, false));
}

TEST_CASE("colour: FORCE_COLOR and CLICOLOR_FORCE force it on a pipe", "[color]") {
  auto env = pipe();
  env.force_color = "1";
  CHECK(want_color(env, false));
  env = pipe();
  env.force_color = "true";
  CHECK(want_color(env, false));
  env = pipe();
  env.clicolor_force = "1";
  CHECK(want_color(env, false));
  // "0" and empty do not force.
  env = pipe();
  env.force_color = "0";
  env.clicolor_force = "0";
  CHECK_FALSE(want_color(env, false));
  env.force_color = "";
  CHECK_FALSE(want_color(env, false));
  // Forcing beats TERM=dumb too.
  env = tty();
  env.term = "dumb";
  env.force_color = "1";
  CHECK(want_color(env, false));
}

TEST_CASE("colour: TERM=dumb turns it off on a terminal", "[color]") {
  auto env = tty();
  env.term = "dumb";
  CHECK_FALSE(want_color(env, false));
  env.term = "";
  CHECK(want_color(env, false));
}

TEST_CASE("progress line: on a terminal, not on TERM=dumb or a pipe", "[color]") {
  int master = -1, slave = -1;
  REQUIRE(openpty(&master, &slave, nullptr, nullptr, nullptr) == 0);
  const char* saved = std::getenv("TERM");
  const std::string before = saved ? saved : "";
  setenv("TERM", "xterm", 1);
  CHECK(want_progress(slave));
  setenv("TERM", "dumb", 1);
  CHECK_FALSE(want_progress(slave));
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  setenv("TERM", "xterm", 1);
  CHECK_FALSE(want_progress(fds[1]));
  if (saved) {
    setenv("TERM", before.c_str(), 1);
  } else {
    unsetenv("TERM");
  }
  for (int fd : {master, slave, fds[0], fds[1]}) close(fd);
}
