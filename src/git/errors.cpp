#include "git/libgit2.hpp"
#include "relctl/core/error.hpp"

namespace relctl::git::detail {

void ensure_init() {
  // Kept alive for the whole process: libgit2 objects may outlive any scope.
  static const int initialised = [] {
    const int n = git_libgit2_init();
    // A walk reads each commit twice (the revwalk for its parents and date,
    // relctl for its message): libgit2's object cache makes the second read
    // free. Objects come from the repository's own store; re-hashing every
    // one on read (libgit2's strict verification) costs a tenth of a long
    // walk, and git does not do it either (see bench/code-release).
    git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
    return n;
  }();
  (void)initialised;
}

std::string last_error() {
  const git_error* e = git_error_last();
  return e && e->message ? std::string(e->message) : std::string("unknown error");
}

void check(int rc, const std::string& what, const std::string& hint) {
  if (rc >= 0) return;
  throw GateError(what + ": " + last_error(), hint);
}

void check_remote(int rc, const std::string& what, const std::string& hint) {
  if (rc >= 0) return;
  std::string h = hint;
  if (h.empty()) {
    h = rc == GIT_EAUTH
            ? "check your credentials: ssh-agent for ssh URLs, project.token_env for https"
            : "check the network and the remote's URL (`git remote -v`), then retry";
  }
  throw DependencyError(what + ": " + last_error(), h);
}

std::string to_hex(const git_oid& oid) {
  char buf[GIT_OID_HEXSZ + 1];
  git_oid_tostr(buf, sizeof buf, &oid);
  return buf;
}

git_oid to_oid(const std::string& hex) {
  git_oid oid;
  if (hex.size() != GIT_OID_HEXSZ || git_oid_fromstr(&oid, hex.c_str()) != 0) {
    throw GateError("not a commit id: '" + hex + "'", "this is a bug in relctl; please report it");
  }
  return oid;
}

}  // namespace relctl::git::detail

namespace relctl::git {

std::string short_id(const std::string& id) {
  return id.substr(0, 7);
}

}  // namespace relctl::git
