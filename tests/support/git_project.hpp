#pragma once
// A project in a temporary folder for git tests: a bare `origin`, a work
// clone with relctl.toml, a released code-v1.2.0 and two conventional
// commits since. Git setup uses the git CLI (relctl itself never does), with
// HOME pointed at the temporary folder so ~/.gitconfig never matters.

#include <string>
#include <vector>

#include "support/support.hpp"

namespace relctl::test {

class GitProject {
 public:
  /// `toml_extra` is appended to the default relctl.toml.
  explicit GitProject(const std::string& toml_extra = "", bool seed = true);
  ~GitProject();

  const fs::path& root() const { return tmp_.path(); }
  fs::path work() const { return tmp_ / "work"; }
  fs::path origin() const { return tmp_ / "origin.git"; }

  /// Runs a git command line in `dir` (default: the work clone).
  std::string git(const std::string& args, const fs::path& dir = {}) const;
  /// Writes `file` (default: a new file named after the message) and commits.
  void commit(const std::string& message, const std::string& file = "",
              const std::string& content = "") const;
  /// A second clone of origin, for changes "someone else" pushes.
  fs::path other_clone() const;

  /// Runs relctl in the work clone with a controlled environment.
  ProcessResult relctl(const std::vector<std::string>& args, RunOptions options = {}) const;

  /// Every ref with its target, HEAD, and the index's bytes.
  std::string refs_state(const fs::path& dir = {}) const;
  /// refs_state plus the list of object files and every work tree file's
  /// content (.git and .relctl excepted): "nothing changed" means equal.
  std::string full_state(const fs::path& dir = {}) const;

  /// Serves the bare origin over git:// (so its hooks run on push) and
  /// points the work clone's origin at it, as git://127.0.0.1:PORT/`path`
  /// ("acme/widgets.git" names the repository as a forge would).
  void serve_origin_with_daemon(const std::string& path = "origin.git");

 private:
  TempDir tmp_;
  int daemon_port_ = 0;
};

}  // namespace relctl::test
