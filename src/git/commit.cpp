// Making commits: the signature rule, staging paths into the index (force-
// adding ignored ones when asked), committing on HEAD's branch, and keeping
// the index's exact bytes so that an undo can put them back.

#include <git2.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "git/libgit2.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/log.hpp"

namespace relctl::git {

using namespace detail;

namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

}  // namespace

Signature Repository::signature() const {
  git_signature* raw = nullptr;
  if (git_signature_default(&raw, impl_->get()) == 0) {
    SignatureHandle sig(raw);
    return {raw->name, raw->email};
  }
  Signature s{env("GIT_AUTHOR_NAME"), env("GIT_AUTHOR_EMAIL")};
  if (!s.name.empty() && !s.email.empty()) return s;
  throw GateError("no identity to sign the release commit and tag with",
                  "set `git config user.name` and `git config user.email`, or export "
                  "GIT_AUTHOR_NAME and GIT_AUTHOR_EMAIL");
}

std::string Repository::index_snapshot() const {
  std::ifstream in(git_dir() / "index", std::ios::binary);
  if (!in) return {};
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void Repository::restore_index(const std::string& snapshot) {
  const auto path = git_dir() / "index";
  if (snapshot.empty()) {
    std::error_code ec;
    std::filesystem::remove(path, ec);
  } else {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << snapshot;
    if (!out) {
      throw GateError("cannot restore " + path.string(),
                      "run `git reset` to rebuild the index from HEAD");
    }
  }
  git_index* raw = nullptr;
  check(git_repository_index(&raw, impl_->get()), "cannot open the index");
  IndexHandle index(raw);
  check(git_index_read(raw, /*force=*/1), "cannot reload the index");
}

void Repository::stage_paths(const std::vector<StagePath>& paths) {
  if (!current_branch()) throw GateError("cannot commit: HEAD is not on a branch");
  git_index* raw_index = nullptr;
  check(git_repository_index(&raw_index, impl_->get()), "cannot open the index");
  IndexHandle index(raw_index);
  check(git_index_read(raw_index, /*force=*/0), "cannot read the index");

  for (const auto& p : paths) {
    const bool exists = std::filesystem::exists(workdir() / p.path);
    if (!exists) {
      check(git_index_remove_bypath(raw_index, p.path.c_str()), "cannot unstage " + p.path);
      continue;
    }
    const bool tracked = git_index_get_bypath(raw_index, p.path.c_str(), 0) != nullptr;
    if (!tracked && !p.force && is_ignored(p.path)) {
      throw GateError(p.path + " is ignored by .gitignore and cannot be committed",
                      "remove it from .gitignore, or configure it as a force-added output");
    }
    check(git_index_add_bypath(raw_index, p.path.c_str()), "cannot stage " + p.path);
  }
  check(git_index_write(raw_index), "cannot write the index");
  std::vector<std::string> staged;
  for (const auto& p : paths) staged.push_back(p.path + (p.force ? " (forced)" : ""));
  core::log_debug("git add {}", fmt::join(staged, ", "));
}

std::string Repository::commit_index(const std::string& message, const Signature& author,
                                     const Signer& sign) {
  const auto branch = current_branch();
  if (!branch) throw GateError("cannot commit: HEAD is not on a branch");
  git_index* raw_index = nullptr;
  check(git_repository_index(&raw_index, impl_->get()), "cannot open the index");
  IndexHandle index(raw_index);
  // A pre-commit hook may have changed the index: read it as it is now, as git does.
  check(git_index_read(raw_index, /*force=*/1), "cannot read the index");

  git_oid tree_oid;
  check(git_index_write_tree(&tree_oid, raw_index), "cannot write the release tree");
  git_tree* raw_tree = nullptr;
  check(git_tree_lookup(&raw_tree, impl_->get(), &tree_oid), "cannot read the release tree");
  TreeHandle tree(raw_tree);

  const std::string parent_id = head_id();
  const git_oid parent_oid = to_oid(parent_id);
  git_commit* raw_parent = nullptr;
  check(git_commit_lookup(&raw_parent, impl_->get(), &parent_oid), "cannot read HEAD's commit");
  CommitHandle parent(raw_parent);

  git_signature* raw_sig = nullptr;
  check(git_signature_now(&raw_sig, author.name.c_str(), author.email.c_str()),
        "invalid author '" + author.name + " <" + author.email + ">'",
        "fix git config user.name and user.email");
  SignatureHandle sig(raw_sig);

  const git_commit* parents[] = {raw_parent};
  git_oid commit_oid;
  if (!sign) {
    check(git_commit_create(&commit_oid, impl_->get(), "HEAD", raw_sig, raw_sig, nullptr,
                            message.c_str(), raw_tree, 1, parents),
          "cannot commit on " + *branch);
  } else {
    git_buf content = GIT_BUF_INIT;
    check(git_commit_create_buffer(&content, impl_->get(), raw_sig, raw_sig, nullptr,
                                   message.c_str(), raw_tree, 1, parents),
          "cannot build the release commit");
    const std::string payload(content.ptr, content.size);
    git_buf_dispose(&content);
    const std::string signature = sign(payload);  // throws: nothing is written but the tree
    check(git_commit_create_with_signature(&commit_oid, impl_->get(), payload.c_str(),
                                           signature.c_str(), "gpgsig"),
          "cannot write the signed release commit");
    // What git_commit_create does for HEAD: move the branch, only from the parent it was built on.
    const std::string refname = "refs/heads/" + *branch;
    const std::string reflog = "commit: " + message.substr(0, message.find('\n'));
    git_reference* raw_ref = nullptr;
    check(git_reference_create_matching(&raw_ref, impl_->get(), refname.c_str(), &commit_oid,
                                        /*force=*/1, &parent_oid, reflog.c_str()),
          "cannot move " + *branch + " to the signed release commit",
          "another process moved " + *branch + " meanwhile; run the release again");
    git_reference_free(raw_ref);
  }
  core::log_debug("git commit{} on {}: {}:\n{}", sign ? " -S" : "", *branch, to_hex(commit_oid),
                  message);
  return to_hex(commit_oid);
}

std::string Repository::commit_paths(const std::vector<StagePath>& paths,
                                     const std::string& message, const Signature& author) {
  stage_paths(paths);
  return commit_index(message, author);
}

}  // namespace relctl::git
