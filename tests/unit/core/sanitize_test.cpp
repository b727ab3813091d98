// Outside text as relctl shows and stores it: valid UTF-8, no control
// character that could drive a terminal, no workflow command.

#include <algorithm>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "relctl/core/sanitize.hpp"

using namespace relctl::core;

TEST_CASE("sanitize keeps text, newlines and tabs, and escapes other control characters",
          "[sanitize]") {
  CHECK(sanitize("plain text\n\twith a tab") == "plain text\n\twith a tab");
  CHECK(sanitize("\x1b[31mred\x1b[0m") == "\\x1b[31mred\\x1b[0m");
  CHECK(sanitize("bell\a and NUL") == "bell\\x07 and NUL");
  CHECK(sanitize(std::string("a\0b", 3)) == "a\\x00b");
  CHECK(sanitize("del\x7f") == "del\\x7f");
  CHECK(sanitize("windows\r\nline") == "windows\nline");
  CHECK(sanitize("progress\roverwritten") == "progress\\x0doverwritten");
}

TEST_CASE("sanitize replaces invalid UTF-8 with U+FFFD and keeps valid UTF-8", "[sanitize]") {
  CHECK(sanitize("caf\xE9") == "caf\xEF\xBF\xBD");
  CHECK(sanitize("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80") ==
        "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80");
  CHECK(sanitize("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");                  // overlong '/'
  CHECK(sanitize("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
  CHECK(sanitize("\xE2\x82") == "\xEF\xBF\xBD");                              // cut short
  CHECK(sanitize("\xF4\x90\x80\x80").find("\xF4") == std::string::npos);      // past U+10FFFF
}

TEST_CASE("sanitize escapes C1 controls, line separators and bidirectional overrides",
          "[sanitize]") {
  CHECK(sanitize("\xC2\x9B"
                 "31m") == "\\u009b31m");
  CHECK(sanitize("evil\xE2\x80\xAEtxt.exe") == "evil\\u202etxt.exe");
  CHECK(sanitize("a\xE2\x80\xA8"
                 "b") == "a\\u2028b");
}

TEST_CASE("sanitize is idempotent and linear on a megabyte of hostile bytes", "[sanitize]") {
  std::string hostile;
  for (unsigned i = 0; i < 1u << 20; ++i) hostile += static_cast<char>((i * 7919u) & 0xFFu);
  const std::string once = sanitize(hostile);
  CHECK(sanitize(once) == once);
  CHECK(std::none_of(once.begin(), once.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u < 0x20 && c != '\n' && c != '\t') || u == 0x7F;
  }));
  CHECK(nlohmann::json(once).dump().size() > once.size() / 2);  // valid UTF-8: dump does not throw
}

TEST_CASE("sanitize_json keeps JSON valid and escapes what sanitize escapes", "[sanitize]") {
  const std::string raw = std::string("{\"a\":\"x\x1b[2J\xE9\xC2\x9B\"}");
  const std::string text = sanitize_json(raw);
  const auto doc = nlohmann::json::parse(text);
  CHECK(doc["a"].get<std::string>() == "x\x1b[2J\xEF\xBF\xBD\xC2\x9B");
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK(sanitize_json("{\n\t\"a\": 1\r\n}") == "{\n\t\"a\": 1\r\n}");
}

TEST_CASE("has_control_characters finds what must not go into a commit message", "[sanitize]") {
  CHECK(has_control_characters("t\nRelctl-Snapshot-Sha256: 0"));
  CHECK(has_control_characters("tab\there"));
  CHECK(has_control_characters("esc\x1b"));
  CHECK(has_control_characters("caf\xE9"));
  CHECK_FALSE(has_control_characters("caf\xC3\xA9 castaways_2024"));
}

TEST_CASE("has_workflow_command finds lines a GitHub runner would execute", "[sanitize]") {
  CHECK(has_workflow_command("::add-mask::x"));
  CHECK(has_workflow_command("ok\n  ::warning::forged"));
  CHECK(has_workflow_command("ok\n\xC2\xA0::error::nbsp"));
  CHECK(has_workflow_command("anywhere ##[set-output name=x]y"));
  CHECK_FALSE(has_workflow_command("a :: b\nnot at the start: ::x"));
  CHECK_FALSE(has_workflow_command("  passed  git.clean  3ms"));
}
