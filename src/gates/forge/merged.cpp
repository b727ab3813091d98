// forge.merged: before --finalize tags anything, the forge confirms that
// the release's pull (merge) request was merged into the main branch, that
// HEAD contains that merge, and (with [forge] require_checks) that every
// check of its last commit passed. relctl cannot read branch protection
// without admin rights, so "required" means every check the commit has.

#include <nlohmann/json.hpp>

#include "gates/forge/support.hpp"
#include "gates/registered.hpp"
#include "relctl/core/error.hpp"
#include "relctl/gates/forge.hpp"

namespace relctl::gates {

namespace {

std::string joined(const std::vector<std::string>& items) {
  return git_support::list_some(items, 8);
}

class ForgeMerged final : public RegisteredGate {
 public:
  explicit ForgeMerged(ReviewBranch branch)
      : RegisteredGate("forge.merged"), branch_(std::move(branch)) {}

  core::Outcome run(core::Context& ctx) override {
    forge::Forge& f = access_.get(ctx);
    const std::string head = branch_(ctx);
    const std::string base = ctx.config->project.main_branch;
    const auto pull = f.find_pull_request(head, base, "merged");
    if (!pull) {
      throw GateError("no merged " + f.name() + " request from " + head + " into " + base + " in " +
                          f.location().project,
                      "merge the release's request first; if it was reviewed another way, "
                      "--skip forge.merged --reason \"...\"");
    }
    git::Repository& repo = access_.repo(ctx);
    const std::string here = repo.head_id();
    const std::string name = "#" + std::to_string(pull->number);
    if (pull->merge_commit.empty() || !repo.has_commit(pull->merge_commit) ||
        !repo.is_ancestor(pull->merge_commit, here)) {
      throw GateError(
          "HEAD (" + git::short_id(here) + ") does not contain the merge of " + name +
              (pull->merge_commit.empty() ? std::string()
                                          : " (" + git::short_id(pull->merge_commit) + ")"),
          "update " + base + " (git pull) and run --finalize again");
    }
    nlohmann::json details = {{"forge", f.name()},
                              {"number", pull->number},
                              {"url", pull->url},
                              {"merge_commit", pull->merge_commit}};
    std::string message =
        name + " merged as " + git::short_id(pull->merge_commit) + " (" + pull->url + ")";
    if (ctx.config->forge->require_checks) {
      const forge::Checks checks = f.checks(*pull);
      details["checks"] = {
          {"passed", checks.passed}, {"failed", checks.failed}, {"pending", checks.pending}};
      if (!checks.ok()) {
        std::string what = "the checks of " + name + " did not all pass:";
        if (!checks.failed.empty()) what += " failed: " + joined(checks.failed) + ".";
        if (!checks.pending.empty()) what += " still running: " + joined(checks.pending) + ".";
        throw GateError(what,
                        "wait for them or fix them, then run --finalize again "
                        "([forge] require_checks = true)");
      }
      message += checks.passed.empty()
                     ? "; no checks ran"
                     : "; " + std::to_string(checks.passed.size()) + " check(s) passed";
    }
    return core::Outcome::pass(message, details.dump());
  }

 private:
  ReviewBranch branch_;
  forge_support::ForgeAccess access_;
};

}  // namespace

std::unique_ptr<core::Gate> make_forge_merged(ReviewBranch branch) {
  return std::make_unique<ForgeMerged>(std::move(branch));
}

}  // namespace relctl::gates
