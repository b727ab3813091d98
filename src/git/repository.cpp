// Opening a repository, its shape, the work tree's status, refs and branches.

#include <git2.h>

#include "git/libgit2.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/log.hpp"

namespace relctl::git {

using namespace detail;

namespace {

std::string status_word(unsigned int s) {
  if (s & GIT_STATUS_CONFLICTED) return "conflicted";
  if (s & GIT_STATUS_WT_NEW) return "untracked";
  if (s & (GIT_STATUS_WT_DELETED | GIT_STATUS_INDEX_DELETED)) return "deleted";
  if (s & (GIT_STATUS_WT_RENAMED | GIT_STATUS_INDEX_RENAMED)) return "renamed";
  if (s & (GIT_STATUS_WT_TYPECHANGE | GIT_STATUS_INDEX_TYPECHANGE)) return "type changed";
  if (s & GIT_STATUS_WT_MODIFIED) return "modified";
  if (s & (GIT_STATUS_INDEX_NEW | GIT_STATUS_INDEX_MODIFIED)) return "staged";
  return "changed";
}

}  // namespace

Repository::Repository(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Repository::~Repository() = default;

std::unique_ptr<Repository> Repository::try_discover(const std::filesystem::path& start) {
  ensure_init();
  git_repository* raw = nullptr;
  if (git_repository_open_ext(&raw, start.c_str(), 0, nullptr) != 0) return nullptr;
  auto impl = std::make_unique<Impl>();
  impl->repo.reset(raw);
  return std::unique_ptr<Repository>(new Repository(std::move(impl)));
}

std::unique_ptr<Repository> Repository::discover(const std::filesystem::path& start) {
  auto repo = try_discover(start);
  if (!repo) {
    throw GateError("not a git repository: " + start.string() + " (or any folder above it)",
                    "run relctl inside the project's git work tree, or pass -C DIR");
  }
  return repo;
}

std::filesystem::path Repository::workdir() const {
  const char* w = git_repository_workdir(impl_->get());
  // libgit2 answers with a trailing '/'; messages read better without it.
  return w ? std::filesystem::path(w).parent_path() : std::filesystem::path();
}

std::filesystem::path Repository::git_dir() const {
  return git_repository_path(impl_->get());
}

bool Repository::is_bare() const {
  return git_repository_is_bare(impl_->get()) == 1;
}
bool Repository::is_shallow() const {
  return git_repository_is_shallow(impl_->get()) == 1;
}
bool Repository::head_detached() const {
  return impl_->assumed_branch.empty() && git_repository_head_detached(impl_->get()) == 1;
}
bool Repository::head_unborn() const {
  return git_repository_head_unborn(impl_->get()) == 1;
}

std::optional<std::string> Repository::current_branch() const {
  if (!impl_->assumed_branch.empty()) return impl_->assumed_branch;
  if (head_detached()) return std::nullopt;
  git_reference* raw = nullptr;
  // HEAD may be unborn: read the symbolic target without resolving it.
  if (git_reference_lookup(&raw, impl_->get(), "HEAD") != 0) return std::nullopt;
  ReferenceHandle head(raw);
  if (git_reference_type(raw) != GIT_REFERENCE_SYMBOLIC) return std::nullopt;
  std::string target = git_reference_symbolic_target(raw);
  const std::string prefix = "refs/heads/";
  if (target.rfind(prefix, 0) != 0) return std::nullopt;
  return target.substr(prefix.size());
}

void Repository::assume_branch(const std::string& branch) {
  impl_->assumed_branch = branch;
}

void Repository::attach_head(const std::string& branch) {
  const std::string refname = "refs/heads/" + branch;
  check(git_repository_set_head(impl_->get(), refname.c_str()), "cannot put HEAD on " + branch);
  impl_->assumed_branch.clear();
  core::log_step("git: HEAD attached to {} at {}", branch, short_id(head_id()));
}

std::string Repository::head_id() const {
  git_oid oid;
  check(git_reference_name_to_id(&oid, impl_->get(), "HEAD"),
        "cannot read HEAD in " + workdir().string(), "make a first commit");
  return to_hex(oid);
}

std::vector<StatusEntry> Repository::status() const {
  git_status_options opts = GIT_STATUS_OPTIONS_INIT;
  opts.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
  opts.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
               GIT_STATUS_OPT_EXCLUDE_SUBMODULES | GIT_STATUS_OPT_RENAMES_HEAD_TO_INDEX;
  git_status_list* raw = nullptr;
  check(git_status_list_new(&raw, impl_->get(), &opts),
        "cannot read the status of " + workdir().string());
  StatusListHandle list(raw);
  // A sparse checkout leaves the files outside its cone out of the work
  // tree on purpose (skip-worktree in the index); libgit2 reports them as
  // deleted, git does not.
  git_index* raw_index = nullptr;
  check(git_repository_index(&raw_index, impl_->get()), "cannot open the index");
  IndexHandle index(raw_index);
  auto skipped = [&](const char* path) {
    const git_index_entry* entry = git_index_get_bypath(raw_index, path, 0);
    return entry && (entry->flags_extended & GIT_INDEX_ENTRY_SKIP_WORKTREE) != 0;
  };
  std::vector<StatusEntry> out;
  const size_t n = git_status_list_entrycount(raw);
  for (size_t i = 0; i < n; ++i) {
    const git_status_entry* e = git_status_byindex(raw, i);
    if (e->status == GIT_STATUS_CURRENT || (e->status & GIT_STATUS_IGNORED)) continue;
    const git_diff_delta* d = e->index_to_workdir ? e->index_to_workdir : e->head_to_index;
    const char* path = d ? (d->new_file.path ? d->new_file.path : d->old_file.path) : "";
    if (e->status == GIT_STATUS_WT_DELETED && skipped(path)) continue;
    out.push_back({path, status_word(e->status)});
  }
  return out;
}

bool Repository::is_ignored(const std::string& path) const {
  int ignored = 0;
  check(git_ignore_path_is_ignored(&ignored, impl_->get(), path.c_str()),
        "cannot read the ignore rules for " + path);
  return ignored == 1;
}

std::optional<std::string> Repository::resolve_commit(const std::string& spec) const {
  git_object* raw = nullptr;
  if (git_revparse_single(&raw, impl_->get(), spec.c_str()) != 0) return std::nullopt;
  ObjectHandle obj(raw);
  git_object* peeled = nullptr;
  if (git_object_peel(&peeled, raw, GIT_OBJECT_COMMIT) != 0) return std::nullopt;
  ObjectHandle commit(peeled);
  return to_hex(*git_object_id(peeled));
}

bool Repository::has_commit(const std::string& id) const {
  git_oid oid;
  if (git_oid_fromstr(&oid, id.c_str()) != 0) return false;
  git_commit* raw = nullptr;
  if (git_commit_lookup(&raw, impl_->get(), &oid) != 0) return false;
  git_commit_free(raw);
  return true;
}

std::optional<std::string> Repository::ref_commit(const std::string& refname) const {
  git_reference* raw = nullptr;
  if (git_reference_lookup(&raw, impl_->get(), refname.c_str()) != 0) return std::nullopt;
  ReferenceHandle ref(raw);
  git_object* peeled = nullptr;
  if (git_reference_peel(&peeled, raw, GIT_OBJECT_COMMIT) != 0) return std::nullopt;
  ObjectHandle obj(peeled);
  return to_hex(*git_object_id(peeled));
}

bool Repository::branch_exists(const std::string& branch) const {
  git_reference* raw = nullptr;
  if (git_branch_lookup(&raw, impl_->get(), branch.c_str(), GIT_BRANCH_LOCAL) != 0) return false;
  git_reference_free(raw);
  return true;
}

std::optional<std::pair<std::string, std::string>> Repository::upstream_of(
    const std::string& branch) const {
  const std::string local = "refs/heads/" + branch;
  git_buf upstream = GIT_BUF_INIT;
  if (git_branch_upstream_name(&upstream, impl_->get(), local.c_str()) != 0) return std::nullopt;
  std::string name(upstream.ptr, upstream.size);
  git_buf_dispose(&upstream);
  git_buf remote = GIT_BUF_INIT;
  std::string remote_name;
  if (git_branch_upstream_remote(&remote, impl_->get(), local.c_str()) == 0) {
    remote_name.assign(remote.ptr, remote.size);
    git_buf_dispose(&remote);
  }
  return std::make_pair(name, remote_name);
}

void Repository::create_branch(const std::string& branch, const std::string& commit) {
  core::log_debug("git branch {} {}", branch, commit);
  const git_oid oid = to_oid(commit);
  git_commit* raw = nullptr;
  check(git_commit_lookup(&raw, impl_->get(), &oid), "cannot find commit " + short_id(commit));
  CommitHandle target(raw);
  git_reference* ref = nullptr;
  check(git_branch_create(&ref, impl_->get(), branch.c_str(), raw, /*force=*/0),
        "cannot create branch " + branch + " at " + short_id(commit),
        "delete or rename the existing branch, or release another version");
  git_reference_free(ref);
}

void Repository::delete_branch(const std::string& branch) {
  core::log_debug("git branch -D {}", branch);
  git_reference* raw = nullptr;
  check(git_branch_lookup(&raw, impl_->get(), branch.c_str(), GIT_BRANCH_LOCAL),
        "cannot find branch " + branch);
  ReferenceHandle ref(raw);
  check(git_reference_delete(raw), "cannot delete branch " + branch);
}

void Repository::checkout_branch(const std::string& branch) {
  core::log_debug("git switch {}", branch);
  const std::string refname = "refs/heads/" + branch;
  const auto id = ref_commit(refname);
  if (!id) throw GateError("cannot check out " + branch + ": no such branch");
  const git_oid oid = to_oid(*id);
  git_commit* raw = nullptr;
  check(git_commit_lookup(&raw, impl_->get(), &oid), "cannot find commit " + short_id(*id));
  CommitHandle commit(raw);
  git_checkout_options opts = GIT_CHECKOUT_OPTIONS_INIT;
  opts.checkout_strategy = GIT_CHECKOUT_SAFE;
  check(git_checkout_tree(impl_->get(), reinterpret_cast<git_object*>(raw), &opts),
        "cannot check out " + branch + " in " + workdir().string(),
        "local changes would be overwritten; commit or stash them first");
  check(git_repository_set_head(impl_->get(), refname.c_str()), "cannot switch HEAD to " + branch);
}

void Repository::set_branch(const std::string& branch, const std::string& commit) {
  core::log_debug("git update-ref refs/heads/{} {}", branch, commit);
  const std::string refname = "refs/heads/" + branch;
  const git_oid oid = to_oid(commit);
  git_reference* raw = nullptr;
  check(git_reference_create(&raw, impl_->get(), refname.c_str(), &oid, /*force=*/1,
                             "relctl: undo release commit"),
        "cannot move " + branch + " to " + short_id(commit),
        "run `git reset --soft " + short_id(commit) + "` on " + branch + " by hand");
  git_reference_free(raw);
}

}  // namespace relctl::git
