// data.committed (--finalize): the data release merged on the main branch is
// intact: the snapshot committed at HEAD hashes to the sha256 its committed
// manifest records. It runs before git.tag-free because the manifest names
// the release's date, and so its tag, unless --date says otherwise.

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "gates/data/json_text.hpp"
#include "gates/data/release_facts.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/sha256.hpp"

namespace relctl::gates {

namespace {

// "2026-11-22T10:04:05Z" -> "20261122", or "" when it is not such a date.
std::string date_of(const std::string& iso) {
  if (iso.size() < 10 || iso[4] != '-' || iso[7] != '-') return {};
  return iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2);
}

class DataCommitted final : public DataGate {
 public:
  explicit DataCommitted(std::shared_ptr<DataRun> run)
      : DataGate("data.committed", std::move(run)) {}

  core::Outcome run(core::Context& ctx) override {
    DataRun& d = data(ctx);
    git::Repository& repo = d.repo(ctx);
    const std::string head = repo.head_id();
    const std::string at = " at " + git::short_id(head);
    const std::string manifest_path = d.in_worktree(ctx, d.config().manifest);
    const std::string snapshot_path = d.in_worktree(ctx, d.config().snapshot);
    const auto text = repo.read_file_at(head, manifest_path);
    if (!text) {
      throw GateError("no " + manifest_path + " committed" + at,
                      "--finalize tags a merged data release: merge its pull request, update "
                      "this branch (git pull), then run it again");
    }
    const auto m = data::Manifest::parse(*text, manifest_path + at);
    const auto blob = repo.read_file_at(head, snapshot_path);
    if (!blob) {
      throw GateError("no " + snapshot_path + " committed" + at + ", but " + manifest_path + " is",
                      "the release commit must carry the snapshot: was it dropped in the merge?");
    }
    const std::string sha = core::sha256_hex(*blob);
    nlohmann::json details = {{"commit", head},
                              {"manifest_sha256", m.snapshot_sha256},
                              {"sha256", sha},
                              {"bytes", blob->size()}};
    if (sha != m.snapshot_sha256 || blob->size() != m.snapshot_bytes) {
      throw GateError(fmt::format("the committed snapshot {} does not match its manifest{}: "
                                  "sha256 {}... ({} bytes), manifest says {}... ({} bytes)",
                                  snapshot_path, at, sha.substr(0, 12), blob->size(),
                                  m.snapshot_sha256.substr(0, 12), m.snapshot_bytes),
                      "the snapshot changed after validation: make a new data release "
                      "(relctl data-release) instead of finalizing this one");
    }
    if (!d.request().date_given) {
      if (const auto date = date_of(m.created_at); !date.empty()) d.set_date(date);
    }
    d.manifest = m;
    data::apply_manifest(ctx, d, m);
    d.plan().commit = head;
    d.plan().branch = repo.current_branch().value_or("");
    ctx.release.tags = {d.tag()};
    ctx.release.commit = head;
    ctx.release.branch = d.plan().branch;
    ctx.vars["date"] = d.request().date;
    return record(core::Outcome::pass(
        fmt::format("{} at {} matches its manifest (sha256 {}...); will tag {}", snapshot_path,
                    git::short_id(head), sha.substr(0, 12), d.tag()),
        data::compact_json(details)));
  }
};

}  // namespace

std::unique_ptr<core::Gate> make_data_committed(std::shared_ptr<DataRun> run) {
  return std::make_unique<DataCommitted>(std::move(run));
}

}  // namespace relctl::gates
