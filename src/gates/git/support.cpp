#include "gates/git/support.hpp"

#include <fnmatch.h>

#include <cstdlib>

namespace relctl::gates::git_support {

namespace fs = std::filesystem;

git::Repository& RepoAccess::get(core::Context& ctx) {
  if (ctx.repo) return *ctx.repo;
  if (!owned_) owned_ = git::Repository::discover(ctx.root());
  return *owned_;
}

std::string remote_name(const core::Context& ctx) {
  return ctx.config && !ctx.config->project.remote.empty() ? ctx.config->project.remote
                                                           : std::string("origin");
}

git::Auth auth(core::Context& ctx) {
  git::Auth a;
  if (!ctx.config || ctx.config->project.token_env.empty()) return a;
  a.token_env = ctx.config->project.token_env;
  if (const char* v = std::getenv(a.token_env.c_str()); v && *v) {
    a.token = v;
    ctx.redactor.add_secret(a.token);
  }
  return a;
}

std::vector<std::string> release_output_globs(const core::Context& ctx) {
  std::vector<std::string> out;
  if (!ctx.config) return out;
  if (ctx.config->code_release) {
    for (const auto& glob : ctx.config->code_release->artifacts) out.push_back(glob);
    out.emplace_back("SHA256SUMS");
  }
  if (const auto& dr = ctx.config->data_release) {
    if (!dr->snapshot.empty()) out.push_back(dr->snapshot);
    if (!dr->snapshot.empty() && dr->export_) {
      // data.export's temp file and backup, left by a killed run; the next export removes them.
      const fs::path snapshot(dr->snapshot);
      out.push_back(
          (snapshot.parent_path() / ("." + snapshot.filename().string() + ".relctl-*")).string());
    }
    if (!dr->manifest.empty()) out.push_back(dr->manifest);
    if (!dr->reports_dir.empty()) out.push_back(dr->reports_dir + "/*");
  }
  return out;
}

bool glob_match(const std::string& pattern, const std::string& path) {
  if (pattern == path) return true;
  if (fnmatch(pattern.c_str(), path.c_str(), FNM_PATHNAME) == 0) return true;
  // "reports/*" also covers files deeper inside "reports/".
  if (pattern.size() > 2 && pattern.compare(pattern.size() - 2, 2, "/*") == 0) {
    const std::string dir = pattern.substr(0, pattern.size() - 1);
    return path.compare(0, dir.size(), dir) == 0;
  }
  return false;
}

std::string worktree_relative(const core::Context& ctx, git::Repository& repo,
                              const std::string& path) {
  fs::path p(path);
  if (p.is_relative()) p = ctx.root() / p;
  const fs::path wd = fs::weakly_canonical(repo.workdir());
  return fs::weakly_canonical(p).lexically_relative(wd).generic_string();
}

std::string list_some(const std::vector<std::string>& items, size_t max) {
  std::string out;
  for (size_t i = 0; i < items.size() && i < max; ++i) out += (i ? ", " : "") + items[i];
  if (items.size() > max) out += " and " + std::to_string(items.size() - max) + " more";
  return out;
}

}  // namespace relctl::gates::git_support
