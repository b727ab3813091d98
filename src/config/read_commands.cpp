// [[gates.command]]: user commands run as gates at a pipeline phase.

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "sections.hpp"
#include "template.hpp"

namespace relctl::config::detail {

namespace {

const std::vector<std::string_view> pipeline_commands = {"data-release", "code-release", "promote",
                                                         "rollback", "migrate"};

Phase to_phase(const std::string& s) {
  if (s == "build") return Phase::build;
  if (s == "freeze") return Phase::freeze;
  if (s == "deploy") return Phase::deploy;
  if (s == "smoke") return Phase::smoke;
  return Phase::verify;
}

// env = { NAME = "value" } sets variables; env = ["NAME", "NAME=value"]
// also passes relctl's own NAME on when it would be withheld (a database
// URL, a secret-looking name).
void read_env(const TableReader& r, CommandGate& c) {
  const toml::node* n = r.table().get("env");
  if (n && n->is_array()) {
    const std::vector<std::string> items = *r.strings("env");
    for (const auto& item : items) {
      const auto eq = item.find('=');
      const std::string name = item.substr(0, eq);
      if (!is_variable_name(name)) {
        r.fail("env", fmt::format("names {}, which is not a variable name", quote(name)),
               "write env = [\"DEPLOY_TOKEN\", \"DEPLOY_VERSION={version}\"]: a name passes "
               "relctl's own variable on, NAME=value sets one");
      }
      if (eq == std::string::npos) {
        c.pass_env.push_back(name);
      } else {
        c.env[name] = item.substr(eq + 1);
      }
    }
  } else {
    c.env = r.string_map("env").value_or(c.env);
  }
  for (const auto& [name, value] : c.env) {
    if (!is_variable_name(name)) {
      r.fail("env", fmt::format("sets {}, which is not a variable name", quote(name)),
             "use letters, digits and '_', not starting with a digit");
    }
    r.check_template("env", value, command_placeholders);
  }
}

CommandGate read_command(const TableReader& r) {
  CommandGate c;
  c.id = r.required_string("id", "add id = \"tests\"; the gate is then called command.tests");
  if (!is_simple_name(c.id)) {
    r.fail("id", fmt::format("is not a usable gate id: {}", quote(c.id)),
           "use letters, digits, '_' and '-', e.g. id = \"contract-tests\"");
  }
  const char* run_hint =
      "write the program and its arguments as a list (no shell), e.g. run = "
      "[\"pytest\", \"-q\"]";
  if (!r.has("run")) r.missing("run", run_hint);
  c.run = *r.strings("run");
  if (c.run.empty() || c.run.front().empty()) {
    r.fail("run", "must start with the program to run", run_hint);
  }
  for (const auto& arg : c.run) r.check_template("run", arg, command_placeholders);
  c.commands = r.strings("commands").value_or(c.commands);
  for (const auto& name : c.commands) {
    if (std::find(pipeline_commands.begin(), pipeline_commands.end(), name) ==
        pipeline_commands.end()) {
      r.fail("commands", fmt::format("names {}, which is not a pipeline command", quote(name)),
             "use data-release, code-release, promote, rollback or migrate (or leave commands "
             "out to join every pipeline that has the phase)");
    }
  }
  c.phase = to_phase(r.choice("phase", {"verify", "build", "freeze", "deploy", "smoke"}, "verify"));
  c.soft = r.choice("severity", {"hard", "soft"}, "hard") == "soft";
  c.timeout = r.duration("timeout").value_or(c.timeout);
  if (c.timeout.count() <= 0) {
    r.fail("timeout", "must be longer than zero", "write timeout = \"10m\"");
  }
  c.dry_run = r.boolean("dry_run", c.dry_run);
  read_env(r, c);
  c.cwd = r.string("cwd", "");
  r.check_template("cwd", c.cwd, command_placeholders);
  return c;
}

}  // namespace

void read_commands(const TableReader& root, Config& cfg) {
  const toml::table* gates = root.subtable("gates");
  if (!gates) return;
  TableReader g(root.source(), *gates, "[gates]", {"command"});
  const toml::array* arr = g.table_array("command");
  if (!arr) return;
  std::map<std::string, std::size_t> seen;  // id -> ordinal
  for (std::size_t i = 0; i < arr->size(); ++i) {
    TableReader r(
        root.source(), *(*arr)[i].as_table(), fmt::format("[[gates.command]] #{}", i + 1),
        {"id", "run", "commands", "phase", "severity", "timeout", "dry_run", "env", "cwd"});
    CommandGate c = read_command(r);
    if (const auto [it, fresh] = seen.emplace(c.id, i + 1); !fresh) {
      r.source().fail(r.at("id"),
                      fmt::format("{}: id \"{}\" is already used by [[gates.command]] #{}",
                                  r.where(), c.id, it->second),
                      "give every command gate its own id");
    }
    cfg.commands.push_back(std::move(c));
  }
}

}  // namespace relctl::config::detail
