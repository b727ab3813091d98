#pragma once
// relctl's git adapter: a thin RAII layer over libgit2 (which never appears
// in this header). Every libgit2 failure becomes a relctl::Error that names
// what failed and where, with a hint: GateError (exit 1) for local problems,
// DependencyError (exit 3) when a remote is unreachable or refuses us.
// The one exception is the push, which runs the `git` program
// (gates/git/push_program.cpp) so that it is atomic and runs the pre-push hook.

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace relctl::git {

/// One changed path of `git status`.
struct StatusEntry {
  std::string path;    // relative to the work tree, '/' separated
  std::string change;  // "modified", "staged", "untracked", "deleted", "renamed", "conflicted", ...
};

/// One commit as history readers need it.
struct CommitInfo {
  std::string id;
  std::string message;
  std::size_t parents = 0;
  /// How many commits the walk visits in all, when it knows before the
  /// first (walk_since does): lets a reader allocate its list once.
  std::size_t walk_size = 0;
};

struct AheadBehind {
  std::size_t ahead = 0;   // commits on the local side only
  std::size_t behind = 0;  // commits on the upstream side only
};

struct Tag {
  std::string name;    // "code-v1.3.0"
  std::string commit;  // the commit it points at (peeled)
  bool annotated = false;
  std::string message;  // annotated tags only
};

struct RemoteRef {
  std::string name;  // "refs/tags/code-v1.3.0"
  std::string id;
};

/// Credentials for ls-remote, fetch and push: ssh URLs use the ssh-agent; https URLs use
/// `token` (from the variable named by project.token_env) when given.
struct Auth {
  std::string token;
  std::string token_env;  // named in error hints
};

struct Signature {
  std::string name;
  std::string email;
};

/// Signs the bytes of a commit or tag object as git's signing program does:
/// returns the armored detached signature, or throws GateError with the
/// program's message.
using Signer = std::function<std::string(const std::string& payload)>;

/// A signed object split as git splits it: the bytes that were signed and
/// the signature that follows them.
struct SignedObject {
  std::string payload;
  std::string signature;
};

/// A path to stage: its current content is added (or its removal recorded).
struct StagePath {
  std::string path;    // relative to the work tree
  bool force = false;  // add it even if .gitignore ignores it
};

class Repository {
 public:
  /// The repository containing `start` (walking up). Throws GateError
  /// "not a git repository" when there is none.
  static std::unique_ptr<Repository> discover(const std::filesystem::path& start);
  /// The repository containing `start`, or null when there is none. Never throws.
  static std::unique_ptr<Repository> try_discover(const std::filesystem::path& start);

  ~Repository();
  Repository(const Repository&) = delete;
  Repository& operator=(const Repository&) = delete;

  // --- shape -------------------------------------------------------------
  std::filesystem::path workdir() const;  // empty for a bare repository
  std::filesystem::path git_dir() const;
  bool is_bare() const;
  bool is_shallow() const;
  bool head_detached() const;
  bool head_unborn() const;
  /// The branch HEAD is on ("main"; also before its first commit), or nullopt when detached.
  std::optional<std::string> current_branch() const;
  /// For a dry run on a detached HEAD that is `branch`'s tip: this object
  /// answers as if HEAD were on `branch`; HEAD itself is not touched.
  void assume_branch(const std::string& branch);
  /// Points HEAD at `branch`, whose tip HEAD already is: index and work tree
  /// stay as they are.
  void attach_head(const std::string& branch);
  /// The commit id HEAD points at; throws GateError when unborn.
  std::string head_id() const;

  // --- work tree ---------------------------------------------------------
  /// Modified, staged and untracked paths (untracked folders listed file by
  /// file); ignored files are left out.
  std::vector<StatusEntry> status() const;
  bool is_ignored(const std::string& path) const;

  // --- history -----------------------------------------------------------
  /// The commit `spec` names (a ref, tag, short or full id), or nullopt.
  std::optional<std::string> resolve_commit(const std::string& spec) const;
  bool has_commit(const std::string& id) const;
  /// Calls `visit` for every commit reachable from `from` but not from any
  /// of `hide`, newest first, until it returns false.
  void walk(const std::string& from, const std::vector<std::string>& hide,
            const std::function<bool(const CommitInfo&)>& visit) const;
  /// Calls `visit` for every commit reachable from `from` but not from
  /// `since`, newest first, and returns whether `since` itself is reachable
  /// from `from` (one walk instead of a walk plus an ancestry check).
  bool walk_since(const std::string& from, const std::string& since,
                  const std::function<void(const CommitInfo&)>& visit) const;
  AheadBehind ahead_behind(const std::string& local, const std::string& upstream) const;
  /// The paths (relative to the work tree) that `commit` adds, changes or
  /// removes against its first parent (every path of a root commit).
  std::vector<std::string> changed_paths(const std::string& commit) const;
  /// True when `ancestor` is `descendant` or reachable from it.
  bool is_ancestor(const std::string& ancestor, const std::string& descendant) const;
  /// The content of `path` in the tree of `commitish`, or nullopt if absent.
  std::optional<std::string> read_file_at(const std::string& commitish,
                                          const std::string& path) const;
  /// The regular files directly inside folder `dir` ("" = the root) in the
  /// tree of `commitish`, by name with their bytes; nullopt if no such folder.
  std::optional<std::map<std::string, std::string>> read_dir_at(const std::string& commitish,
                                                                const std::string& dir) const;

  // --- refs and branches -------------------------------------------------
  /// The commit a ref points at ("refs/heads/main"), peeled; nullopt if absent.
  std::optional<std::string> ref_commit(const std::string& refname) const;
  bool branch_exists(const std::string& branch) const;
  /// The upstream ref of a local branch ("refs/remotes/origin/main") and its
  /// remote's name, or nullopt when none is configured.
  std::optional<std::pair<std::string, std::string>> upstream_of(const std::string& branch) const;
  /// Creates `branch` at `commit`; throws GateError if it exists.
  void create_branch(const std::string& branch, const std::string& commit);
  void delete_branch(const std::string& branch);
  /// Makes `branch` current, updating index and work tree safely (local
  /// changes that would be overwritten make it fail).
  void checkout_branch(const std::string& branch);
  /// Points `branch` at `commit` (used to undo a commit).
  void set_branch(const std::string& branch, const std::string& commit);
  /// Every local branch and tag ("refs/heads/main", "refs/tags/v1") with the
  /// object it names (a tag object for annotated tags, as a remote advertises).
  std::map<std::string, std::string> local_refs() const;
  /// Removes the ref `refname` ("refs/tags/code-v1.3.0"). Throws GateError.
  void remove_ref(const std::string& refname);

  // --- tags --------------------------------------------------------------
  /// Tags whose name matches the glob `pattern` ("code-v*").
  std::vector<Tag> tags(const std::string& pattern) const;
  std::optional<Tag> find_tag(const std::string& name) const;
  /// Creates an annotated tag at `commit`, signed with `sign` when given
  /// (the signature follows the message, as `git tag -s` writes it);
  /// returns the tag object's id. Throws GateError if the tag exists.
  std::string create_annotated_tag(const std::string& name, const std::string& commit,
                                   const std::string& message, const Signature& tagger,
                                   const Signer& sign = {});
  void delete_tag(const std::string& name);
  /// The signed bytes and the signature of annotated tag `name`; nullopt
  /// when it is absent, lightweight or unsigned.
  std::optional<SignedObject> tag_signature(const std::string& name) const;

  // --- remotes -----------------------------------------------------------
  /// The configured remotes' names, in git's order.
  std::vector<std::string> remotes() const;
  std::string remote_url(const std::string& remote) const;
  /// The refs the remote advertises (like `git ls-remote`). DependencyError
  /// when it cannot be reached.
  /// `after_interrupt`: read them even though Ctrl-C was pressed (to learn
  /// what a push that was let finish achieved).
  std::vector<RemoteRef> list_remote(const std::string& remote, const Auth& auth,
                                     bool after_interrupt = false) const;
  /// Fetches the remote's configured refspecs (updates remote-tracking refs).
  void fetch(const std::string& remote, const Auth& auth);

  // --- configuration and hooks -------------------------------------------
  /// A value of git's configuration as git resolves it (repository, user,
  /// system), or nullopt when unset.
  std::optional<std::string> config_string(const std::string& key) const;
  /// A boolean of git's configuration; GateError when it is not one.
  std::optional<bool> config_bool(const std::string& key) const;
  /// Where git looks for this repository's hooks: core.hooksPath (relative
  /// to the work tree's top), else the hooks folder of the common git dir.
  std::filesystem::path hooks_dir() const;
  /// The index file of this work tree (what hooks get as GIT_INDEX_FILE).
  std::filesystem::path index_path() const;

  // --- commits -----------------------------------------------------------
  /// The signature for commits and tags: git config user.name/user.email,
  /// else GIT_AUTHOR_NAME/GIT_AUTHOR_EMAIL; GateError with a hint if neither.
  Signature signature() const;
  /// The index file's bytes (to restore it exactly on undo); empty if none.
  std::string index_snapshot() const;
  void restore_index(const std::string& snapshot);
  /// Stages `paths` into the index and writes it. Throws GateError for an
  /// ignored path without `force`.
  void stage_paths(const std::vector<StagePath>& paths);
  /// Commits the index (read again from disk) on HEAD's branch, signed with
  /// `sign` when given (a `gpgsig` header); returns the new id.
  std::string commit_index(const std::string& message, const Signature& author,
                           const Signer& sign = {});
  /// stage_paths, then commit_index unsigned.
  std::string commit_paths(const std::vector<StagePath>& paths, const std::string& message,
                           const Signature& author);

  struct Impl;

 private:
  explicit Repository(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// The first 7 characters of a commit id.
std::string short_id(const std::string& id);

}  // namespace relctl::git
