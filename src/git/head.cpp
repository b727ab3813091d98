#include "relctl/git/head.hpp"

#include <git2.h>

namespace relctl::git {

namespace {
struct Libgit2 {
  Libgit2() { git_libgit2_init(); }
  ~Libgit2() { git_libgit2_shutdown(); }
};
}  // namespace

std::optional<std::string> head_commit(const std::filesystem::path& dir) {
  static Libgit2 init;
  git_repository* repo = nullptr;
  if (git_repository_open_ext(&repo, dir.c_str(), 0, nullptr) != 0) return std::nullopt;
  std::optional<std::string> out;
  git_oid oid;
  if (git_reference_name_to_id(&oid, repo, "HEAD") == 0) {
    char buf[GIT_OID_HEXSZ + 1];
    git_oid_tostr(buf, sizeof buf, &oid);
    out = buf;
  }
  git_repository_free(repo);
  return out;
}

std::string libgit2_version() {
  int major = 0, minor = 0, rev = 0;
  git_libgit2_version(&major, &minor, &rev);
  return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(rev);
}

}  // namespace relctl::git
