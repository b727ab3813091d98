#pragma once
// Where a run's progress goes: the human terminal reporter, the --json
// document, GitHub annotations. The runner calls these; gates call note().

#include <memory>
#include <string_view>
#include <vector>

#include "relctl/core/result.hpp"

namespace relctl::core {

class Reporter {
 public:
  virtual ~Reporter() = default;
  virtual void run_started(const RunResult& /*run*/) {}
  virtual void gate_started(const Gate& /*gate*/) {}
  virtual void gate_finished(const GateResult& result) = 0;
  virtual void run_finished(const RunResult& run) = 0;
  /// Extra information for the user (what a reviewer should look at, ...).
  virtual void note(std::string_view /*text*/) {}
};

/// Forwards every call to several reporters (human + GitHub, json + GitHub).
class FanoutReporter final : public Reporter {
 public:
  void add(std::unique_ptr<Reporter> r) { reporters_.push_back(std::move(r)); }
  void run_started(const RunResult& run) override;
  void gate_started(const Gate& gate) override;
  void gate_finished(const GateResult& result) override;
  void run_finished(const RunResult& run) override;
  void note(std::string_view text) override;

 private:
  std::vector<std::unique_ptr<Reporter>> reporters_;
};

/// Records everything it is told (tests).
class RecordingReporter final : public Reporter {
 public:
  std::vector<GateResult> results;
  std::vector<std::string> notes;
  RunResult last_run;
  void gate_finished(const GateResult& result) override { results.push_back(result); }
  void run_finished(const RunResult& run) override { last_run = run; }
  void note(std::string_view text) override { notes.emplace_back(text); }
};

}  // namespace relctl::core
