// The gate registry is the one place a gate's identity is written: the gate
// classes take theirs from it, docs/gates.md shows it, and every relctl.toml
// key it names exists.

#include <toml++/toml.h>

#include <catch2/catch.hpp>
#include <set>

#include "relctl/config/loader.hpp"
#include "relctl/gates/command.hpp"
#include "relctl/gates/registry.hpp"
#include "support/full_config.hpp"
#include "support/support.hpp"

using namespace relctl;

namespace {

// The part of docs/gates.md between its two `<!-- gates: ... -->` markers.
std::string docs_table() {
  std::filesystem::path file(RELCTL_SOURCE_DIR);
  file /= "docs";
  file /= "gates.md";
  const std::string doc = test::read_file(file);
  const auto begin = doc.find("<!-- gates: generated");
  const auto end = doc.find("<!-- gates: end -->");
  REQUIRE(begin != std::string::npos);
  REQUIRE(end != std::string::npos);
  const auto from = doc.find('\n', begin) + 1;
  return doc.substr(from, end - from);
}

// True when `node` holds the dotted `key` ("" = it is the key itself).
bool holds(const toml::node& node, std::string_view key);

// True when the dotted `key` ("environments.*.smoke") is in `table`; `*`
// stands for any key of a table ([environments.NAME]); arrays of tables
// ([[gates.command]]) are looked into.
bool has_key(const toml::table& table, std::string_view key) {
  const auto dot = key.find('.');
  const std::string head(key.substr(0, dot));
  const std::string_view rest = dot == std::string_view::npos ? "" : key.substr(dot + 1);
  if (head == "*") {
    for (const auto& [name, node] : table) {
      if (holds(node, rest)) return true;
    }
    return false;
  }
  const toml::node* node = table.get(head);
  return node && holds(*node, rest);
}

bool holds(const toml::node& node, std::string_view key) {
  if (key.empty()) return true;
  if (const auto* t = node.as_table()) return has_key(*t, key);
  if (const auto* a = node.as_array()) {
    for (const auto& item : *a) {
      if (const auto* t = item.as_table(); t && has_key(*t, key)) return true;
    }
  }
  return false;
}

}  // namespace

TEST_CASE("registry: docs/gates.md holds exactly the registry's table", "[gates][registry]") {
  INFO("regenerate the table in docs/gates.md with `relctl gates list --markdown`");
  CHECK(docs_table() == gates::registry_markdown());
}

TEST_CASE("registry: every gate is declared once, fully", "[gates][registry]") {
  std::set<std::string> ids;
  for (const auto& g : gates::registry()) {
    INFO(g.id);
    CHECK(ids.insert(g.id).second);
    CHECK_FALSE(g.description.empty());
    CHECK_FALSE(g.pipelines.empty());
    // `relctl check` runs read-only checks only.
    if (g.make_alone) CHECK(g.kind == core::Kind::check);
  }
  CHECK(gates::find_gate("command.tests") == gates::find_gate("command.<id>"));
  CHECK(gates::find_gate("git.nope") == nullptr);
}

TEST_CASE("registry: the gate classes take their identity from it", "[gates][registry]") {
  for (const auto& g : gates::registry()) {
    if (!g.make_alone) continue;
    INFO(g.id);
    const auto gate = g.make_alone();
    CHECK(gate->id() == g.id);
    CHECK(gate->kind() == g.kind);
    CHECK(gate->severity() == g.severity);
    CHECK(gate->description() == g.description);
  }
  config::CommandGate c;
  c.id = "tests";
  c.soft = true;
  c.dry_run = true;
  const auto command = gates::make_command_gate(c);
  CHECK(command->id() == "command.tests");
  CHECK(command->description() == gates::find_gate("command.<id>")->description);
  CHECK(command->kind() == core::Kind::check);
  CHECK(command->severity() == core::Severity::soft);
}

TEST_CASE("registry: every relctl.toml key it names is a real key", "[gates][registry]") {
  // config::parse refuses unknown keys: the full config holds real keys only.
  REQUIRE_NOTHROW(config::parse(test::full_config_toml(), "relctl.toml"));
  const toml::table full = toml::parse(test::full_config_toml());
  for (const auto& g : gates::registry()) {
    for (const auto& key : g.config_keys) {
      INFO(g.id << " reads " << key);
      CHECK(has_key(full, key));
    }
  }
}
