// Tags: listing, lookup, annotated tag creation and deletion.

#include <fmt/format.h>
#include <git2.h>

#include <algorithm>

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

namespace {

// "1764547200 +0100": a signature's time as a commit or tag object holds it.
std::string object_time(const git_time& when) {
  const int offset = when.offset < 0 ? -when.offset : when.offset;
  return fmt::format("{} {}{:02}{:02}", when.time, when.offset < 0 ? '-' : '+', offset / 60,
                     offset % 60);
}

}  // namespace

std::string Repository::create_annotated_tag(const std::string& name, const std::string& commit,
                                             const std::string& message, const Signature& tagger,
                                             const Signer& sign) {
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
  const std::string hint = "the tag may exist already: `git tag -l " + name + "`";
  if (!sign) {
    check(git_tag_create(&tag_oid, impl_->get(), name.c_str(), target, sig, message.c_str(),
                         /*force=*/0),
          "cannot create tag " + name + " at " + short_id(commit), hint);
  } else {
    if (find_tag(name)) {
      throw GateError("cannot create tag " + name + " at " + short_id(commit) + ": it exists",
                      hint);
    }
    // The object `git tag -s` writes: the header, the message ending in a
    // newline, then the signature of everything before it.
    std::string payload =
        fmt::format("object {}\ntype commit\ntag {}\ntagger {} <{}> {}\n\n{}", commit, name,
                    tagger.name, tagger.email, object_time(sig->when), message);
    if (!payload.empty() && payload.back() != '\n') payload += '\n';
    const std::string armored = sign(payload);  // throws: nothing is written
    check(git_tag_create_from_buffer(&tag_oid, impl_->get(), (payload + armored).c_str(),
                                     /*force=*/0),
          "cannot create signed tag " + name + " at " + short_id(commit), hint);
  }
  core::log_debug("git tag -a{} {} {} ({}):\n{}", sign ? " -s" : "", name, commit, to_hex(tag_oid),
                  message);
  return to_hex(tag_oid);
}

void Repository::delete_tag(const std::string& name) {
  core::log_debug("git tag -d {}", name);
  check(git_tag_delete(impl_->get(), name.c_str()), "cannot delete tag " + name,
        "delete it by hand: git tag -d " + name);
}

std::optional<SignedObject> Repository::tag_signature(const std::string& name) const {
  const std::string refname = "refs/tags/" + name;
  git_reference* raw = nullptr;
  if (git_reference_lookup(&raw, impl_->get(), refname.c_str()) != 0) return std::nullopt;
  ReferenceHandle ref(raw);
  const git_oid* id = git_reference_target(raw);
  if (!id) return std::nullopt;
  git_odb* raw_odb = nullptr;
  check(git_repository_odb(&raw_odb, impl_->get()), "cannot open the object database");
  std::unique_ptr<git_odb, void (*)(git_odb*)> odb(raw_odb, git_odb_free);
  git_odb_object* raw_object = nullptr;
  check(git_odb_read(&raw_object, raw_odb, id), "cannot read tag " + name);
  std::unique_ptr<git_odb_object, void (*)(git_odb_object*)> object(raw_object,
                                                                    git_odb_object_free);
  if (git_odb_object_type(raw_object) != GIT_OBJECT_TAG) return std::nullopt;
  const std::string data(static_cast<const char*>(git_odb_object_data(raw_object)),
                         git_odb_object_size(raw_object));
  // As git's parse_signed_buffer: the signature starts at the first line
  // that opens one of the formats git signs with.
  size_t at = std::string::npos;
  for (const char* begin : {"-----BEGIN PGP SIGNATURE-----", "-----BEGIN SSH SIGNATURE-----",
                            "-----BEGIN SIGNED MESSAGE-----"}) {
    for (size_t pos = data.find(begin); pos != std::string::npos; pos = data.find(begin, pos + 1)) {
      if (pos == 0 || data[pos - 1] == '\n') {
        at = std::min(at, pos);
        break;
      }
    }
  }
  if (at == std::string::npos) return std::nullopt;
  return SignedObject{data.substr(0, at), data.substr(at)};
}

}  // namespace relctl::git
