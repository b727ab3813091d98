#include "relctl/git/ref_name.hpp"

#include "libgit2.hpp"
#include "relctl/core/error.hpp"

namespace relctl::git {

bool valid_reference_name(const std::string& refname) {
  detail::ensure_init();
  int valid = 0;
  return git_reference_name_is_valid(&valid, refname.c_str()) == 0 && valid != 0;
}

void check_ref_name(const std::string& kind, const std::string& name, const std::string& setting) {
  const std::string prefix = kind == "tag" ? "refs/tags/" : "refs/heads/";
  if (valid_reference_name(prefix + name)) return;
  throw GateError("\"" + name + "\" (from " + setting + ") is not a valid git " + kind + " name",
                  std::string(ref_name_rules) + "; fix " + setting + " in relctl.toml");
}

}  // namespace relctl::git
