// The commands whose output is one text (help, a completion script, the
// manual page): the text as it is, or under --json inside the envelope.

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "app.hpp"
#include "report/json_document.hpp"

namespace relctl::cli {

int print_text_or_json(const Globals& g, std::string_view command, std::string_view field,
                       const std::string& text) {
  if (g.options.json) return report::print_envelope(command, 0, {{std::string(field), text}});
  fmt::print("{}", text);
  return 0;
}

}  // namespace relctl::cli
