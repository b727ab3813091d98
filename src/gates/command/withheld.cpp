#include "gates/command/withheld.hpp"

#include <unistd.h>

#include <algorithm>
#include <set>
#include <string_view>

#include "relctl/config/config.hpp"
#include "relctl/core/redactor.hpp"

namespace relctl::gates {

std::vector<std::string> withheld_variables(const config::Config* config,
                                            const std::vector<std::string>& pass) {
  std::set<std::string> url_envs;
  if (config) {
    for (const auto& db : config->databases) url_envs.insert(db.url_env);
    url_envs.insert(config->ledger.url_env);
  }
  std::vector<std::string> out;
  for (char** e = environ; e && *e; ++e) {
    const std::string_view entry(*e);
    const auto eq = entry.find('=');
    if (eq == std::string_view::npos) continue;
    const std::string name(entry.substr(0, eq));
    if (std::find(pass.begin(), pass.end(), name) != pass.end()) continue;
    if (url_envs.count(name) || core::is_secret_variable(name, entry.substr(eq + 1))) {
      out.push_back(name);
    }
  }
  return out;
}

std::vector<std::string> push_token_variables(const config::Config* config) {
  std::vector<std::string> out = {"GITHUB_TOKEN", "GH_TOKEN", "GITLAB_TOKEN", "CI_JOB_TOKEN"};
  if (config && !config->project.token_env.empty()) out.push_back(config->project.token_env);
  if (config && config->forge && !config->forge->token_env.empty()) {
    out.push_back(config->forge->token_env);
  }
  return out;
}

}  // namespace relctl::gates
