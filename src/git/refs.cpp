// Every local branch and tag at once, and removing one: what recovery
// compares and puts back.

#include <git2.h>

#include "git/libgit2.hpp"
#include "relctl/core/log.hpp"

namespace relctl::git {

using namespace detail;

std::map<std::string, std::string> Repository::local_refs() const {
  std::map<std::string, std::string> out;
  git_reference_iterator* raw = nullptr;
  check(git_reference_iterator_glob_new(&raw, impl_->get(), "refs/*"), "cannot list the refs");
  git_reference* ref = nullptr;
  while (git_reference_next(&ref, raw) == 0) {
    const std::string name = git_reference_name(ref);
    const bool wanted = name.rfind("refs/heads/", 0) == 0 || name.rfind("refs/tags/", 0) == 0;
    git_reference* resolved = nullptr;
    if (wanted && git_reference_resolve(&resolved, ref) == 0) {
      out[name] = to_hex(*git_reference_target(resolved));
      git_reference_free(resolved);
    }
    git_reference_free(ref);
  }
  git_reference_iterator_free(raw);
  return out;
}

void Repository::remove_ref(const std::string& refname) {
  core::log_debug("git update-ref -d {}", refname);
  check(git_reference_remove(impl_->get(), refname.c_str()), "cannot remove " + refname,
        "remove it by hand: git update-ref -d " + refname);
}

}  // namespace relctl::git
