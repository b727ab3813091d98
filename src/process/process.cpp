#include "relctl/process/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/prctl.h>
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

std::vector<std::string> child_env(const Spec& spec) {
  std::map<std::string, std::string> env;
  for (char** e = environ; *e; ++e) {
    const std::string kv(*e);
    const auto eq = kv.find('=');
    if (eq != std::string::npos) env[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  for (const auto& name : spec.withheld) env.erase(name);
  for (const auto& [k, v] : spec.env) env[k] = v;
  std::vector<std::string> out;
  for (const auto& [k, v] : env) out.push_back(k + "=" + v);
  return out;
}

// SIGTERM to the command's group, then SIGKILL if it has not gone after a
// grace period; returns once the guardian has ended.
void stop_group(pid_t group, pid_t guardian) {
  kill(-group, SIGTERM);
  for (int i = 0; i < 40; ++i) {
    if (waitpid(guardian, nullptr, WNOHANG) == guardian) {
      kill(-group, SIGKILL);  // stragglers in the group
      return;
    }
    usleep(50 * 1000);
  }
  kill(-group, SIGKILL);
  waitpid(guardian, nullptr, 0);
}

// The command's ends of its pipes: stdin (-1: /dev/null), stdout, stderr.
struct ChildFds {
  int in_r = -1, out_w = -1, errout_w = -1;
};

void report_errno(int fd) {
  const int e = errno;
  [[maybe_unused]] auto n = write(fd, &e, sizeof e);
}

// The guardian, a forked child of relctl: it starts the command as the
// leader of a new process group and stays with it. When relctl dies, even
// of kill -9, the kernel tells the guardian (PR_SET_PDEATHSIG), which kills
// the command's whole group; when the command ends, it sends the command's
// wait status to relctl and kills what the command left in its group. Only
// async-signal-safe calls: relctl may have threads.
[[noreturn]] void guard_command(pid_t parent, ChildFds fds, int err_w, int guard_w,
                                const sigset_t& previous, char** argv, char** envp, const char* cwd,
                                bool own_session) {
  prctl(PR_SET_PDEATHSIG, SIGHUP);
  if (getppid() != parent) _exit(127);  // relctl died before the line above
  const int devnull = open("/dev/null", O_RDWR);
  const pid_t command = fork();
  if (command == 0) {
    if (own_session) {
      setsid();  // a new session and process group, no controlling terminal
    } else {
      setpgid(0, 0);
    }
    prctl(PR_SET_PDEATHSIG, SIGKILL);  // the guardian gone: nobody watches the command
    for (int sig : {SIGCHLD, SIGHUP, SIGINT, SIGTERM}) signal(sig, SIG_DFL);
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    dup2(fds.in_r >= 0 ? fds.in_r : devnull, 0);
    dup2(fds.out_w, 1);
    dup2(fds.errout_w >= 0 ? fds.errout_w : fds.out_w, 2);
    if (cwd[0] != '\0' && chdir(cwd) != 0) {
      report_errno(err_w);
      _exit(127);
    }
    execvpe(argv[0], argv, envp);
    report_errno(err_w);
    _exit(127);
  }
  if (command > 0 && !own_session) setpgid(command, command);
  [[maybe_unused]] auto n = write(guard_w, &command, sizeof command);
  if (command < 0) _exit(127);
  for (int fd : {fds.in_r, fds.out_w, fds.errout_w, err_w}) {
    if (fd >= 0) close(fd);
  }
  for (int fd : {0, 1, 2}) dup2(devnull, fd);
  sigset_t waited;
  sigemptyset(&waited);
  for (int sig : {SIGCHLD, SIGHUP, SIGINT, SIGTERM}) sigaddset(&waited, sig);
  for (;;) {
    const int sig = sigwaitinfo(&waited, nullptr);
    if (sig == SIGHUP) {  // relctl is gone
      kill(-command, SIGKILL);
      _exit(129);
    }
    int status = 0;
    if (sig == SIGCHLD && waitpid(command, &status, WNOHANG) == command) {
      n = write(guard_w, &status, sizeof status);
      kill(-command, SIGKILL);  // nothing the command started outlives it
      _exit(0);
    }
    // SIGINT and SIGTERM: relctl stops the command's group itself.
  }
}

// The parent's ends: what to write to the command's stdin, and the output
// pipes read until every writer has closed them.
struct Streams {
  int in_w = -1;
  std::string_view input;
  int fds[2] = {-1, -1};  // stdout (and stderr unless separate), separate stderr
  std::string* into[2] = {nullptr, nullptr};
  bool truncated = false;

  bool open() const { return fds[0] >= 0 || fds[1] >= 0; }
  void close_in() {
    if (in_w >= 0) close(in_w);
    in_w = -1;
  }
  void close_all() {
    close_in();
    for (int& fd : fds) {
      if (fd >= 0) close(fd);
      fd = -1;
    }
  }
  void keep_tail(std::string& s, size_t max) {
    if (s.size() > max * 2) {
      s.erase(0, s.size() - max);
      truncated = true;
    }
  }
  // One round: waits up to `ms` and moves what is ready.
  void pump(int ms, size_t max) {
    pollfd pfd[3];
    nfds_t n = 0;
    for (int fd : fds) pfd[n++] = {fd, POLLIN, 0};
    pfd[n++] = {in_w, POLLOUT, 0};
    if (poll(pfd, n, ms) <= 0) return;
    char buf[16384];
    for (int i = 0; i < 2; ++i) {
      if (fds[i] < 0 || !(pfd[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      const ssize_t got = read(fds[i], buf, sizeof buf);
      if (got > 0) {
        into[i]->append(buf, static_cast<size_t>(got));
        keep_tail(*into[i], max);
      } else if (got == 0 || errno != EINTR) {
        close(fds[i]);
        fds[i] = -1;
      }
    }
    if (in_w >= 0 && (pfd[2].revents & (POLLOUT | POLLERR | POLLHUP))) {
      const ssize_t put = write(in_w, input.data(), input.size());
      if (put > 0) input.remove_prefix(static_cast<size_t>(put));
      if ((put < 0 && errno != EAGAIN && errno != EINTR) || input.empty()) close_in();
    }
  }
};

}  // namespace

Result run(const Spec& spec) {
  if (spec.argv.empty()) throw GateError("empty command", "give `run` at least a program");
  core::log_debug("process: {} in {} (timeout {}ms)", fmt::join(spec.argv, " "), spec.cwd.string(),
                  spec.timeout.count());
  int out[2], err[2], guard[2], in[2] = {-1, -1}, errout[2] = {-1, -1};
  if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0 || pipe2(guard, O_CLOEXEC) != 0 ||
      (spec.input && pipe2(in, O_CLOEXEC) != 0) ||
      (spec.separate_stderr && pipe2(errout, O_CLOEXEC) != 0)) {
    throw GateError(std::string("cannot create a pipe: ") + std::strerror(errno));
  }
  const auto env_strings = child_env(spec);
  std::vector<char*> argv, envp;
  for (const auto& a : spec.argv) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  for (const auto& e : env_strings) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);

  // The child and its group block these until the guardian or the command sets them up.
  sigset_t guarded, previous;
  sigemptyset(&guarded);
  for (int sig : {SIGCHLD, SIGHUP, SIGINT, SIGTERM}) sigaddset(&guarded, sig);
  pthread_sigmask(SIG_BLOCK, &guarded, &previous);
  const pid_t parent = getpid();
  const auto t0 = Clock::now();
  const pid_t guardian = fork();
  if (guardian == 0) {
    if (in[1] >= 0) close(in[1]);  // else the command never reads the end of its input
    guard_command(parent, {in[0], out[1], errout[1]}, err[1], guard[1], previous, argv.data(),
                  envp.data(), spec.cwd.c_str(), spec.own_session);
  }
  const int fork_errno = errno;
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  Result r;
  Streams io;
  io.in_w = in[1];
  io.input = spec.input ? std::string_view(*spec.input) : std::string_view();
  io.fds[0] = out[0];
  io.fds[1] = errout[0];
  io.into[0] = &r.output;
  io.into[1] = &r.errors;
  for (int fd : {out[1], err[1], guard[1], in[0], errout[1]}) {
    if (fd >= 0) close(fd);
  }
  if (guardian < 0) {
    io.close_all();
    close(err[0]);
    close(guard[0]);
    throw GateError(std::string("cannot start a process: ") + std::strerror(fork_errno));
  }
  if (io.in_w >= 0) fcntl(io.in_w, F_SETFL, O_NONBLOCK);
  if (io.in_w >= 0 && io.input.empty()) io.close_in();

  // The guardian says which process group the command leads (or why it has none).
  pid_t pid = -1;
  ssize_t said = 0;
  while ((said = read(guard[0], &pid, sizeof pid)) < 0 && errno == EINTR) {
  }
  if (said != static_cast<ssize_t>(sizeof pid) || pid < 0) {
    io.close_all();
    close(err[0]);
    close(guard[0]);
    waitpid(guardian, nullptr, 0);
    throw GateError("cannot start a process for '" + spec.argv[0] + "'");
  }

  int exec_errno = 0;
  ssize_t got = 0;
  while ((got = read(err[0], &exec_errno, sizeof exec_errno)) < 0 && errno == EINTR) {
  }
  close(err[0]);
  if (got == static_cast<ssize_t>(sizeof exec_errno)) {
    io.close_all();
    close(guard[0]);
    waitpid(guardian, nullptr, 0);
    throw GateError("cannot run '" + spec.argv[0] + "' in " + spec.cwd.string() + ": " +
                        std::strerror(exec_errno),
                    "install it or fix `run` (and `cwd`) of this [[gates.command]]");
  }

  int status = 0;
  bool exited = false;
  // A command ignoring its stdin must not block relctl on a full pipe.
  const sighandler_t old_pipe = signal(SIGPIPE, SIG_IGN);
  for (;;) {
    if (core::interrupt_requested() && !spec.finish_on_interrupt) {
      r.interrupted = true;
      stop_group(pid, guardian);
      exited = true;
      break;
    }
    if (spec.timeout.count() > 0 && Clock::now() - t0 > spec.timeout) {
      r.timed_out = true;
      stop_group(pid, guardian);
      exited = true;
      break;
    }
    if (!io.open()) break;  // every writer closed: the command is done
    io.pump(100, spec.max_output);
    // Output may stay open in a background grandchild; stop waiting once the command exits.
    if (io.open() && waitpid(guardian, nullptr, WNOHANG) == guardian) {
      exited = true;
      io.close_in();
      for (int i = 0; i < 8 && io.open(); ++i) io.pump(0, spec.max_output);
      break;
    }
  }
  signal(SIGPIPE, old_pipe);
  io.close_all();
  if (!exited) {
    while (waitpid(guardian, nullptr, 0) < 0 && errno == EINTR) {
    }
  }
  // The command's wait status, unless the guardian was stopped before it could tell.
  ssize_t told = 0;
  while ((told = read(guard[0], &status, sizeof status)) < 0 && errno == EINTR) {
  }
  if (told != static_cast<ssize_t>(sizeof status)) {
    status = r.interrupted || r.timed_out ? SIGTERM : SIGKILL;  // a wait status: signalled
  }
  close(guard[0]);
  r.truncated = io.truncated;
  for (std::string* s : {&r.output, &r.errors}) {
    if (s->size() > spec.max_output) {
      s->erase(0, s->size() - spec.max_output);
      r.truncated = true;
    }
  }
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  r.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count();
  core::log_debug("process: {} ended in {}ms: exit {}, signal {}{}{}; output{}:\n{}{}",
                  spec.argv[0], r.duration_ms, r.exit_code, r.signal,
                  r.timed_out ? ", timed out" : "", r.interrupted ? ", interrupted" : "",
                  r.truncated ? " (tail)" : "", r.output, r.errors);
  return r;
}

}  // namespace relctl::process
