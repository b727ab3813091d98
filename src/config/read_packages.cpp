// [[packages]]: the packages of a monorepo, each released on its own line.

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "relctl/config/loader.hpp"
#include "sections.hpp"
#include "template.hpp"

namespace relctl::config::detail {

namespace {

bool has_glob(const std::string& path) {
  return path.find_first_of("*?[") != std::string::npos;
}

}  // namespace

void read_packages(const TableReader& root, Config& cfg) {
  const toml::array* arr = root.table_array("packages");
  if (!arr) return;
  if (!cfg.code_release) {
    root.fail("packages", "needs a [code_release] section (packages are code releases)",
              "add [code_release] above the [[packages]] entries");
  }
  for (std::size_t i = 0; i < arr->size(); ++i) {
    TableReader r(root.source(), *(*arr)[i].as_table(), fmt::format("[[packages]] #{}", i + 1),
                  {"name", "path", "tag", "version_files", "changelog"});
    Package p;
    p.name = r.required_string("name", "write name = \"api\" (it names the package's tags)");
    if (cfg.find_package(p.name)) {
      r.fail("name", fmt::format("\"{}\" names two packages", p.name),
             "give every [[packages]] entry its own name");
    }
    const char* path_hint = "write path = \"packages/api\" (or a list of globs)";
    const toml::node* path = r.table().get("path");
    if (path && path->is_array()) {
      p.paths = r.strings("path").value_or(p.paths);
    } else if (const auto one = r.string("path")) {
      p.paths = {*one};
    }
    if (p.paths.empty() ||
        std::any_of(p.paths.begin(), p.paths.end(), [](const auto& s) { return s.empty(); })) {
      r.fail("path", "must name the package's folder (or globs of its files)", path_hint);
    }
    p.tag = r.string("tag", p.tag);
    r.check_template("tag", p.tag, code_tag_placeholders);
    if (p.tag.find("{version}") == std::string::npos) {
      r.fail("tag", "must contain {version}",
             "write tag = \"{name}-v{version}\" or tag = \"{name}@{version}\"");
    }
    for (const auto& other : cfg.packages) {
      if (config::fill(other.tag, "name", other.name) == config::fill(p.tag, "name", p.name)) {
        r.fail("tag",
               fmt::format("gives the same tags as package \"{}\" ({})", other.name,
                           config::fill(p.tag, "name", p.name)),
               "put {name} in the tag templates: tag = \"{name}-v{version}\"");
      }
    }
    p.version_files = read_version_files(r, fmt::format("[[packages]] #{}", i + 1));
    p.changelog = r.string("changelog", "");
    if (p.changelog.empty()) {
      if (has_glob(p.paths.front())) {
        r.missing("changelog",
                  "its first path is a glob: write changelog = \"packages/api/CHANGELOG.md\"");
      }
      p.changelog = (std::filesystem::path(p.paths.front()) / "CHANGELOG.md").generic_string();
    }
    cfg.packages.push_back(std::move(p));
  }
}

}  // namespace relctl::config::detail
