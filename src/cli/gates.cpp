// relctl gates [list [--markdown] | show <gate-id>]: the gate registry.

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "app.hpp"
#include "relctl/core/error.hpp"
#include "relctl/gates/registry.hpp"
#include "report/json_document.hpp"

namespace relctl::cli {

namespace {

nlohmann::json entry_json(const gates::GateInfo& e) {
  return {{"id", e.id},
          {"kind", e.kind_text()},
          {"severity", e.severity_text()},
          {"description", e.description},
          {"pipelines", e.pipelines},
          {"config_keys", e.config_keys},
          {"checkable", static_cast<bool>(e.make_alone)}};
}

std::string joined(const std::vector<std::string>& items, const std::string& none) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out.empty() ? none : out;
}

int list_gates(const Globals& g, bool markdown) {
  const auto& all = gates::registry();
  if (markdown) {
    print_out("{}", gates::registry_markdown());
    return 0;
  }
  if (g.options.json) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& e : all) arr.push_back(entry_json(e));
    return report::print_envelope("gates", 0, {{"gates", arr}});
  }
  for (const auto& e : all) {
    print_out("{:<22} {:<7} {}\n", e.id, e.kind_text(), e.description);
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
    return report::print_envelope("gates", 0, {{"gate", entry_json(*e)}});
  }
  print_out("id:          {}\nkind:        {}\nseverity:    {}\ndescription: {}\n", e->id,
            e->kind_text(), e->severity_text(), e->description);
  print_out("runs in:     {}\n", joined(e->pipelines, "no pipeline"));
  print_out("config keys: {}\n", joined(e->config_keys, "none"));
  print_out("check alone: {}\n",
            e->make_alone ? fmt::format("yes, `relctl check {}`", e->id) : std::string("no"));
  return 0;
}

}  // namespace

void add_gates_command(CLI::App& app, Globals& g, Handlers& h) {
  auto* cmd = app.add_subcommand("gates", "the gate registry: list | show <gate-id>");
  auto action = std::make_shared<std::vector<std::string>>();
  auto markdown = std::make_shared<bool>(false);
  cmd->add_option("action", *action, "list (default) or show <gate-id>");
  cmd->add_flag("--markdown", *markdown, "list: the catalogue as a Markdown table");
  h["gates"] = [&g, action, markdown] {
    const auto& a = *action;
    if (a.empty() || (a.size() == 1 && a[0] == "list")) return list_gates(g, *markdown);
    if (a.size() == 2 && a[0] == "show") return show_gate(g, a[1]);
    throw UsageError("relctl gates: expected `list` or `show <gate-id>`",
                     "for example `relctl gates show git.clean`");
  };
}

}  // namespace relctl::cli
