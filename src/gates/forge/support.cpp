#include "gates/forge/support.hpp"

#include "relctl/config/config.hpp"
#include "relctl/core/error.hpp"

namespace relctl::gates::forge_support {

forge::Forge& ForgeAccess::get(core::Context& ctx) {
  if (forge_) return *forge_;
  if (!ctx.config || !ctx.config->forge) {
    throw ConfigError("no [forge] in relctl.toml: relctl does not know where to publish",
                      "add a [forge] section (`man relctl`, CONFIGURATION); its keys are optional");
  }
  const std::string url = repo(ctx).remote_url(git_support::remote_name(ctx));
  forge_ = forge::connect(*ctx.config->forge, url, ctx.redactor);
  return *forge_;
}

std::string describe(const std::vector<forge::Request>& requests) {
  std::string out;
  for (const auto& r : requests) out += "\n    " + r.describe();
  return out;
}

void rethrow_with_hint(const std::string& hint) {
  try {
    throw;
  } catch (const Error& e) {
    const std::string joined = e.hint().empty() ? hint : e.hint() + "; " + hint;
    throw Error(e.code(), e.what(), joined);
  }
}

}  // namespace relctl::gates::forge_support
