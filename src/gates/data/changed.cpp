// data.changed: a release whose snapshot is byte for byte the previous
// release's ships nothing new: the run ends as "nothing to release" (exit 0,
// or 1 under --require-changes) unless --force says it is meant (a joint
// code release only warns: its code changed).

#include <nlohmann/json.hpp>

#include "gates/data/data_run.hpp"
#include "gates/data/json_text.hpp"
#include "relctl/core/error.hpp"

namespace relctl::gates {

namespace {

class DataChanged final : public DataGate {
 public:
  explicit DataChanged(std::shared_ptr<DataRun> run) : DataGate("data.changed", std::move(run)) {}

  core::Outcome run(core::Context& ctx) override {
    DataRun& d = data(ctx);
    const auto& prev = d.previous(ctx);
    if (prev.first()) {
      return record(
          core::Outcome::skip("first data release: nothing to compare the snapshot with"));
    }
    if (!prev.manifest || prev.manifest->snapshot_sha256.empty()) {
      return record(core::Outcome::warn(
          "nothing to compare with: " +
          (prev.problem.empty() ? prev.tag + "'s manifest has no snapshot.sha256" : prev.problem)));
    }
    if (auto why = unreadable_snapshot(ctx); !why.empty()) return record(core::Outcome::skip(why));
    const std::string& sha = d.scan().sha256();
    nlohmann::json details = {{"previous", prev.tag},
                              {"previous_sha256", prev.manifest->snapshot_sha256},
                              {"sha256", sha}};
    if (sha != prev.manifest->snapshot_sha256) {
      return record(core::Outcome::pass("the snapshot changed since " + prev.tag,
                                        data::compact_json(details)));
    }
    const std::string same = "nothing to release since " + prev.tag + ": the snapshot's sha256 (" +
                             sha.substr(0, 12) + "...) equals that release's";
    if (d.request().force) {
      return record(
          core::Outcome::warn(same + "; released anyway (--force)", data::compact_json(details)));
    }
    // A code release must carry a data release even when only the code
    // changed: there the same data is worth a warning, not a refusal.
    if (d.joint()) {
      return record(core::Outcome::warn(same + "; the code release carries it again",
                                        data::compact_json(details)));
    }
    throw NothingToRelease(same,
                           "rebuild the snapshot from fresh data, or pass --force to release the "
                           "same data again");
  }
};

}  // namespace

std::unique_ptr<core::Gate> make_data_changed(std::shared_ptr<DataRun> run) {
  return std::make_unique<DataChanged>(std::move(run));
}

}  // namespace relctl::gates
