#include "relctl/process/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "relctl/core/error.hpp"
#include "relctl/core/interrupt.hpp"
#include "relctl/core/log.hpp"

extern char** environ;

namespace relctl::process {

namespace {

using Clock = std::chrono::steady_clock;

std::vector<std::string> child_env(const std::map<std::string, std::string>& extra) {
  std::map<std::string, std::string> env;
  for (char** e = environ; *e; ++e) {
    const std::string kv(*e);
    const auto eq = kv.find('=');
    if (eq != std::string::npos) env[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  for (const auto& [k, v] : extra) env[k] = v;
  std::vector<std::string> out;
  for (const auto& [k, v] : env) out.push_back(k + "=" + v);
  return out;
}

// SIGTERM to the group, then SIGKILL if it has not gone after a grace period.
int stop_group(pid_t pid) {
  kill(-pid, SIGTERM);
  int status = 0;
  for (int i = 0; i < 40; ++i) {
    if (waitpid(pid, &status, WNOHANG) == pid) {
      kill(-pid, SIGKILL);  // stragglers in the group
      return status;
    }
    usleep(50 * 1000);
  }
  kill(-pid, SIGKILL);
  waitpid(pid, &status, 0);
  return status;
}

}  // namespace

Result run(const Spec& spec) {
  if (spec.argv.empty()) throw GateError("empty command", "give `run` at least a program");
  core::log_debug("process: {} in {} (timeout {}ms)", fmt::join(spec.argv, " "), spec.cwd.string(),
                  spec.timeout.count());
  int out[2], err[2];
  if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) {
    throw GateError(std::string("cannot create a pipe: ") + std::strerror(errno));
  }
  const auto env_strings = child_env(spec.env);
  std::vector<char*> argv, envp;
  for (const auto& a : spec.argv) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  for (const auto& e : env_strings) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);

  const auto t0 = Clock::now();
  const pid_t pid = fork();
  if (pid < 0) throw GateError(std::string("cannot start a process: ") + std::strerror(errno));
  if (pid == 0) {
    // Own process group: a terminal's Ctrl-C reaches relctl, which stops the group itself.
    setpgid(0, 0);
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    const int devnull = open("/dev/null", O_RDONLY);
    dup2(devnull, 0);
    dup2(out[1], 1);
    dup2(out[1], 2);
    if (!spec.cwd.empty() && chdir(spec.cwd.c_str()) != 0) {
      const int e = errno;
      [[maybe_unused]] auto n = write(err[1], &e, sizeof e);
      _exit(127);
    }
    execvpe(argv[0], argv.data(), envp.data());
    const int e = errno;
    [[maybe_unused]] auto n = write(err[1], &e, sizeof e);
    _exit(127);
  }
  setpgid(pid, pid);
  close(out[1]);
  close(err[1]);

  int exec_errno = 0;
  const ssize_t got = read(err[0], &exec_errno, sizeof exec_errno);
  close(err[0]);
  if (got == static_cast<ssize_t>(sizeof exec_errno)) {
    close(out[0]);
    waitpid(pid, nullptr, 0);
    throw GateError("cannot run '" + spec.argv[0] + "' in " + spec.cwd.string() + ": " +
                        std::strerror(exec_errno),
                    "install it or fix `run` (and `cwd`) of this [[gates.command]]");
  }

  Result r;
  int status = 0;
  bool exited = false;
  char buf[16384];
  pollfd pfd{out[0], POLLIN, 0};
  for (;;) {
    if (core::interrupt_requested()) {
      r.interrupted = true;
      status = stop_group(pid);
      exited = true;
      break;
    }
    if (spec.timeout.count() > 0 && Clock::now() - t0 > spec.timeout) {
      r.timed_out = true;
      status = stop_group(pid);
      exited = true;
      break;
    }
    const int ready = poll(&pfd, 1, 100);
    if (ready > 0) {
      const ssize_t n = read(out[0], buf, sizeof buf);
      if (n > 0) {
        r.output.append(buf, static_cast<size_t>(n));
        if (r.output.size() > spec.max_output * 2) {
          r.output.erase(0, r.output.size() - spec.max_output);
          r.truncated = true;
        }
        continue;
      }
      if (n == 0) break;  // every writer closed: the command is done
    }
    // Output may stay open in a background grandchild; stop waiting once the command exits.
    if (waitpid(pid, &status, WNOHANG) == pid) {
      exited = true;
      while (poll(&pfd, 1, 0) > 0) {
        const ssize_t n = read(out[0], buf, sizeof buf);
        if (n <= 0) break;
        r.output.append(buf, static_cast<size_t>(n));
      }
      break;
    }
  }
  close(out[0]);
  if (!exited) waitpid(pid, &status, 0);
  if (r.output.size() > spec.max_output) {
    r.output.erase(0, r.output.size() - spec.max_output);
    r.truncated = true;
  }
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  r.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count();
  core::log_debug("process: {} ended in {}ms: exit {}, signal {}{}{}; output{}:\n{}", spec.argv[0],
                  r.duration_ms, r.exit_code, r.signal, r.timed_out ? ", timed out" : "",
                  r.interrupted ? ", interrupted" : "", r.truncated ? " (tail)" : "", r.output);
  return r;
}

}  // namespace relctl::process
