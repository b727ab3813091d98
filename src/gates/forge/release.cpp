// forge.release: the forge release of each tag the run pushed (or of the tag
// `relctl publish TAG` names), after git.push. It finds the release or
// creates it, then uploads the assets it lacks, so a re-run completes what
// an interrupted one began. It never undoes anything: the push stands, and
// a failure says to finish with `relctl publish TAG`.

#include <nlohmann/json.hpp>

#include "gates/data/data_run.hpp"
#include "gates/forge/release_content.hpp"
#include "gates/forge/support.hpp"
#include "gates/registered.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/file_hash.hpp"
#include "relctl/core/output_file.hpp"
#include "relctl/gates/forge.hpp"

namespace relctl::gates {

namespace {

namespace fs = std::filesystem;
using forge_release::TagKind;

// What one tag's release holds. `assets` is nullopt while SHA256SUMS is
// still to be written (a dry run of the release itself): `later` says what.
struct Content {
  forge::NewRelease release;
  std::optional<std::vector<forge::Asset>> assets;
  std::string later;
};

class ForgeRelease final : public RegisteredGate {
 public:
  ForgeRelease(std::shared_ptr<release::ReleasePlan> plan, std::shared_ptr<DataRun> data,
               std::string tag)
      : RegisteredGate("forge.release"),
        plan_(std::move(plan)),
        data_(std::move(data)),
        tag_(std::move(tag)) {}

  bool reversible() const override { return false; }

  std::string plan(core::Context& ctx) override {
    if (plan_ && !plan_->planned()) return "would publish the release (no version yet)";
    if (plan_ && !plan_->shape.push) return "would not publish: " + no_push();
    forge::Forge& f = access_.get(ctx);
    if (!plan_) require_on_remote(ctx, {tag_});
    std::string out;
    for (const auto& tag : tags()) {
      const Content c = content(ctx, tag);
      const auto existing = f.find_release(tag);
      std::vector<forge::Request> requests;
      std::string line;
      if (!existing) {
        requests = f.create_release_requests(c.release);
        line = "would create the " + f.name() + " release " + tag +
               (c.release.prerelease ? " (prerelease)" : "");
      } else {
        line = "the " + f.name() + " release " + tag + " exists (" + existing->url + ")";
      }
      const auto missing =
          c.assets ? missing_assets(*c.assets, existing) : std::vector<forge::Asset>{};
      for (const auto& a : missing) {
        for (auto& r : f.upload_requests(tag, existing ? &*existing : nullptr, a)) {
          requests.push_back(std::move(r));
        }
      }
      if (!missing.empty()) line += ", then upload " + std::to_string(missing.size()) + " asset(s)";
      if (!c.assets && !c.later.empty()) line += ", then upload " + c.later;
      if (requests.empty() && c.later.empty()) line += ": nothing to add";
      out += (out.empty() ? "" : "\n") + line + forge_support::describe(requests);
    }
    return out;
  }

  core::Outcome run(core::Context& ctx) override {
    if (plan_ && !plan_->shape.push) return core::Outcome::skip(no_push());
    try {
      return publish(ctx);
    } catch (const Interrupted&) {
      throw;
    } catch (const Error&) {
      forge_support::rethrow_with_hint(finish_hint());
    }
  }

 private:
  std::vector<std::string> tags() const {
    if (!plan_) return {tag_};
    std::vector<std::string> out;
    for (const auto& t : plan_->tags) out.push_back(t.name);
    return out;
  }

  std::string finish_hint() const {
    std::string cmds;
    for (const auto& t : tags())
      cmds += (cmds.empty() ? "" : " and ") + ("`relctl publish " + t + "`");
    return (plan_ ? "the pushed release stands (nothing was undone); once fixed, finish it with "
                  : "once fixed, run again: ") +
           cmds;
  }

  std::string no_push() const {
    std::string cmds;
    for (const auto& t : tags()) cmds += (cmds.empty() ? "" : ", ") + ("relctl publish " + t);
    return "--no-push: nothing is on the remote; after pushing, run " + cmds;
  }

  core::Outcome publish(core::Context& ctx) {
    forge::Forge& f = access_.get(ctx);
    require_on_remote(ctx, tags());
    nlohmann::json releases = nlohmann::json::array();
    std::string message;
    for (const auto& tag : tags()) {
      const Content c = content(ctx, tag);
      auto existing = f.find_release(tag);
      const forge::Release release = existing ? *existing : f.create_release(c.release);
      std::vector<std::string> uploaded, present;
      for (const auto& a :
           missing_assets(c.assets.value_or(std::vector<forge::Asset>{}), release)) {
        f.upload(release, a);
        uploaded.push_back(a.name);
      }
      for (const auto& a : release.assets) present.push_back(a.name);
      releases.push_back({{"tag", tag},
                          {"url", release.url},
                          {"created", !existing},
                          {"prerelease", c.release.prerelease},
                          {"uploaded", uploaded},
                          {"present", present}});
      std::string line =
          existing ? tag + "'s " + f.name() + " release was there" +
                         (uploaded.empty()
                              ? " and complete"
                              : "; added " + std::to_string(uploaded.size()) + " missing asset(s)")
                   : "created the " + f.name() + " release " + tag +
                         (c.release.prerelease ? " (prerelease)" : "") + " with " +
                         std::to_string(uploaded.size()) + " asset(s)";
      message +=
          (message.empty() ? "" : "; ") + line + (release.url.empty() ? "" : ": " + release.url);
    }
    return core::Outcome::pass(message,
                               nlohmann::json{{"forge", f.name()}, {"releases", releases}}.dump());
  }

  // The release is made for a tag the remote has: the forge must never
  // create the tag itself (it would put it on its default branch's head).
  void require_on_remote(core::Context& ctx, const std::vector<std::string>& wanted) {
    git::Repository& repo = access_.repo(ctx);
    const std::string remote = git_support::remote_name(ctx);
    const auto refs = repo.list_remote(remote, git_support::auth(ctx));
    for (const auto& tag : wanted) {
      const bool there = std::any_of(refs.begin(), refs.end(),
                                     [&](const auto& r) { return r.name == "refs/tags/" + tag; });
      if (!there) {
        throw GateError(tag + " is not on " + remote + ": there is nothing to publish yet",
                        "relctl publish pushes nothing: push the tag first (git push " + remote +
                            " " + tag + ")");
      }
    }
  }

  Content content(core::Context& ctx, const std::string& tag) {
    const config::Config& cfg = *ctx.config;
    git::Repository& repo = access_.repo(ctx);
    const auto local = repo.find_tag(tag);
    std::string message;
    if (local) {
      message = local->message;
    } else if (plan_) {
      for (const auto& t : plan_->tags) {
        if (t.name == tag) message = t.message;
      }
    } else {
      throw GateError("no tag " + tag + " in this repository",
                      "fetch it (git fetch --tags) and run relctl publish " + tag + " again");
    }
    Content c;
    c.release.tag = tag;
    c.release.name = tag;
    c.release.prerelease = forge_release::is_prerelease(cfg, tag);
    switch (forge_release::kind_of_tag(cfg, tag)) {
      case TagKind::code:
        c.release.notes = forge_release::code_notes(message);
        code_assets(ctx, repo, tag, local.has_value(), c);
        break;
      case TagKind::data:
        if (const auto m = manifest(ctx, repo, tag, local.has_value())) {
          c.release.notes = forge_release::data_notes(tag, *m);
        } else {
          c.release.notes = forge_release::without_trailers(message);
        }
        c.assets.emplace();
        break;
      case TagKind::other:
        c.release.notes = forge_release::without_trailers(message);
        c.assets.emplace();
        break;
    }
    return c;
  }

  // SHA256SUMS as the tag has it, and the files it lists from the work tree.
  void code_assets(core::Context& ctx, git::Repository& repo, const std::string& tag, bool tagged,
                   Content& c) {
    const fs::path sums_file = ctx.root() / "SHA256SUMS";
    if (!tagged) {
      // A dry run of the release itself: artifacts.checksums writes it later.
      const bool artifacts =
          ctx.config->code_release && !ctx.config->code_release->artifacts.empty();
      if (artifacts) {
        c.later = "SHA256SUMS and each file it lists";
      } else {
        c.assets.emplace();
      }
      return;
    }
    const auto sums =
        repo.read_file_at(tag, git_support::worktree_relative(ctx, repo, sums_file.string()));
    if (!sums) {
      c.assets.emplace();
      return;
    }
    if (core::read_file(sums_file) != *sums) {
      throw GateError(
          "SHA256SUMS in " + ctx.root().string() + " is not the one " + tag +
              " carries: these are another build's artifacts",
          "run relctl publish " + tag + " in a checkout of " + tag + " with its artifacts built");
    }
    c.assets = forge_release::assets_from_sums(ctx.root(), sums_file, *sums, tag);
  }

  std::optional<data::Manifest> manifest(core::Context& ctx, git::Repository& repo,
                                         const std::string& tag, bool tagged) {
    if (data_ && data_->manifest) return data_->manifest;
    if (!tagged || !ctx.config->data_release) return std::nullopt;
    const std::string path =
        git_support::worktree_relative(ctx, repo, ctx.config->data_release->manifest);
    const auto text = repo.read_file_at(tag, path);
    if (!text) return std::nullopt;
    return data::Manifest::parse(*text, tag + ":" + path);
  }

  static std::vector<forge::Asset> missing_assets(const std::vector<forge::Asset>& wanted,
                                                  const std::optional<forge::Release>& release) {
    std::vector<forge::Asset> out;
    for (const auto& a : wanted) {
      const bool there = release && std::any_of(release->assets.begin(), release->assets.end(),
                                                [&](const auto& r) { return r.name == a.name; });
      if (!there) out.push_back(a);
    }
    return out;
  }

  std::shared_ptr<release::ReleasePlan> plan_;
  std::shared_ptr<DataRun> data_;
  std::string tag_;
  forge_support::ForgeAccess access_;
};

}  // namespace

std::unique_ptr<core::Gate> make_forge_release(std::shared_ptr<release::ReleasePlan> plan,
                                               std::shared_ptr<DataRun> data) {
  return std::make_unique<ForgeRelease>(std::move(plan), std::move(data), "");
}

std::unique_ptr<core::Gate> make_forge_publish(std::string tag) {
  return std::make_unique<ForgeRelease>(nullptr, nullptr, std::move(tag));
}

}  // namespace relctl::gates
