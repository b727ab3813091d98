#include "support/git_project.hpp"

#include <signal.h>

#include <algorithm>

namespace relctl::test {

namespace {

constexpr const char* default_toml = R"(
[project]
name = "demo"

[code_release]
version_files = [{ path = "pyproject.toml", pattern = 'version = "{version}"' }]
)";

std::string listing(const fs::path& dir, bool with_content,
                    const std::vector<std::string>& skip = {}) {
  std::vector<std::string> lines;
  if (!fs::exists(dir)) return "";
  for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator();
       ++it) {
    const std::string rel = it->path().lexically_relative(dir).generic_string();
    if (std::find(skip.begin(), skip.end(), rel) != skip.end()) {
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file()) {
      lines.push_back(rel + (with_content ? "\n" + read_file(it->path()) : ""));
    } else if (it->is_directory()) {
      lines.push_back(rel + "/");
    }
  }
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

}  // namespace

GitProject::GitProject(const std::string& toml_extra, bool seed) {
  sh("git init -q --bare -b main origin.git", root());
  sh("git clone -q origin.git work 2>/dev/null", root());
  git("config user.name 'Rel Ease'");
  git("config user.email rel@example.com");
  git("symbolic-ref HEAD refs/heads/main");
  write_file(work() / "relctl.toml", std::string(default_toml) + toml_extra);
  write_file(work() / "pyproject.toml", "[project]\nname = \"demo\"\nversion = \"1.2.0\"\n");
  write_file(work() / "CHANGELOG.md", "# Changelog\n\n## 1.2.0 - 2026-01-01\n\n- first\n");
  git("add -A && git commit -q -m 'feat: first release'");
  if (!seed) return;
  git("tag -a code-v1.2.0 -m 'Release 1.2.0'");
  commit("feat(search): add search");
  commit("fix: crash on empty input");
  git("push -q -u origin main code-v1.2.0");
}

GitProject::~GitProject() {
  const fs::path pid_file = tmp_ / "daemon.pid";
  if (fs::exists(pid_file)) {
    const int pid = std::stoi(read_file(pid_file));
    if (pid > 0) kill(pid, SIGTERM);
  }
}

std::string GitProject::git(const std::string& args, const fs::path& dir) const {
  return sh("git " + args, dir.empty() ? work() : dir);
}

void GitProject::commit(const std::string& message, const std::string& file,
                        const std::string& content) const {
  std::string name = file;
  if (name.empty()) {
    name = "src/" + message.substr(message.find(':') + 1) + ".txt";
    std::replace(name.begin(), name.end(), ' ', '_');
  }
  write_file(work() / name, content.empty() ? message + "\n" : content);
  git("add -A && git commit -q -m '" + message + "'");
}

fs::path GitProject::other_clone() const {
  const fs::path dir = tmp_ / "other";
  if (!fs::exists(dir)) {
    sh("git clone -q origin.git other", root());
    git("config user.name Other && git config user.email other@example.com", dir);
  }
  return dir;
}

ProcessResult GitProject::relctl(const std::vector<std::string>& args, RunOptions options) const {
  if (options.cwd.empty()) options.cwd = work();
  options.env.emplace("HOME", root().string());
  options.env.emplace("GIT_CONFIG_NOSYSTEM", "1");
  for (const char* v : {"GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME",
                        "GIT_COMMITTER_EMAIL", "GIT_DIR", "GIT_WORK_TREE", "SSH_AUTH_SOCK"}) {
    if (!options.env.count(v)) options.unset_env.emplace_back(v);
  }
  return run_relctl(args, options);
}

std::string GitProject::refs_state(const fs::path& dir) const {
  const fs::path d = dir.empty() ? work() : dir;
  return git("for-each-ref --format='%(refname) %(objectname)'", d) + "HEAD " +
         read_file(d / ".git" / "HEAD") + "index " +
         std::to_string(std::hash<std::string>{}(read_file(d / ".git" / "index")));
}

std::string GitProject::full_state(const fs::path& dir) const {
  const fs::path d = dir.empty() ? work() : dir;
  return refs_state(d) + "\n--- objects\n" + listing(d / ".git" / "objects", false) +
         "\n--- files\n" + listing(d, true, {".git", ".relctl"});
}

void GitProject::serve_origin_with_daemon(const std::string& path) {
  if (path != "origin.git") {
    fs::create_directories((root() / path).parent_path());
    fs::create_directory_symlink(origin(), root() / path);
  }
  const fs::path script = fs::path(RELCTL_SOURCE_DIR) / "tests/support/git_daemon.sh";
  std::string port = sh("'" + script.string() + "' start '" + root().string() + "' '" +
                        (tmp_ / "daemon.pid").string() + "'");
  while (!port.empty() && port.back() == '\n') port.pop_back();
  daemon_port_ = std::stoi(port);
  git("remote set-url origin git://127.0.0.1:" + port + "/" + path);
}

}  // namespace relctl::test
