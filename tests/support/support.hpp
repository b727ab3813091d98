#pragma once
// Test fixtures shared by unit, integration and e2e tests: a temporary
// folder, running a process with captured output, setting up git
// repositories (tests may use the git CLI for setup; relctl itself never does).

#include <csignal>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace relctl::test {

namespace fs = std::filesystem;

/// A fresh folder under $TMPDIR, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }
  fs::path operator/(const std::string& rel) const { return path_ / rel; }

 private:
  fs::path path_;
};

struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

struct RunOptions {
  fs::path cwd = {};
  std::map<std::string, std::string> env = {};  // added to (or replacing) the current environment
  std::vector<std::string> unset_env = {};
  std::string stdin_text = {};
  /// Send SIGINT to the child once this file exists (Ctrl-C tests); empty = never.
  fs::path interrupt_when_exists = {};
  /// Send `signal` to the child once this returns true (polled every 50ms).
  std::function<bool()> signal_when = {};
  int signal = SIGINT;
};

/// Runs argv (no shell), waits, and captures stdout and stderr.
ProcessResult run_process(const std::vector<std::string>& argv, const RunOptions& options = {});

/// Runs the built relctl binary with `args`.
ProcessResult run_relctl(const std::vector<std::string>& args, const RunOptions& options = {});

/// What the user saw: stdout, then stderr.
std::string output(const ProcessResult& r);

/// The password of the throwaway cluster's test role, as written and as it
/// appears percent-encoded in a URL (scripts/pg.sh).
inline const std::vector<std::string>& test_password_forms() {
  static const std::vector<std::string> forms = {"Tr0ub4dor&3!", "Tr0ub4dor%263%21"};
  return forms;
}

/// Fails the test when `text` (named `where` in the failure) holds the test
/// password in any form.
void check_no_secret(const std::string& where, const std::string& text);

/// Runs a shell command line for test setup; throws if it fails.
std::string sh(const std::string& command, const fs::path& cwd = {});

void write_file(const fs::path& path, const std::string& content);
std::string read_file(const fs::path& path);

/// The URL of the throwaway Postgres cluster the test script started, or
/// nullopt when there is none (tests then skip, except under CI=true).
std::optional<std::string> pg_url();

}  // namespace relctl::test
