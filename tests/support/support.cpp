#include "support/support.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace relctl::test {

TempDir::TempDir() {
  std::random_device rd;
  const fs::path base = fs::temp_directory_path();
  for (int attempt = 0; attempt < 100; ++attempt) {
    fs::path candidate = base / ("relctl-test-" + std::to_string(rd()));
    if (fs::create_directory(candidate)) {
      path_ = fs::canonical(candidate);
      return;
    }
  }
  throw std::runtime_error("cannot create a temporary folder");
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

namespace {

std::vector<std::string> child_environment(const RunOptions& options) {
  std::map<std::string, std::string> env;
  for (char** e = environ; *e; ++e) {
    std::string kv(*e);
    auto eq = kv.find('=');
    if (eq != std::string::npos) env[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  for (const auto& name : options.unset_env) env.erase(name);
  for (const auto& [k, v] : options.env) env[k] = v;
  std::vector<std::string> out;
  for (const auto& [k, v] : env) out.push_back(k + "=" + v);
  return out;
}

}  // namespace

ProcessResult run_process(const std::vector<std::string>& argv, const RunOptions& options) {
  int out_pipe[2], err_pipe[2], in_pipe[2];
  if (pipe(out_pipe) || pipe(err_pipe) || pipe(in_pipe)) throw std::runtime_error("pipe failed");
  const auto env_strings = child_environment(options);

  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    dup2(in_pipe[0], 0);
    dup2(out_pipe[1], 1);
    dup2(err_pipe[1], 2);
    for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) {
      close(fd);
    }
    if (!options.cwd.empty() && chdir(options.cwd.c_str()) != 0) _exit(127);
    std::vector<char*> args, envp;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    for (const auto& e : env_strings) envp.push_back(const_cast<char*>(e.c_str()));
    envp.push_back(nullptr);
    execvpe(args[0], args.data(), envp.data());
    _exit(127);
  }
  close(in_pipe[0]);
  close(out_pipe[1]);
  close(err_pipe[1]);
  if (!options.stdin_text.empty()) {
    [[maybe_unused]] auto n =
        write(in_pipe[1], options.stdin_text.data(), options.stdin_text.size());
  }
  close(in_pipe[1]);

  ProcessResult result;
  std::array<pollfd, 2> fds{{{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}}};
  bool interrupted = false;
  int open_fds = 2;
  char buf[65536];
  while (open_fds > 0) {
    if (!interrupted && !options.interrupt_when_exists.empty() &&
        fs::exists(options.interrupt_when_exists)) {
      kill(pid, SIGINT);
      interrupted = true;
    }
    if (!interrupted && options.signal_when && options.signal_when()) {
      kill(pid, options.signal);
      interrupted = true;
    }
    if (poll(fds.data(), fds.size(), 50) < 0) break;
    for (size_t i = 0; i < fds.size(); ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP))) continue;
      const ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n <= 0) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      } else {
        (i == 0 ? result.out : result.err).append(buf, static_cast<size_t>(n));
      }
    }
  }
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

std::string output(const ProcessResult& r) {
  return r.out + r.err;
}

void check_no_secret(const std::string& where, const std::string& text) {
  INFO(where << ":\n" << text);
  CHECK(text.find("Tr0ub4dor") == std::string::npos);
}

ProcessResult run_relctl(const std::vector<std::string>& args, const RunOptions& options) {
  std::vector<std::string> argv{RELCTL_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  RunOptions o = options;
  // Tests must not inherit the developer's CI settings unless they ask for them.
  // Nor the forge's: its tokens, API addresses, pull request and proxies.
  for (const char* name : {"GITHUB_ACTIONS",  "GITHUB_STEP_SUMMARY",
                           "NO_COLOR",        "FORCE_COLOR",
                           "CLICOLOR_FORCE",  "GITHUB_TOKEN",
                           "GH_TOKEN",        "GITLAB_TOKEN",
                           "CI_JOB_TOKEN",    "GITHUB_API_URL",
                           "CI_API_V4_URL",   "GITHUB_SERVER_URL",
                           "CI_SERVER_HOST",  "GITHUB_EVENT_PATH",
                           "GITHUB_REF",      "CI_MERGE_REQUEST_IID",
                           "GITLAB_CI",       "CI",
                           "GITHUB_OUTPUT",   "GITHUB_HEAD_REF",
                           "GITHUB_REF_NAME", "CI_COMMIT_REF_NAME",
                           "http_proxy",      "https_proxy",
                           "HTTPS_PROXY",     "ALL_PROXY",
                           "all_proxy"}) {
    if (!o.env.count(name)) o.unset_env.emplace_back(name);
  }
  return run_process(argv, o);
}

std::string sh(const std::string& command, const fs::path& cwd) {
  RunOptions o;
  o.cwd = cwd;
  o.env = {{"GIT_AUTHOR_NAME", "Test"},    {"GIT_AUTHOR_EMAIL", "test@example.com"},
           {"GIT_COMMITTER_NAME", "Test"}, {"GIT_COMMITTER_EMAIL", "test@example.com"},
           {"GIT_CONFIG_NOSYSTEM", "1"},   {"HOME", cwd.empty() ? "/tmp" : cwd.string()}};
  auto r = run_process({"/bin/sh", "-c", command}, o);
  if (r.exit_code != 0) {
    throw std::runtime_error("setup command failed (" + std::to_string(r.exit_code) +
                             "): " + command + "\n" + r.out + r.err);
  }
  return r.out;
}

void write_file(const fs::path& path, const std::string& content) {
  if (path.has_parent_path()) fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::optional<std::string> pg_url() {
  if (const char* url = std::getenv("RELCTL_TEST_PG_URL"); url && *url) return std::string(url);
  if (const char* ci = std::getenv("CI"); ci && std::string(ci) == "true") {
    FAIL(
        "RELCTL_TEST_PG_URL is not set under CI=true: run the tests through scripts/test.sh, "
        "which starts the throwaway Postgres cluster");
  }
  return std::nullopt;
}

}  // namespace relctl::test
