#include <nlohmann/json.hpp>

#include "relctl/report/envelope.hpp"
#include "relctl/report/reporters.hpp"
#include "report/json_document.hpp"

namespace relctl::report {

namespace {

nlohmann::json gate_json(const core::GateResult& g) {
  nlohmann::json details = nlohmann::json::parse(g.details_json, nullptr, false);
  if (details.is_discarded()) details = nlohmann::json::object();
  nlohmann::json j = {{"id", g.id},
                      {"kind", core::to_string(g.kind)},
                      {"severity", core::to_string(g.severity)},
                      {"status", core::to_string(g.status)},
                      {"message", g.message},
                      {"duration_ms", g.duration_ms},
                      {"details", details}};
  if (!g.hint.empty()) j["hint"] = g.hint;
  return j;
}

nlohmann::json gates_array(const std::vector<core::GateResult>& gates) {
  nlohmann::json arr = nlohmann::json::array();
  for (const auto& g : gates) arr.push_back(gate_json(g));
  return arr;
}

nlohmann::json run_document(const core::RunResult& run) {
  nlohmann::json release = {
      {"tags", run.release.tags}, {"branch", run.release.branch}, {"commit", run.release.commit}};
  if (!run.release.version.empty()) release["version"] = run.release.version;
  if (!run.release.env.empty()) release["env"] = run.release.env;
  return envelope(run.command, core::to_string(run.status), run.exit_code,
                  {{"dry_run", run.dry_run},
                   {"run_id", run.run_id},
                   {"release", release},
                   {"gates", gates_array(run.gates)}});
}

class JsonReporter final : public core::Reporter {
 public:
  explicit JsonReporter(std::FILE* out) : out_(out) {}
  void gate_finished(const core::GateResult&) override {}
  void note(std::string_view text) override { notes_.emplace_back(text); }
  void run_finished(const core::RunResult& run) override {
    auto doc = run_document(run);
    if (!notes_.empty()) doc["notes"] = notes_;
    if (out_ == stdout) {
      print_json(doc);
      return;
    }
    const std::string text = json_text(doc) + "\n";
    std::fwrite(text.data(), 1, text.size(), out_);
    std::fflush(out_);
  }

 private:
  std::FILE* out_;
  std::vector<std::string> notes_;
};

}  // namespace

std::string gates_to_json(const std::vector<core::GateResult>& gates) {
  // A dry run of a release of many commits previews a changelog section and
  // diffs of megabytes: the ledger keeps what a run did, not its previews.
  constexpr std::size_t kept_details = 1 << 20;
  nlohmann::json arr = nlohmann::json::array();
  for (const auto& g : gates) {
    if (g.details_json.size() <= kept_details) {
      arr.push_back(gate_json(g));
      continue;
    }
    core::GateResult slim = g;
    slim.details_json = "{\"omitted_bytes\":" + std::to_string(g.details_json.size()) + "}";
    arr.push_back(gate_json(slim));
  }
  return json_text(arr);
}

std::string run_to_json(const core::RunResult& run) {
  return json_text(run_document(run));
}

std::unique_ptr<core::Reporter> make_json_reporter(std::FILE* out) {
  return std::make_unique<JsonReporter>(out);
}

}  // namespace relctl::report
