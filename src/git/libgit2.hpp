#pragma once
// Private to src/git: RAII handles over libgit2 objects and the one place
// where libgit2 return codes become relctl errors.

#include <git2.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "relctl/git/repository.hpp"

namespace relctl::git::detail {

/// Initialises libgit2 once per process.
void ensure_init();

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const noexcept {
    if (p) Free(p);
  }
};
template <typename T, void (*Free)(T*)>
using Handle = std::unique_ptr<T, Deleter<T, Free>>;

using RepoHandle = Handle<git_repository, git_repository_free>;
using ReferenceHandle = Handle<git_reference, git_reference_free>;
using CommitHandle = Handle<git_commit, git_commit_free>;
using TreeHandle = Handle<git_tree, git_tree_free>;
using TreeEntryHandle = Handle<git_tree_entry, git_tree_entry_free>;
using BlobHandle = Handle<git_blob, git_blob_free>;
using TagHandle = Handle<git_tag, git_tag_free>;
using ObjectHandle = Handle<git_object, git_object_free>;
using RevwalkHandle = Handle<git_revwalk, git_revwalk_free>;
using StatusListHandle = Handle<git_status_list, git_status_list_free>;
using IndexHandle = Handle<git_index, git_index_free>;
using RemoteHandle = Handle<git_remote, git_remote_free>;
using ConfigHandle = Handle<git_config, git_config_free>;
using SignatureHandle = Handle<git_signature, git_signature_free>;
using DiffHandle = Handle<git_diff, git_diff_free>;

/// libgit2's last error text, or "unknown error".
std::string last_error();

/// Throws GateError("<what>: <libgit2 error>", hint) when rc < 0.
void check(int rc, const std::string& what, const std::string& hint = {});

/// Like check() but for talking to a remote: DependencyError (exit 3).
void check_remote(int rc, const std::string& what, const std::string& hint = {});

std::string to_hex(const git_oid& oid);
/// Parses a full 40-character id; throws GateError if malformed.
git_oid to_oid(const std::string& hex);

}  // namespace relctl::git::detail

namespace relctl::git {

struct Repository::Impl {
  detail::RepoHandle repo;
  std::string assumed_branch;  // assume_branch(): the branch a detached HEAD stands for
  /// walk_since()'s last range, kept whole: a run reads one range twice
  /// (the version plan, then the commit linter), and commits never change.
  struct Walk {
    std::string from, since;
    bool reachable = false;
    std::vector<CommitInfo> commits;
  };
  std::optional<Walk> last_walk;
  git_repository* get() const { return repo.get(); }
};

}  // namespace relctl::git
