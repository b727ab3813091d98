#include "relctl/report/output.hpp"

#include <cstdlib>

#include "relctl/core/redactor.hpp"
#include "relctl/core/sanitize.hpp"

namespace relctl::report {

bool github_actions() {
  const char* v = std::getenv("GITHUB_ACTIONS");
  return v && std::string_view(v) == "true";
}

std::string guard_workflow_commands(std::string text) {
  return github_actions() ? core::fence_workflow_commands(std::move(text)) : text;
}

void print_text(std::FILE* out, std::string_view text) {
  const std::string shown = guard_workflow_commands(core::redactor().clean(text));
  std::fwrite(shown.data(), 1, shown.size(), out);
  std::fflush(out);
}

}  // namespace relctl::report
