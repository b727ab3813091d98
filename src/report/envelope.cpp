// One JSON document per outcome under --json: errors, --version, --help.

#include "relctl/report/envelope.hpp"

#include <atomic>
#include <cstdio>

#include "relctl/core/redactor.hpp"
#include "relctl/version.hpp"
#include "report/json_document.hpp"

namespace relctl::report {

namespace {

std::atomic<bool> printed{false};

nlohmann::json head(std::string_view command, std::string_view status, int exit_code) {
  return {
      {"relctl", std::string(version_string)},
      {"schema", 1},
      {"command", command.empty() ? nlohmann::json(nullptr) : nlohmann::json(std::string(command))},
      {"status", std::string(status)},
      {"exit_code", exit_code}};
}

// Walks `j`, cleaning strings; keys are cleaned too (a table name is a key).
nlohmann::json clean_value(const nlohmann::json& j) {
  const auto& r = core::redactor();
  if (j.is_string()) return r.clean(j.get_ref<const std::string&>());
  if (j.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& item : j) out.push_back(clean_value(item));
    return out;
  }
  if (j.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (auto it = j.begin(); it != j.end(); ++it) out[r.clean(it.key())] = clean_value(it.value());
    return out;
  }
  return j;
}

}  // namespace

nlohmann::json document_head(std::string_view command, std::string_view status, int exit_code) {
  return head(command, status, exit_code);
}

nlohmann::json cleaned(const nlohmann::json& doc) {
  return clean_value(doc);
}

std::string json_text(const nlohmann::json& doc) {
  const std::string text =
      cleaned(doc).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  // "##[" can only be inside a string here; "\u005b" is the same '['.
  std::string out;
  std::size_t from = 0;
  for (auto at = text.find("##["); at != std::string::npos; at = text.find("##[", from)) {
    out.append(text, from, at + 2 - from).append("\\u005b");
    from = at + 3;
  }
  return out.append(text, from);
}

void print_json(const nlohmann::json& doc) {
  print_document(json_text(doc));
}

std::string error_document(std::string_view command, int exit_code, std::string_view message,
                           std::string_view hint) {
  nlohmann::json doc = head(command, "error", exit_code);
  doc["error"] = {{"message", std::string(message)}, {"hint", std::string(hint)}};
  return json_text(doc);
}

std::string version_document() {
  nlohmann::json doc = head("version", "passed", 0);
  doc["version"] = std::string(version_string);
  return json_text(doc);
}

std::string help_document(std::string_view help) {
  nlohmann::json doc = head("help", "passed", 0);
  doc["help"] = std::string(help);
  return json_text(doc);
}

void print_document(std::string_view json) {
  printed = true;
  std::fwrite(json.data(), 1, json.size(), stdout);
  std::fputc('\n', stdout);
  std::fflush(stdout);
}

bool document_printed() {
  return printed;
}

}  // namespace relctl::report
