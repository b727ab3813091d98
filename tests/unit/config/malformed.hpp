#pragma once
// One malformed relctl.toml and the error it must produce.

namespace relctl::test {

struct Malformed {
  const char* title;
  const char* toml;
  const char* message;  // the whole ConfigError message, exactly
  const char* hint;     // how the hint starts
};

/// Parses `c.toml` and checks it throws a ConfigError (exit code 2) with
/// exactly `c.message` and a hint starting with `c.hint`.
void check_malformed(const Malformed& c);

}  // namespace relctl::test
