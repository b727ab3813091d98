// Reading git's own configuration as git resolves it (the repository's,
// the user's, the system's), and where the repository's hooks live.

#include <git2.h>

#include <cstdlib>

#include "git/libgit2.hpp"
#include "relctl/core/error.hpp"

namespace relctl::git {

using namespace detail;

namespace {

ConfigHandle open_config(git_repository* repo) {
  git_config* raw = nullptr;
  check(git_repository_config(&raw, repo), "cannot read the repository's git configuration");
  return ConfigHandle(raw);
}

}  // namespace

std::optional<std::string> Repository::config_string(const std::string& key) const {
  auto cfg = open_config(impl_->get());
  git_buf value = GIT_BUF_INIT;
  const int rc = git_config_get_string_buf(&value, cfg.get(), key.c_str());
  if (rc == GIT_ENOTFOUND) return std::nullopt;
  check(rc, "cannot read git config " + key, "fix it with `git config " + key + " VALUE`");
  std::string out(value.ptr, value.size);
  git_buf_dispose(&value);
  return out;
}

std::optional<bool> Repository::config_bool(const std::string& key) const {
  auto cfg = open_config(impl_->get());
  int value = 0;
  const int rc = git_config_get_bool(&value, cfg.get(), key.c_str());
  if (rc == GIT_ENOTFOUND) return std::nullopt;
  check(rc, "git config " + key + " is not a boolean",
        "set it to true or false: `git config " + key + " true`");
  return value != 0;
}

std::filesystem::path Repository::hooks_dir() const {
  if (auto configured = config_string("core.hooksPath")) {
    std::filesystem::path p(*configured);
    const char* home = std::getenv("HOME");
    if (configured->rfind("~/", 0) == 0 && home)
      p = std::filesystem::path(home) / configured->substr(2);
    // git runs hooks at the work tree's top and reads a relative core.hooksPath from there.
    return p.is_relative() && !is_bare() ? workdir() / p : p;
  }
  git_buf path = GIT_BUF_INIT;
  check(git_repository_item_path(&path, impl_->get(), GIT_REPOSITORY_ITEM_HOOKS),
        "cannot find the repository's hooks folder");
  std::filesystem::path out(std::string(path.ptr, path.size));
  git_buf_dispose(&path);
  return out.has_filename() ? out : out.parent_path();
}

std::filesystem::path Repository::index_path() const {
  return git_dir() / "index";
}

}  // namespace relctl::git
