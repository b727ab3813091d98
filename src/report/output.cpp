#include "relctl/report/output.hpp"

#include <cstdlib>
#include <random>

#include "relctl/core/redactor.hpp"
#include "relctl/core/sanitize.hpp"

namespace relctl::report {

namespace {

// 128 random bits: untrusted text cannot guess it, so it cannot end the fence.
std::string fresh_token() {
  static constexpr char hex[] = "0123456789abcdef";
  std::random_device device;
  std::string token = "relctl-";
  for (int i = 0; i < 4; ++i) {
    const auto word = device();
    for (int shift = 28; shift >= 0; shift -= 4) token += hex[(word >> shift) & 15];
  }
  return token;
}

}  // namespace

bool github_actions() {
  const char* v = std::getenv("GITHUB_ACTIONS");
  return v && std::string_view(v) == "true";
}

std::string guard_workflow_commands(std::string text) {
  if (!github_actions() || !core::has_workflow_command(text)) return text;
  const std::string token = fresh_token();
  if (!text.empty() && text.back() != '\n') text += '\n';
  return "::stop-commands::" + token + "\n" + text + "::" + token + "::\n";
}

void print_text(std::FILE* out, std::string_view text) {
  const std::string shown = guard_workflow_commands(core::redactor().clean(text));
  std::fwrite(shown.data(), 1, shown.size(), out);
  std::fflush(out);
}

}  // namespace relctl::report
