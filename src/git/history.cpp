// Reading history: revision walks, ahead/behind counts, ancestry, and files
// as they are in a commit's tree.

#include <git2.h>

#include <algorithm>
#include <optional>
#include <string_view>

#include "git/libgit2.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/interrupt.hpp"

namespace relctl::git {

using namespace detail;

namespace {

// Reads a commit's raw object and takes what a walk needs from it: the
// parents and the message (git_commit_lookup would parse and copy every
// header into a commit object first).
class RawCommits {
 public:
  explicit RawCommits(git_repository* repo) {
    check(git_repository_odb(&odb_, repo), "cannot open the object database");
  }
  ~RawCommits() { git_odb_free(odb_); }
  RawCommits(const RawCommits&) = delete;
  RawCommits& operator=(const RawCommits&) = delete;

  /// Fills info.message and info.parents; calls on_parent for each parent id.
  template <typename OnParent>
  void read(const git_oid& oid, CommitInfo& info, OnParent&& on_parent) {
    git_odb_object* obj = nullptr;
    check(git_odb_read(&obj, odb_, &oid), "cannot read commit " + to_hex(oid));
    const char* data = static_cast<const char*>(git_odb_object_data(obj));
    const std::string_view raw(data, git_odb_object_size(obj));
    const std::size_t body = raw.find("\n\n");
    const std::string_view headers = raw.substr(0, body);
    info.parents = 0;
    for (std::size_t at = 0; at < headers.size();) {
      const std::size_t end = std::min(headers.find('\n', at), headers.size());
      const std::string_view line = headers.substr(at, end - at);
      if (line.rfind("parent ", 0) == 0) {
        ++info.parents;
        git_oid parent;
        if (git_oid_fromstrn(&parent, line.data() + 7, line.size() - 7) == 0) on_parent(parent);
      }
      at = end + 1;
    }
    // assign() keeps the buffer of the previous commit's message: one
    // allocation per walk instead of one per commit.
    if (body == std::string_view::npos) {
      info.message.clear();
    } else {
      info.message.assign(raw.substr(body + 2));
    }
    git_odb_object_free(obj);
  }

 private:
  git_odb* odb_ = nullptr;
};

// Turns libgit2's object cache off while it lives. A walk that reads each
// commit once has nothing to gain from it: storing 100,000 commits and
// freeing them at exit costs a tenth of the walk.
class NoObjectCache {
 public:
  NoObjectCache() { git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 0); }
  ~NoObjectCache() { git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 1); }
  NoObjectCache(const NoObjectCache&) = delete;
  NoObjectCache& operator=(const NoObjectCache&) = delete;
};

// Writes oid's hex form into `out`, reusing its buffer.
void assign_hex(std::string& out, const git_oid& oid) {
  char buf[GIT_OID_HEXSZ + 1];
  git_oid_tostr(buf, sizeof buf, &oid);
  out.assign(buf, GIT_OID_HEXSZ);
}

// Most ranges between two releases have no merge: then the range is the
// chain of first parents from `start` down to `stop`, in that order (the
// order a revision walk gives it), and each commit is read once, without
// the object cache. Gives up (nullopt) at the first merge or at a root
// commit: the revision walk handles those.
std::optional<std::vector<CommitInfo>> linear_range(git_repository* repo, const git_oid& start,
                                                    const git_oid& stop) {
  NoObjectCache no_cache;
  RawCommits commits(repo);
  std::vector<CommitInfo> out;
  git_oid at = start;
  while (true) {
    CommitInfo& info = out.emplace_back();
    git_oid parent{};
    try {
      commits.read(at, info, [&](const git_oid& p) { parent = p; });
    } catch (const Error&) {
      return std::nullopt;  // a parent a shallow clone lacks: as the walk would
    }
    if (info.parents != 1) return std::nullopt;
    assign_hex(info.id, at);
    if ((out.size() & 1023) == 0) core::throw_if_interrupted();
    if (git_oid_equal(&parent, &stop) != 0) break;
    at = parent;
  }
  for (auto& c : out) c.walk_size = out.size();
  return out;
}

}  // namespace

void Repository::walk(const std::string& from, const std::vector<std::string>& hide,
                      const std::function<bool(const CommitInfo&)>& visit) const {
  git_revwalk* raw = nullptr;
  check(git_revwalk_new(&raw, impl_->get()), "cannot walk the history");
  RevwalkHandle walker(raw);
  git_revwalk_sorting(raw, GIT_SORT_TIME);
  const git_oid start = to_oid(from);
  check(git_revwalk_push(raw, &start), "cannot walk from " + short_id(from));
  for (const auto& h : hide) {
    const git_oid oid = to_oid(h);
    check(git_revwalk_hide(raw, &oid), "cannot walk the history before " + short_id(h));
  }
  // The revwalk has just read each commit into the object cache: reading
  // it again for its message is free.
  RawCommits commits(impl_->get());
  git_oid oid;
  CommitInfo info;
  while (git_revwalk_next(&oid, raw) == 0) {
    commits.read(oid, info, [](const git_oid&) {});
    assign_hex(info.id, oid);
    if (!visit(info)) return;
  }
}

bool Repository::walk_since(const std::string& from, const std::string& since,
                            const std::function<void(const CommitInfo&)>& visit) const {
  if (from == since) return true;
  if (const auto& w = impl_->last_walk; w && w->from == from && w->since == since) {
    for (const auto& c : w->commits) visit(c);
    return w->reachable;
  }
  const git_oid start = to_oid(from), stop = to_oid(since);
  if (auto linear = linear_range(impl_->get(), start, stop)) {
    for (const auto& c : *linear) visit(c);
    impl_->last_walk = Repository::Impl::Walk{from, since, true, std::move(*linear)};
    return true;
  }
  git_revwalk* raw = nullptr;
  check(git_revwalk_new(&raw, impl_->get()), "cannot walk the history");
  RevwalkHandle walker(raw);
  check(git_revwalk_push(raw, &start), "cannot walk from " + short_id(from));
  check(git_revwalk_hide(raw, &stop), "cannot walk the history before " + short_id(since));
  // `since` is reachable exactly when a commit shown here has it as a parent.
  bool reachable = false;
  // A walk that hides commits reads the whole range before it returns the
  // first: taking the ids first costs nothing and tells the reader the size.
  std::vector<git_oid> ids;
  git_oid oid;
  while (git_revwalk_next(&oid, raw) == 0) ids.push_back(oid);
  RawCommits commits(impl_->get());
  Repository::Impl::Walk kept{from, since, false, {}};
  kept.commits.resize(ids.size());
  // Each commit is read straight into the kept range: no copy of it.
  for (std::size_t i = 0; i < ids.size(); ++i) {
    CommitInfo& info = kept.commits[i];
    info.walk_size = ids.size();
    commits.read(ids[i], info, [&](const git_oid& parent) {
      reachable = reachable || git_oid_equal(&parent, &stop) != 0;
    });
    assign_hex(info.id, ids[i]);
    visit(info);
  }
  kept.reachable = reachable;
  impl_->last_walk = std::move(kept);
  return reachable;
}

std::vector<std::string> Repository::changed_paths(const std::string& commit) const {
  const git_oid oid = to_oid(commit);
  git_commit* c = nullptr;
  check(git_commit_lookup(&c, impl_->get(), &oid), "cannot read commit " + short_id(commit));
  CommitHandle handle(c);
  git_tree* t = nullptr;
  check(git_commit_tree(&t, c), "cannot read the tree of " + short_id(commit));
  TreeHandle tree(t);
  TreeHandle parent_tree;
  if (git_commit_parentcount(c) > 0) {
    git_commit* p = nullptr;
    check(git_commit_parent(&p, c, 0), "cannot read the parent of " + short_id(commit));
    CommitHandle parent(p);
    git_tree* pt = nullptr;
    check(git_commit_tree(&pt, p), "cannot read the tree of " + short_id(commit) + "^");
    parent_tree.reset(pt);
  }
  git_diff* d = nullptr;
  check(git_diff_tree_to_tree(&d, impl_->get(), parent_tree.get(), t, nullptr),
        "cannot compare " + short_id(commit) + " with its parent");
  DiffHandle diff(d);
  std::vector<std::string> out;
  const size_t n = git_diff_num_deltas(d);
  for (size_t i = 0; i < n; ++i) {
    const git_diff_delta* delta = git_diff_get_delta(d, i);
    out.emplace_back(delta->new_file.path);
    if (std::string_view(delta->old_file.path) != delta->new_file.path) {
      out.emplace_back(delta->old_file.path);
    }
  }
  return out;
}

AheadBehind Repository::ahead_behind(const std::string& local, const std::string& upstream) const {
  const git_oid l = to_oid(local), u = to_oid(upstream);
  size_t ahead = 0, behind = 0;
  check(git_graph_ahead_behind(&ahead, &behind, impl_->get(), &l, &u),
        "cannot compare " + short_id(local) + " with " + short_id(upstream));
  return {ahead, behind};
}

bool Repository::is_ancestor(const std::string& ancestor, const std::string& descendant) const {
  if (ancestor == descendant) return true;
  // The range walk_since() has just read answered this already.
  if (const auto& w = impl_->last_walk; w && w->from == descendant && w->since == ancestor) {
    return w->reachable;
  }
  const git_oid a = to_oid(ancestor), d = to_oid(descendant);
  const int rc = git_graph_descendant_of(impl_->get(), &d, &a);
  check(rc, "cannot tell whether " + short_id(descendant) + " descends from " + short_id(ancestor));
  return rc == 1;
}

namespace {

// The tree of `commitish` (a commit, or a tag peeled to its commit).
TreeHandle commit_tree(git_repository* repo, const std::optional<std::string>& id,
                       const std::string& commitish) {
  if (!id) throw GateError("no commit named '" + commitish + "'");
  const git_oid oid = to_oid(*id);
  git_commit* c = nullptr;
  check(git_commit_lookup(&c, repo, &oid), "cannot read commit " + short_id(*id));
  CommitHandle commit(c);
  git_tree* t = nullptr;
  check(git_commit_tree(&t, c), "cannot read the tree of " + short_id(*id));
  return TreeHandle(t);
}

std::string blob_bytes(git_repository* repo, const git_oid* id, const std::string& what) {
  git_blob* b = nullptr;
  check(git_blob_lookup(&b, repo, id), "cannot read " + what);
  BlobHandle blob(b);
  const auto* data = static_cast<const char*>(git_blob_rawcontent(b));
  return std::string(data, static_cast<size_t>(git_blob_rawsize(b)));
}

}  // namespace

std::optional<std::string> Repository::read_file_at(const std::string& commitish,
                                                    const std::string& path) const {
  const auto id = resolve_commit(commitish);
  const TreeHandle tree = commit_tree(impl_->get(), id, commitish);
  git_tree_entry* e = nullptr;
  if (git_tree_entry_bypath(&e, tree.get(), path.c_str()) != 0) return std::nullopt;
  TreeEntryHandle entry(e);
  if (git_tree_entry_type(e) != GIT_OBJECT_BLOB) return std::nullopt;
  return blob_bytes(impl_->get(), git_tree_entry_id(e), path + " at " + short_id(*id));
}

std::optional<std::map<std::string, std::string>> Repository::read_dir_at(
    const std::string& commitish, const std::string& dir) const {
  const auto id = resolve_commit(commitish);
  TreeHandle tree = commit_tree(impl_->get(), id, commitish);
  if (!dir.empty() && dir != ".") {
    git_tree_entry* e = nullptr;
    if (git_tree_entry_bypath(&e, tree.get(), dir.c_str()) != 0) return std::nullopt;
    TreeEntryHandle entry(e);
    if (git_tree_entry_type(e) != GIT_OBJECT_TREE) return std::nullopt;
    git_tree* sub = nullptr;
    check(git_tree_lookup(&sub, impl_->get(), git_tree_entry_id(e)),
          "cannot read " + dir + " at " + short_id(*id));
    tree = TreeHandle(sub);
  }
  std::map<std::string, std::string> files;
  const size_t n = git_tree_entrycount(tree.get());
  for (size_t i = 0; i < n; ++i) {
    const git_tree_entry* e = git_tree_entry_byindex(tree.get(), i);
    if (git_tree_entry_type(e) != GIT_OBJECT_BLOB) continue;
    const std::string name = git_tree_entry_name(e);
    files.emplace(name, blob_bytes(impl_->get(), git_tree_entry_id(e),
                                   dir + "/" + name + " at " + short_id(*id)));
  }
  return files;
}

}  // namespace relctl::git
