// A dry run's preview in the human output: under each planned action, what
// it would write, read from the details the action planned (the JSON keys
// `section`, `diff`, `message`, and the same in `files` and `tags` items).

#include <nlohmann/json.hpp>

#include "relctl/core/sanitize.hpp"
#include "relctl/report/reporters.hpp"

namespace relctl::report {

namespace {

constexpr const char* indent = "      ";

// `text` indented, each line sanitized; diff lines coloured.
void add_block(std::string& out, const std::string& title, const std::string& text, bool diff,
               bool color) {
  if (text.empty()) return;
  out += indent + title + "\n";
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    const std::string line = core::sanitize_line(text.substr(pos, nl - pos));
    pos = nl + 1;
    const char* paint = "";
    if (color && diff && !line.empty()) {
      if (line.rfind("@@", 0) == 0) {
        paint = "\x1b[36m";
      } else if (line.rfind("+++", 0) != 0 && line[0] == '+') {
        paint = "\x1b[32m";
      } else if (line.rfind("---", 0) != 0 && line[0] == '-') {
        paint = "\x1b[31m";
      }
    }
    if (line.empty()) {
      out += "\n";  // no trailing blanks
      continue;
    }
    out += std::string(indent) + "  " + paint + line + (*paint ? "\x1b[0m" : "") + "\n";
  }
}

std::string text_of(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

void add_item(std::string& out, const nlohmann::json& item, bool color) {
  const std::string path = text_of(item, "path");
  const std::string where = path.empty() ? "" : " (" + path + ")";
  add_block(out, "changelog section" + where + ":", text_of(item, "section"), false, color);
  add_block(out, "diff:", text_of(item, "diff"), true, color);
}

}  // namespace

std::string planned_writes(const std::string& details_json, bool color) {
  const auto details = nlohmann::json::parse(details_json, nullptr, /*allow_exceptions=*/false);
  if (!details.is_object()) return "";
  std::string out;
  const auto files = details.find("files");
  const bool one_diff = details.contains("diff");
  if (details.contains("section") || one_diff) {
    add_item(out, details, color);  // one file, or every diff in one
  } else if (files != details.end() && files->is_array()) {
    for (const auto& f : *files) {
      if (f.is_object()) add_item(out, f, color);
    }
  }
  add_block(out, "commit message:", text_of(details, "message"), false, color);
  const auto tags = details.find("tags");
  if (tags != details.end() && tags->is_array()) {
    for (const auto& t : *tags) {
      if (t.is_object()) {
        add_block(out, "tag " + core::sanitize_line(text_of(t, "name")) + " message:",
                  text_of(t, "message"), false, color);
      }
    }
  }
  return out;
}

}  // namespace relctl::report
