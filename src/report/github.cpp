// GitHub Actions output: `::error`/`::warning` annotations for failed and
// warned gates, and a Markdown summary appended to $GITHUB_STEP_SUMMARY.

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <optional>

#include "relctl/core/redactor.hpp"
#include "relctl/core/sanitize.hpp"
#include "relctl/report/ci.hpp"
#include "relctl/report/reporters.hpp"
#include "report/markdown.hpp"

namespace relctl::report {

namespace fs = std::filesystem;

namespace {

// Workflow commands end at a newline and treat % specially.
std::string escape_data(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%')
      out += "%25";
    else if (c == '\r')
      out += "%0D";
    else if (c == '\n')
      out += "%0A";
    else
      out += c;
  }
  return out;
}

// A property value (file=, title=) also ends at ':' and ','.
std::string escape_property(std::string_view s) {
  std::string out;
  for (char c : escape_data(s)) {
    if (c == ':')
      out += "%3A";
    else if (c == ',')
      out += "%2C";
    else
      out += c;
  }
  return out;
}

// "relctl.toml:3:1: unknown key" -> file, line, column; nullopt otherwise.
struct Location {
  std::string file;
  std::string line;
  std::string column;
};
std::optional<Location> location_of(std::string_view message) {
  const auto digits = [](std::string_view s) {
    return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
  };
  const size_t a = message.find(':');
  const size_t b = a == std::string_view::npos ? a : message.find(':', a + 1);
  const size_t c = b == std::string_view::npos ? b : message.find(':', b + 1);
  if (c == std::string_view::npos || message.substr(c, 2) != ": ") return std::nullopt;
  Location at{std::string(message.substr(0, a)), std::string(message.substr(a + 1, b - a - 1)),
              std::string(message.substr(b + 1, c - b - 1))};
  if (at.file.empty() || at.file.find(' ') != std::string::npos || !digits(at.line) ||
      !digits(at.column)) {
    return std::nullopt;
  }
  return at;
}

class GithubReporter final : public core::Reporter {
 public:
  GithubReporter(std::FILE* out, std::string summary_path)
      : out_(out), summary_path_(std::move(summary_path)) {}

  void gate_finished(const core::GateResult& r) override {
    const char* level = r.status == core::Status::failed   ? "error"
                        : r.status == core::Status::warned ? "warning"
                                                           : nullptr;
    if (!level) return;
    const std::string text =
        core::sanitize(r.message + (r.hint.empty() ? "" : " (hint: " + r.hint + ")"));
    const std::string line = core::redactor().mask(
        fmt::format("::{} title=relctl {}::{}\n", level, r.id, escape_data(text)));
    std::fwrite(line.data(), 1, line.size(), out_);
    std::fflush(out_);
  }

  void run_finished(const core::RunResult& run) override {
    if (summary_path_.empty()) return;
    std::string md =
        fmt::format("### relctl {}{}: {} (exit {})\n\n", run.command,
                    run.dry_run ? " (dry run)" : "", core::to_string(run.status), run.exit_code);
    if (!run.release.tags.empty()) {
      md += fmt::format(
          "Release: `{}`\n\n",
          markdown_cell(core::sanitize(fmt::format("{}", fmt::join(run.release.tags, "`, `")))));
    }
    md += "| status | gate | duration | message |\n|---|---|---|---|\n";
    for (const auto& g : run.gates) {
      md += fmt::format("| {} | `{}` | {} ms | {} |\n", core::to_string(g.status), g.id,
                        g.duration_ms, markdown_cell(core::sanitize(g.message)));
    }
    md += fmt::format("\nRun id `{}`.\n\n", run.run_id);
    md = core::redactor().mask(md);
    if (std::FILE* f = std::fopen(summary_path_.c_str(), "a")) {
      std::fwrite(md.data(), 1, md.size(), f);
      std::fclose(f);
    }
  }

 private:
  std::FILE* out_;
  std::string summary_path_;
};

}  // namespace

std::string error_annotation(std::string_view command, std::string_view message,
                             std::string_view hint, bool config_error) {
  std::string properties;
  if (config_error) {
    const auto at = location_of(message);
    const std::string file = at ? at->file : "relctl.toml";
    if (at) {
      properties =
          fmt::format("file={},line={},col={},", escape_property(at->file), at->line, at->column);
    }
    properties += "title=" + escape_property("relctl configuration error in " +
                                             fs::path(file).filename().string());
  } else {
    properties = "title=" + escape_property(command.empty() ? "relctl error"
                                                            : "relctl " + std::string(command));
  }
  const std::string text = core::sanitize(
      std::string(message) + (hint.empty() ? "" : " (hint: " + std::string(hint) + ")"));
  return core::redactor().mask(fmt::format("::error {}::{}\n", properties, escape_data(text)));
}

std::unique_ptr<core::Reporter> make_github_reporter(std::FILE* out, std::string summary_path) {
  return std::make_unique<GithubReporter>(out, std::move(summary_path));
}

}  // namespace relctl::report
