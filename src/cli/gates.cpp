// relctl gates [list | show <gate-id>]: the gate catalogue.

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "app.hpp"
#include "relctl/core/error.hpp"
#include "relctl/gates/catalogue.hpp"
#include "report/json_document.hpp"

namespace relctl::cli {

namespace {

nlohmann::json entry_json(const gates::CatalogueEntry& e) {
  return {{"id", e.id},
          {"kind", core::to_string(e.kind)},
          {"description", e.description},
          {"checkable", static_cast<bool>(e.make)}};
}

int list_gates(const Globals& g) {
  const auto& all = gates::catalogue();
  if (g.options.json) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& e : all) arr.push_back(entry_json(e));
    report::print_json(arr);
    return 0;
  }
  for (const auto& e : all) {
    print_out("{:<22} {:<7} {}\n", e.id, core::to_string(e.kind), e.description);
  }
  print_out("{} gates. `relctl gates show <id>` for one; `relctl check <id>` runs a check.\n",
            all.size());
  return 0;
}

int show_gate(const Globals& g, const std::string& id) {
  const auto* e = gates::find_gate(id);
  if (!e) {
    throw UsageError("no gate named '" + id + "'", "`relctl gates list` shows every gate id");
  }
  if (g.options.json) {
    report::print_json(entry_json(*e));
    return 0;
  }
  print_out("id:          {}\nkind:        {}\ndescription: {}\n", e->id, core::to_string(e->kind),
            e->description);
  print_out("check alone: {}\n",
            e->make ? fmt::format("yes, `relctl check {}`", e->id) : std::string("no"));
  return 0;
}

}  // namespace

void add_gates_command(CLI::App& app, Globals& g, Handlers& h) {
  auto* cmd = app.add_subcommand("gates", "the gate catalogue: list | show <gate-id>");
  auto action = std::make_shared<std::vector<std::string>>();
  cmd->add_option("action", *action, "list (default) or show <gate-id>");
  h["gates"] = [&g, action] {
    const auto& a = *action;
    if (a.empty() || (a.size() == 1 && a[0] == "list")) return list_gates(g);
    if (a.size() == 2 && a[0] == "show") return show_gate(g, a[1]);
    throw UsageError("relctl gates: expected `list` or `show <gate-id>`",
                     "for example `relctl gates show git.clean`");
  };
}

}  // namespace relctl::cli
