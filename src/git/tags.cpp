// Tags: listing, lookup, annotated tag creation and deletion.

#include <git2.h>

#include "git/libgit2.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/log.hpp"

namespace relctl::git {

using namespace detail;

std::vector<Tag> Repository::tags(const std::string& pattern) const {
  git_strarray names{};
  check(git_tag_list_match(&names, pattern.c_str(), impl_->get()), "cannot list tags " + pattern);
  std::vector<Tag> out;
  for (size_t i = 0; i < names.count; ++i) {
    if (auto t = find_tag(names.strings[i])) out.push_back(std::move(*t));
  }
  git_strarray_dispose(&names);
  return out;
}

std::optional<Tag> Repository::find_tag(const std::string& name) const {
  const std::string refname = "refs/tags/" + name;
  git_reference* raw = nullptr;
  if (git_reference_lookup(&raw, impl_->get(), refname.c_str()) != 0) return std::nullopt;
  ReferenceHandle ref(raw);
  Tag tag;
  tag.name = name;
  const git_oid* direct = git_reference_target(raw);
  if (direct) {
    git_tag* annotated = nullptr;
    if (git_tag_lookup(&annotated, impl_->get(), direct) == 0) {
      TagHandle t(annotated);
      tag.annotated = true;
      const char* msg = git_tag_message(annotated);
      tag.message = msg ? msg : "";
    }
  }
  git_object* commit = nullptr;
  if (git_reference_peel(&commit, raw, GIT_OBJECT_COMMIT) == 0) {
    ObjectHandle c(commit);
    tag.commit = to_hex(*git_object_id(commit));
  }
  return tag;
}

std::string Repository::create_annotated_tag(const std::string& name, const std::string& commit,
                                             const std::string& message, const Signature& tagger) {
  const git_oid oid = to_oid(commit);
  git_object* target = nullptr;
  check(git_object_lookup(&target, impl_->get(), &oid, GIT_OBJECT_COMMIT),
        "cannot find commit " + short_id(commit) + " to tag");
  ObjectHandle obj(target);
  git_signature* sig = nullptr;
  check(git_signature_now(&sig, tagger.name.c_str(), tagger.email.c_str()),
        "invalid tagger '" + tagger.name + " <" + tagger.email + ">'",
        "fix git config user.name and user.email");
  SignatureHandle signature(sig);
  git_oid tag_oid;
  check(git_tag_create(&tag_oid, impl_->get(), name.c_str(), target, sig, message.c_str(),
                       /*force=*/0),
        "cannot create tag " + name + " at " + short_id(commit),
        "the tag may exist already: `git tag -l " + name + "`");
  core::log_debug("git tag -a {} {} ({}):\n{}", name, commit, to_hex(tag_oid), message);
  return to_hex(tag_oid);
}

void Repository::delete_tag(const std::string& name) {
  core::log_debug("git tag -d {}", name);
  check(git_tag_delete(impl_->get(), name.c_str()), "cannot delete tag " + name,
        "delete it by hand: git tag -d " + name);
}

}  // namespace relctl::git
