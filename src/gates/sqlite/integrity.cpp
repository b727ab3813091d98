// sqlite.integrity: the snapshot is a sound SQLite database (PRAGMA
// integrity_check, or quick_check with data_release.integrity = "quick").
// It is the first gate to read the snapshot, so it also starts the
// background steps (row counts, foreign keys, hash) on the second core.

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "gates/data/data_run.hpp"
#include "gates/data/json_text.hpp"
#include "relctl/core/error.hpp"

namespace relctl::gates {

namespace {

class SqliteIntegrity final : public DataGate {
 public:
  explicit SqliteIntegrity(std::shared_ptr<DataRun> run)
      : DataGate("sqlite.integrity", std::move(run)) {}

  core::Outcome run(core::Context& ctx) override {
    if (data(ctx).snapshot_pending(ctx))
      return record(core::Outcome::skip(unreadable_snapshot(ctx)));
    auto& scan = data(ctx).scan();
    const char* pragma = scan.quick() ? "quick_check" : "integrity_check";
    const auto& problems = scan.integrity();
    run_->findings.integrity_problems = problems;
    const std::string file = run_->snapshot_file().string();
    if (!problems.empty()) {
      std::string shown;
      for (std::size_t i = 0; i < problems.size() && i < 3; ++i) {
        shown += (i ? "; " : "") + problems[i];
      }
      throw GateError(fmt::format("snapshot {} is corrupt: {} found {}{} problem{}: {}", file,
                                  pragma, problems.size(), problems.size() >= 100 ? "+" : "",
                                  problems.size() == 1 ? "" : "s", shown),
                      "rebuild the snapshot or copy it again; `sqlite3 " + file + " 'PRAGMA " +
                          pragma + "'` lists the damage");
    }
    nlohmann::json details = {{"pragma", pragma}, {"file", file}, {"bytes", scan.bytes()}};
    return record(core::Outcome::pass(
        fmt::format("{} ok ({:.1f} MiB)", pragma, static_cast<double>(scan.bytes()) / 1048576.0),
        data::compact_json(details)));
  }
};

}  // namespace

std::unique_ptr<core::Gate> make_sqlite_integrity(std::shared_ptr<DataRun> run) {
  return std::make_unique<SqliteIntegrity>(std::move(run));
}

}  // namespace relctl::gates
