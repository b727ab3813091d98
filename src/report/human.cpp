#include <fmt/format.h>

#include "relctl/core/redactor.hpp"
#include "relctl/core/sanitize.hpp"
#include "relctl/report/output.hpp"
#include "relctl/report/reporters.hpp"

namespace relctl::report {

namespace {

const char* color_of(core::Status s) {
  switch (s) {
    case core::Status::passed:
      return "\x1b[32m";
    case core::Status::failed:
      return "\x1b[31m";
    case core::Status::warned:
      return "\x1b[33m";
    case core::Status::skipped:
      return "\x1b[90m";
    case core::Status::planned:
      return "\x1b[36m";
    case core::Status::undone:
      return "\x1b[35m";
  }
  return "";
}

class HumanReporter final : public core::Reporter {
 public:
  HumanReporter(std::FILE* out, HumanOptions options) : out_(out), options_(options) {}

  void run_started(const core::RunResult& run) override {
    if (options_.quiet) return;
    print(fmt::format("relctl {}{} (run {})\n", run.command, run.dry_run ? " --dry-run" : "",
                      run.run_id));
  }

  void gate_started(const core::Gate& /*gate*/) override { in_gate_ = true; }

  void gate_finished(const core::GateResult& r) override {
    in_gate_ = false;
    print_gate(r);
    // What a gate noted while it ran (a failed command's output) follows its line.
    print(deferred_);
    deferred_.clear();
  }

  void note(std::string_view text) override {
    if (options_.quiet) return;
    const std::string line = fmt::format("{}\n", core::sanitize(text));
    if (in_gate_) {
      deferred_ += line;
    } else {
      print(line);
    }
  }

  void run_finished(const core::RunResult& run) override {
    print(deferred_);
    deferred_.clear();
    print_verdict(run);
  }

 private:
  void print_gate(const core::GateResult& r) {
    const bool problem = r.status == core::Status::failed || r.status == core::Status::warned;
    if (options_.quiet && !problem) return;
    const std::string status(core::to_string(r.status));
    const std::string label = options_.color
                                  ? fmt::format("{}{:<7}\x1b[0m", color_of(r.status), status)
                                  : fmt::format("{:<7}", status);
    // The colour codes are relctl's own; everything else is sanitized
    // before they are added.
    std::string line = fmt::format("  {} {:<22} {:>6}  {}\n", label, core::sanitize(r.id),
                                   fmt::format("{}ms", r.duration_ms), core::sanitize(r.message));
    if (!r.hint.empty() && problem)
      line += fmt::format("  {:7} {:<22} {:>6}  hint: {}\n", "", "", "", core::sanitize(r.hint));
    // A dry run shows what each action would write (-q hides it).
    if (r.status == core::Status::planned && !options_.quiet) {
      line += planned_writes(r.details_json, options_.color);
    }
    if (options_.verbose && r.details_json != "{}") {
      line += fmt::format("  {:7} {:<22} {:>6}  details: {}\n", "", "", "",
                          core::sanitize(r.details_json));
    }
    print(line);
  }

  void print_verdict(const core::RunResult& run) {
    int failed = 0, warned = 0, planned = 0;
    for (const auto& g : run.gates) {
      failed += g.status == core::Status::failed;
      warned += g.status == core::Status::warned;
      planned += g.status == core::Status::planned;
    }
    std::string verdict(core::to_string(run.status));
    if (run.dry_run && run.status == core::RunStatus::passed) verdict = "dry run passed";
    if (run.status == core::RunStatus::nothing_to_release) {
      // The gate's own line says since when and why: "nothing to release since code-v1.2.0: ...".
      for (const auto& g : run.gates) {
        if (g.nothing_to_release) verdict = core::sanitize(g.message);
      }
    }
    const char* colon = run.status == core::RunStatus::nothing_to_release ? ";" : ":";
    std::string line =
        fmt::format("{}{} {} gate{}, {} failed, {} warned", verdict, colon, run.gates.size(),
                    run.gates.size() == 1 ? "" : "s", failed, warned);
    if (run.dry_run) {
      line += fmt::format(", {} action{} planned (nothing was changed)", planned,
                          planned == 1 ? "" : "s");
    }
    if (!run.release.tags.empty() && !run.dry_run && run.status == core::RunStatus::passed) {
      line += core::sanitize(fmt::format("; released {}", fmt::join(run.release.tags, ", ")));
    }
    print(fmt::format("{} (exit {})\n", line, run.exit_code));
  }

  void print(const std::string& text) {
    if (text.empty()) return;
    const std::string masked = guard_workflow_commands(core::redactor().mask(text));
    std::fwrite(masked.data(), 1, masked.size(), out_);
    std::fflush(out_);
  }

  std::FILE* out_;
  HumanOptions options_;
  bool in_gate_ = false;
  std::string deferred_;  // notes of the running gate
};

}  // namespace

std::unique_ptr<core::Reporter> make_human_reporter(std::FILE* out, HumanOptions options) {
  return std::make_unique<HumanReporter>(out, options);
}

}  // namespace relctl::report
