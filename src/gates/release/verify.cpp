// release.verify: before anything reaches an environment, the release is
// what it says it is: the tag exists and is annotated, the snapshot in its
// tree still has the sha256 its manifest and its tags' trailers recorded,
// the files SHA256SUMS lists (those in the tree) still match, and the
// environment has not rejected it (a rollback replaced it) unless
// --allow-rejected says why; with require_signature, the tag carries a good
// signature, checked as `git tag -v` checks it.

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "gates/data/manifest.hpp"
#include "gates/git/policy.hpp"
#include "gates/git/support.hpp"
#include "gates/pg/common.hpp"
#include "gates/registered.hpp"
#include "gates/version/pattern.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/sha256.hpp"
#include "relctl/gates/release.hpp"
#include "relctl/git/repository.hpp"
#include "relctl/git/trailers.hpp"
#include "relctl/pg/deployments.hpp"

namespace relctl::gates {

namespace {

// A Relctl-* trailer of a tag message (its final trailer block), or "".
std::string trailer(const std::string& message, const std::string& key) {
  return git::trailer(message, key).value_or("");
}

std::string short_sha(const std::string& sha) {
  return sha.substr(0, 12) + "...";
}

class ReleaseVerify final : public RegisteredGate {
 public:
  explicit ReleaseVerify(std::shared_ptr<release::Promotion> p)
      : RegisteredGate("release.verify"), p_(std::move(p)) {}

  core::Outcome run(core::Context& ctx) override {
    git::Repository& repo = repo_.get(ctx);
    const auto tag = repo.find_tag(p_->tag);
    if (!tag) {
      throw GateError("no tag " + p_->tag + " in " + repo.workdir().string(),
                      "fetch the release tags (git fetch --tags), or check the tag's name");
    }
    if (!tag->annotated) {
      throw GateError(p_->tag + " is a lightweight tag: relctl releases are annotated tags",
                      "promote a tag made by relctl code-release or data-release");
    }
    p_->commit = tag->commit;
    p_->version = trailer(tag->message, "Relctl-Version");
    if (p_->version.empty() && ctx.config && ctx.config->code_release) {
      const auto v = version::TagTemplate(ctx.config->code_release->tag).version_of(p_->tag);
      if (v) p_->version = v->str();
    }

    std::vector<std::string> checked;
    nlohmann::json details = {{"tag", p_->tag}, {"commit", p_->commit}, {"version", p_->version}};
    verify_snapshot(ctx, repo, checked, details);
    verify_sums(repo, checked, details);
    verify_signed(ctx, repo, *tag, checked, details);
    const std::string rejected = verify_not_rejected(ctx, details);

    ctx.release.commit = p_->commit;
    ctx.release.version = p_->version;
    ctx.release.tags = {p_->tag};
    ctx.vars["tag"] = p_->tag;
    ctx.vars["commit"] = p_->commit;
    ctx.vars["version"] = p_->version;
    std::string message = fmt::format("{} is annotated, at {}", p_->tag, git::short_id(p_->commit));
    for (const auto& c : checked) message += "; " + c;
    if (!rejected.empty())
      return core::Outcome::warn(message + "; " + rejected, to_details(details));
    return core::Outcome::pass(message, to_details(details));
  }

 private:
  // The snapshot of a data release on the same commit: its bytes against the
  // manifest and every Relctl-Snapshot-Sha256 trailer of the commit's tags.
  void verify_snapshot(core::Context& ctx, git::Repository& repo, std::vector<std::string>& checked,
                       nlohmann::json& details) {
    std::vector<std::pair<std::string, std::string>> recorded;  // tag, sha256
    for (const auto& t : repo.tags("*")) {
      if (t.commit != p_->commit || !t.annotated) continue;
      const std::string sha = trailer(t.message, "Relctl-Snapshot-Sha256");
      if (!sha.empty()) recorded.emplace_back(t.name, sha);
    }
    const auto& dr = ctx.config ? ctx.config->data_release : std::nullopt;
    if (!dr) {
      if (!recorded.empty()) {
        throw ConfigError(recorded.front().first +
                              " records a snapshot, but relctl.toml has no "
                              "[data_release] saying where it is",
                          "add [data_release] with snapshot and manifest");
      }
      return;
    }
    const std::string snapshot_path = git_support::worktree_relative(ctx, repo, dr->snapshot);
    const std::string manifest_path = git_support::worktree_relative(ctx, repo, dr->manifest);
    const auto manifest_text = repo.read_file_at(p_->commit, manifest_path);
    if (!manifest_text && recorded.empty()) return;  // a code-only release
    const auto snapshot = repo.read_file_at(p_->commit, snapshot_path);
    if (!snapshot) {
      throw GateError(p_->tag + " has no " + snapshot_path + " although it records a snapshot",
                      "the release is incomplete: make a new data release");
    }
    const std::string actual = core::sha256_hex(*snapshot);
    details["snapshot_sha256"] = actual;
    if (manifest_text) {
      const std::string in_manifest =
          data::Manifest::parse(*manifest_text, manifest_path + " at " + p_->tag).snapshot_sha256;
      if (in_manifest != actual) {
        throw GateError(fmt::format("{} at {}: {} has sha256 {} but {} records {}", p_->tag,
                                    git::short_id(p_->commit), snapshot_path, short_sha(actual),
                                    manifest_path, short_sha(in_manifest)),
                        "the snapshot changed after it was validated: make a new data release");
      }
    }
    for (const auto& [name, sha] : recorded) {
      if (sha != actual) {
        throw GateError(fmt::format("{}: {} has sha256 {} but tag {} records {}", p_->tag,
                                    snapshot_path, short_sha(actual), name, short_sha(sha)),
                        "the release was changed after it was tagged: make a new release");
      }
    }
    checked.push_back("snapshot sha256 " + short_sha(actual) + " matches its manifest" +
                      (recorded.empty() ? "" : " and tag trailers"));
  }

  // SHA256SUMS in the release's tree: each listed file that is in the tree
  // must still match (build outputs are usually not committed).
  void verify_sums(git::Repository& repo, std::vector<std::string>& checked,
                   nlohmann::json& details) {
    const auto sums = repo.read_file_at(p_->commit, "SHA256SUMS");
    if (!sums) return;
    std::istringstream in(*sums);
    std::string line;
    int matched = 0, absent = 0;
    while (std::getline(in, line)) {
      if (line.size() < 66) continue;
      const std::string sha = line.substr(0, 64);
      std::string path = line.substr(66);
      const auto bytes = repo.read_file_at(p_->commit, path);
      if (!bytes) {
        ++absent;
        continue;
      }
      if (core::sha256_hex(*bytes) != sha) {
        throw GateError(p_->tag + ": " + path + " does not match its SHA256SUMS line",
                        "the release was changed after its checksums were written: make a new "
                        "release");
      }
      ++matched;
    }
    details["sha256sums"] = {{"matched", matched}, {"not_in_tree", absent}};
    checked.push_back(fmt::format("SHA256SUMS: {} file{} match{}", matched, matched == 1 ? "" : "s",
                                  absent ? fmt::format(" ({} not in the tree)", absent) : ""));
  }

  // [code_release] / [data_release] require_signature: the tag of that kind
  // of release (a code tag by its template, a data tag by its snapshot
  // trailer) must carry a good signature.
  void verify_signed(core::Context& ctx, git::Repository& repo, const git::Tag& tag,
                     std::vector<std::string>& checked, nlohmann::json& details) {
    if (!ctx.config) return;
    std::string required_by;
    const auto& cr = ctx.config->code_release;
    if (cr && cr->require_signature && version::TagTemplate(cr->tag).version_of(p_->tag))
      required_by = "[code_release] require_signature = true";
    const auto& dr = ctx.config->data_release;
    if (dr && dr->require_signature && !trailer(tag.message, "Relctl-Snapshot-Sha256").empty())
      required_by = "[data_release] require_signature = true";
    if (required_by.empty()) return;
    const auto signed_object = repo.tag_signature(p_->tag);
    if (!signed_object) {
      throw GateError(p_->tag + " is not signed, and " + required_by,
                      "make a signed release (git config tag.gpgSign true, or [code_release] / "
                      "[data_release] sign = true)");
    }
    const std::string signer = git_policy::verify_signature(repo, *signed_object, p_->tag);
    details["signed_by"] = signer;
    checked.push_back("good signature by " + signer);
  }

  // A release a rollback replaced is not promoted again by accident.
  std::string verify_not_rejected(core::Context& ctx, nlohmann::json& details) {
    if (!ctx.pg || p_->env.empty()) return "";
    const PgTarget target = pg_target(ctx);
    pg::Connection& conn = pg_connection(ctx, target);
    const auto rejected = pg::rejected_deployment(conn, p_->env, p_->tag);
    if (!rejected) return "";
    details["rejected"] = {{"reason", rejected->rejected_reason}, {"since", rejected->finished_at}};
    const std::string what =
        p_->tag + " was rejected in " + p_->env +
        (rejected->rejected_reason.empty() ? std::string()
                                           : " (\"" + rejected->rejected_reason + "\")");
    if (!p_->allow_rejected) {
      throw GateError(
          what, "promote a newer release, or pass --allow-rejected \"why it may go out again\"");
    }
    return what + "; promoted anyway: --allow-rejected (\"" + p_->reason + "\")";
  }

  std::shared_ptr<release::Promotion> p_;
  git_support::RepoAccess repo_;
};

}  // namespace

std::unique_ptr<core::Gate> make_release_verify(std::shared_ptr<release::Promotion> promotion) {
  return std::make_unique<ReleaseVerify>(std::move(promotion));
}

}  // namespace relctl::gates
