// data.schema-diff: tables and columns removed or retyped since the previous
// data release break whoever reads the snapshot, so they fail unless
// allow_schema_break = true (then they are a warning). Additions are fine.

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "gates/data/data_run.hpp"
#include "gates/data/json_text.hpp"
#include "relctl/core/error.hpp"

namespace relctl::gates {

namespace {

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

class DataSchemaDiff final : public DataGate {
 public:
  explicit DataSchemaDiff(std::shared_ptr<DataRun> run)
      : DataGate("data.schema-diff", std::move(run)) {}

  core::Outcome run(core::Context& ctx) override {
    DataRun& d = data(ctx);
    if (auto none = nothing_to_compare(ctx, "the schema")) return *none;
    const auto& prev = d.previous(ctx);

    std::map<std::string, const sqlite::TableFacts*> now;
    for (const auto& t : d.scan().tables()) now[t.name] = &t;

    std::vector<std::string> breaks, added;
    for (const auto& [name, before] : prev.manifest->tables) {
      const auto it = now.find(name);
      if (it == now.end()) {
        breaks.push_back("table " + name + " removed");
        continue;
      }
      for (const auto& [column, type] : before.columns) {
        const auto& cols = it->second->columns;
        const auto c = std::find_if(cols.begin(), cols.end(),
                                    [&](const auto& col) { return col.name == column; });
        if (c == cols.end()) {
          breaks.push_back("column " + name + "." + column + " removed");
        } else if (upper(c->type) != upper(type)) {
          breaks.push_back(fmt::format("column {}.{} retyped {} -> {}", name, column,
                                       type.empty() ? "(none)" : type,
                                       c->type.empty() ? "(none)" : c->type));
        }
      }
      for (const auto& col : it->second->columns) {
        const bool known = std::any_of(before.columns.begin(), before.columns.end(),
                                       [&](const auto& b) { return b.first == col.name; });
        if (!known) added.push_back("column " + name + "." + col.name);
      }
    }
    for (const auto& [name, facts] : now) {
      if (!prev.manifest->tables.count(name)) added.push_back("table " + name);
    }
    nlohmann::json details = {{"previous", prev.tag}, {"breaking", breaks}, {"added", added}};
    const std::string since = " since " + prev.tag;
    if (!breaks.empty()) {
      const std::string what =
          fmt::format("{} breaking schema change{}{}: {}", breaks.size(),
                      breaks.size() == 1 ? "" : "s", since, git_support::list_some(breaks));
      if (d.config().allow_schema_break) {
        return record(core::Outcome::warn(what + " (allowed by allow_schema_break = true)",
                                          data::compact_json(details)));
      }
      throw GateError(what,
                      "restore them in the snapshot, or if readers are ready for the change set "
                      "data_release.allow_schema_break = true for this release");
    }
    return record(core::Outcome::pass(
        added.empty() ? "schema unchanged" + since
                      : "no breaking change" + since + "; added " + git_support::list_some(added),
        data::compact_json(details)));
  }
};

}  // namespace

std::unique_ptr<core::Gate> make_data_schema_diff(std::shared_ptr<DataRun> run) {
  return std::make_unique<DataSchemaDiff>(std::move(run));
}

}  // namespace relctl::gates
