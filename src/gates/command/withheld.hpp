#pragma once
// relctl's environment variables that the programs it starts (command
// gates, the repository's hooks, `git push`) do not get unless asked for.

#include <string>
#include <vector>

namespace relctl::config {
struct Config;
}

namespace relctl::gates {

/// Names of relctl's environment variables a child does not get: the
/// database URLs of `config` (every url_env, the ledger's), connection
/// strings, URLs with a password and variables whose names look secret;
/// those `pass` names are kept.
std::vector<std::string> withheld_variables(const config::Config* config,
                                            const std::vector<std::string>& pass = {});

/// The variables a git credential helper may read a push token from:
/// [project] and [forge] token_env, GITHUB_TOKEN, GH_TOKEN, GITLAB_TOKEN,
/// CI_JOB_TOKEN. `git push` keeps them.
std::vector<std::string> push_token_variables(const config::Config* config);

}  // namespace relctl::gates
