// data.row-drop: no table lost more than max_row_drop of its rows since the
// previous data release (a half-finished export looks exactly like that).
// Tables that disappeared are data.schema-diff's business.

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "gates/data/data_run.hpp"
#include "gates/data/json_text.hpp"
#include "relctl/core/error.hpp"

namespace relctl::gates {

namespace {

class DataRowDrop final : public DataGate {
 public:
  explicit DataRowDrop(std::shared_ptr<DataRun> run) : DataGate("data.row-drop", std::move(run)) {}

  core::Outcome run(core::Context& ctx) override {
    DataRun& d = data(ctx);
    if (auto none = nothing_to_compare(ctx, "row counts")) return *none;
    const auto& prev = d.previous(ctx);

    const double limit = d.config().max_row_drop;
    std::vector<std::string> over;
    nlohmann::json tables = nlohmann::json::array();
    for (const auto& t : d.scan().tables()) {
      const auto it = prev.manifest->tables.find(t.name);
      if (it == prev.manifest->tables.end()) continue;  // a new table
      const std::int64_t before = it->second.rows;
      const double drop = before > 0 && t.rows < before
                              ? static_cast<double>(before - t.rows) / static_cast<double>(before)
                              : 0.0;
      tables.push_back({{"table", t.name}, {"previous", before}, {"rows", t.rows}, {"drop", drop}});
      if (drop > limit) {
        over.push_back(
            fmt::format("{} {} -> {} rows (-{:.1f}%)", t.name, before, t.rows, 100.0 * drop));
      }
    }
    nlohmann::json details = {{"previous", prev.tag}, {"max_row_drop", limit}, {"tables", tables}};
    if (!over.empty()) {
      throw GateError(fmt::format("{} table{} shrank more than {:g}% since {}: {}", over.size(),
                                  over.size() == 1 ? "" : "s", 100.0 * limit, prev.tag,
                                  git_support::list_some(over)),
                      "check the export for missing data; if the drop is intended, raise "
                      "data_release.max_row_drop or pass --skip data.row-drop --reason \"...\"");
    }
    return record(core::Outcome::pass(
        fmt::format("no table shrank more than {:g}% since {}", 100.0 * limit, prev.tag),
        data::compact_json(details)));
  }
};

}  // namespace

std::unique_ptr<core::Gate> make_data_row_drop(std::shared_ptr<DataRun> run) {
  return std::make_unique<DataRowDrop>(std::move(run));
}

}  // namespace relctl::gates
