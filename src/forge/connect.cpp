// Choosing the adapter for a forge (see forge.hpp).

#include "forge/github.hpp"
#include "forge/gitlab.hpp"
#include "relctl/config/config.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/redactor.hpp"

namespace relctl::forge {

std::unique_ptr<Forge> connect(const Location& location, const Credentials& credentials) {
  if (!is_allowed_url(location.api_url)) {
    throw ConfigError(std::string(display_name(location.kind)) + " API at " + location.api_url +
                          ": relctl talks HTTPS only",
                      "use an https:// URL; plain http:// is allowed to 127.0.0.1 and ::1 only");
  }
  if (location.kind == Kind::gitlab) return std::make_unique<detail::GitLab>(location, credentials);
  return std::make_unique<detail::GitHub>(location, credentials);
}

std::unique_ptr<Forge> connect(const config::Forge& cfg, const std::string& remote_url,
                               core::Redactor& redactor) {
  const Location where = locate(cfg, remote_url, process_env);
  const Credentials credentials = forge::credentials(cfg, where.kind, process_env);
  // The token never reaches an output, a log or the ledger.
  redactor.add_secret(credentials.token);
  return connect(where, credentials);
}

}  // namespace relctl::forge
