#include "ref_templates.hpp"

#include <map>
#include <string>

#include "relctl/config/loader.hpp"
#include "relctl/core/error.hpp"
#include "relctl/git/ref_name.hpp"

namespace relctl::cli {

namespace {

using Vars = std::map<std::string, std::string>;

// The name `tmpl` gives with `vars`, refused when git would refuse it.
std::string checked(const config::Config& cfg, const std::string& kind, const std::string& tmpl,
                    const std::string& setting, const Vars& vars) {
  const std::string name = config::render(tmpl, vars);
  const std::string prefix = kind == "tag" ? "refs/tags/" : "refs/heads/";
  if (!git::valid_reference_name(prefix + name)) {
    throw ConfigError(cfg.file.string() + ": " + setting + " = \"" + tmpl + "\" gives \"" + name +
                          "\", which is not a valid git " + kind + " name",
                      std::string(git::ref_name_rules) + "; change " + setting);
  }
  return name;
}

}  // namespace

void check_ref_templates(const config::Config& cfg) {
  // A plain version and a prerelease: {version} may hold '-' and '.'.
  for (const char* version : {"1.2.3", "1.2.3-rc.1"}) {
    Vars vars{{"version", version}, {"date", "20260101"}, {"name", cfg.project.name}};
    if (cfg.code_release) {
      vars["tag"] = checked(cfg, "tag", cfg.code_release->tag, "[code_release] tag", vars);
      checked(cfg, "branch", cfg.code_release->branch, "[code_release] branch", vars);
    }
    for (const auto& p : cfg.packages) {
      vars["name"] = p.name;
      checked(cfg, "tag", p.tag, "[[packages]] tag of \"" + p.name + "\"", vars);
    }
  }
  if (cfg.data_release) {
    Vars vars{{"date", "20260101"}};
    vars["tag"] = checked(cfg, "tag", cfg.data_release->tag, "[data_release] tag", vars);
    checked(cfg, "branch", cfg.data_release->branch, "[data_release] branch", vars);
  }
}

}  // namespace relctl::cli
