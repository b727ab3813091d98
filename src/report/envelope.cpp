// The envelope of every --json document, and the documents of outcomes that
// are not a command's own: errors, --version, --help.

#include "relctl/report/envelope.hpp"

#include <atomic>
#include <cstdio>

#include "relctl/core/error.hpp"
#include "relctl/core/redactor.hpp"
#include "relctl/version.hpp"
#include "report/json_document.hpp"

namespace relctl::report {

namespace {

std::atomic<bool> printed{false};

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

std::string_view status_for(int exit_code) {
  switch (exit_code) {
    case 0:
      return "passed";
    case static_cast<int>(ExitCode::gate_failed):
      return "failed";
    case static_cast<int>(ExitCode::interrupted):
      return "interrupted";
    default:
      return "error";
  }
}

nlohmann::json envelope(std::string_view command, std::string_view status, int exit_code,
                        const nlohmann::json& fields) {
  nlohmann::json doc = {
      {"relctl", std::string(version_string)},
      {"schema", json_schema_version},
      {"command", command.empty() ? nlohmann::json(nullptr) : nlohmann::json(std::string(command))},
      {"status", std::string(status)},
      {"exit_code", exit_code}};
  for (auto it = fields.begin(); it != fields.end(); ++it) {
    if (!doc.contains(it.key())) doc[it.key()] = it.value();
  }
  return doc;
}

int print_envelope(std::string_view command, int exit_code, const nlohmann::json& fields) {
  print_json(envelope(command, status_for(exit_code), exit_code, fields));
  return exit_code;
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
  const std::string_view status =
      exit_code == static_cast<int>(ExitCode::interrupted) ? "interrupted" : "error";
  return json_text(
      envelope(command, status, exit_code,
               {{"error", {{"message", std::string(message)}, {"hint", std::string(hint)}}}}));
}

std::string version_document() {
  return json_text(envelope("version", "passed", 0, {{"version", std::string(version_string)}}));
}

std::string help_document(std::string_view help) {
  return json_text(envelope("help", "passed", 0, {{"help", std::string(help)}}));
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
