// The repository's hooks around relctl's commits, found and run as git runs
// them: from core.hooksPath or the hooks folder, executable files only, at
// the work tree's top, with GIT_INDEX_FILE and GIT_EDITOR=: set and
// relctl's database URLs and secrets withheld.

#include <unistd.h>

#include "gates/command/withheld.hpp"
#include "gates/git/policy.hpp"
#include "relctl/config/config.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/log.hpp"
#include "relctl/process/process.hpp"

namespace relctl::gates::git_policy {

namespace fs = std::filesystem;

namespace {

std::string trimmed(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

}  // namespace

Hooks::Hooks(const core::Context& ctx, git::Repository& repo) : repo_(repo) {
  skipped_ = ctx.config && ctx.config->project.hooks == "skip";
  if (!skipped_) dir_ = repo.hooks_dir();
  withheld_ = withheld_variables(ctx.config);
}

std::string Hooks::skipped_note() {
  return "hooks skipped by [project] hooks = \"skip\"";
}

std::optional<fs::path> Hooks::find(const std::string& name) const {
  if (skipped_) return std::nullopt;
  const fs::path path = dir_ / name;
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return std::nullopt;
  if (access(path.c_str(), X_OK) != 0) {
    core::log_debug("hook {} is not executable: ignored, as git ignores it", path.string());
    return std::nullopt;
  }
  return path;
}

std::vector<std::string> Hooks::present(const std::vector<std::string>& names) const {
  std::vector<std::string> out;
  for (const auto& n : names) {
    if (find(n)) out.push_back(n);
  }
  return out;
}

std::optional<Hooks::Ran> Hooks::run(const std::string& name,
                                     const std::vector<std::string>& args) const {
  const auto path = find(name);
  if (!path) return std::nullopt;
  process::Spec spec;
  spec.argv = {path->string()};
  spec.argv.insert(spec.argv.end(), args.begin(), args.end());
  spec.cwd = repo_.is_bare() ? repo_.git_dir() : repo_.workdir();
  spec.max_output = 8 * 1024;  // the tail of what it says, in the gate's message
  spec.env = {{"GIT_INDEX_FILE", repo_.index_path().string()}, {"GIT_EDITOR", ":"}};
  spec.withheld = withheld_;
  const process::Result r = process::run(spec);
  if (r.interrupted) throw Interrupted();
  Ran ran;
  ran.ok = r.exit_code == 0;
  if (!ran.ok) {
    const std::string how = r.signal ? "was killed by signal " + std::to_string(r.signal)
                                     : "exited with " + std::to_string(r.exit_code);
    const std::string out = trimmed(r.output);
    ran.why = "the " + name + " hook (" + path->string() + ") " + how +
              (out.empty() ? std::string() : ":\n" + out);
  }
  return ran;
}

bool Hooks::must_pass(const std::string& name, const std::vector<std::string>& args) const {
  const auto ran = run(name, args);
  if (ran && !ran->ok) {
    throw GateError(ran->why,
                    "fix what the hook reports and run again, or set [project] hooks = "
                    "\"skip\" to release without the repository's hooks");
  }
  return ran.has_value();
}

std::string Hooks::may_fail(const std::string& name, const std::vector<std::string>& args) const {
  const auto ran = run(name, args);
  if (!ran || ran->ok) return {};
  return ran->why;
}

std::string hook_list(const std::vector<std::string>& names) {
  std::string out = "the ";
  for (size_t i = 0; i < names.size(); ++i) {
    out += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
  }
  return out + (names.size() == 1 ? " hook" : " hooks");
}

}  // namespace relctl::gates::git_policy
