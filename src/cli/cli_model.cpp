#include "cli_model.hpp"

#include "relctl/gates/registry.hpp"

namespace relctl::cli {

namespace {

// CLI11 writes a value's name, then ":" and each validator's description;
// IsMember describes itself as {a,b,c}.
std::string value_name(const CLI::Option& o) {
  const std::string t = o.get_type_name();
  return t.substr(0, t.find(':'));
}

std::vector<std::string> member_choices(const CLI::Option& o) {
  const std::string t = o.get_type_name();
  const auto open = t.find(":{");
  const auto close = t.find('}', open);
  if (open == std::string::npos || close == std::string::npos) return {};
  std::vector<std::string> out;
  std::string item;
  for (const char c : t.substr(open + 2, close - open - 2)) {
    if (c == ',') {
      out.push_back(item);
      item.clear();
    } else {
      item += c;
    }
  }
  out.push_back(item);
  return out;
}

std::vector<std::string> gate_ids() {
  std::vector<std::string> ids;
  for (const auto& e : gates::registry()) {
    if (e.id.find('<') == std::string::npos) ids.push_back(e.id);
  }
  return ids;
}

struct Reader {
  std::vector<std::string> commands;

  std::vector<std::string> choices(const CLI::Option& o) const {
    const std::string v = value_name(o);
    if (v == "COMMAND") return commands;
    if (v == "GATE") return gate_ids();
    return member_choices(o);
  }

  FlagSpec flag(const CLI::Option& o) const {
    FlagSpec f;
    for (const auto& s : o.get_snames()) f.names.push_back("-" + s);
    for (const auto& l : o.get_lnames()) f.names.push_back("--" + l);
    if (o.get_type_size_max() > 0) {
      f.value = value_name(o);
      f.choices = choices(o);
    }
    f.description = o.get_description();
    f.repeatable = o.get_expected_max() > 1;
    return f;
  }

  ArgumentSpec argument(const CLI::Option& o) const {
    ArgumentSpec a;
    a.name = o.get_name(true);
    a.value = value_name(o);
    a.choices = choices(o);
    a.description = o.get_description();
    a.required = o.get_required();
    a.many = o.get_expected_max() > 1;
    return a;
  }

  std::vector<FlagSpec> flags(const CLI::App& app, bool with_root_only) const {
    std::vector<FlagSpec> out;
    for (const auto* o : app.get_options()) {
      if (!o->nonpositional()) continue;
      const bool root_only = o == app.get_version_ptr();
      if (root_only && !with_root_only) continue;
      out.push_back(flag(*o));
    }
    return out;
  }
};

}  // namespace

CliSpec describe(const CLI::App& root) {
  Reader r;
  for (const auto* sub : root.get_subcommands({})) r.commands.push_back(sub->get_name());
  CliSpec spec;
  spec.description = root.get_description();
  spec.global_flags = r.flags(root, /*with_root_only=*/true);
  for (const auto* sub : root.get_subcommands({})) {
    CommandSpec c;
    c.name = sub->get_name();
    c.description = sub->get_description();
    c.flags = r.flags(*sub, false);
    for (const auto* o : sub->get_options()) {
      if (o->get_positional()) c.arguments.push_back(r.argument(*o));
    }
    spec.commands.push_back(std::move(c));
  }
  return spec;
}

}  // namespace relctl::cli
