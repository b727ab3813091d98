#pragma once
// The pipelines: for each command, one ordered list of gates with a comment
// per gate saying why it sits where it does (SPEC §4). The commands in
// src/cli/ wire their flags to these; a test builds every variant and holds
// them to what the gate registry declares.

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "relctl/config/config.hpp"
#include "relctl/core/runner.hpp"
#include "relctl/gates/data.hpp"
#include "relctl/gates/pg.hpp"
#include "relctl/release/plan.hpp"
#include "relctl/release/promotion.hpp"

namespace relctl::pipelines {

/// `relctl code-release`: preflight, version.next, git.tag-free, [verify],
/// changelog.write, version.files, [build], artifacts.checksums, the data
/// release it carries (`data` may be null: --no-data), the release actions.
core::Pipeline code_release(const config::Config& cfg,
                            const std::shared_ptr<release::ReleasePlan>& plan,
                            const std::shared_ptr<gates::DataRun>& data);

/// `relctl data-release`: preflight, (finalize: data.committed),
/// git.tag-free, the snapshot's checks and outputs, the release actions.
core::Pipeline data_release(const config::Config& cfg,
                            const std::shared_ptr<release::ReleasePlan>& plan,
                            const std::shared_ptr<gates::DataRun>& run);

/// `relctl migrate --env ENV`: (protected: env.confirm), pg.connect,
/// pg.env-guard, pg.lock, pg.history, pg.migrate, pg.schema-guard, pg.functions.
core::Pipeline migrate(const config::Environment& env, const gates::ReleaseTree& tree,
                       const std::optional<std::string>& confirm);

/// `relctl migrate baseline --env ENV`: (protected: env.confirm), pg.connect,
/// pg.env-guard, pg.lock, pg.baseline.
core::Pipeline migrate_baseline(const config::Environment& env, gates::BaselineSource source,
                                const std::optional<std::string>& confirm);

/// `relctl promote` and `relctl rollback` (promotion->kind says which):
/// the release verified, the environments before it, the phrase, the
/// database, its migrations and checks, the team's deploy, the audit row.
/// `hotfix` (rollback --hotfix, may be null) plans hotfix/vX.Y.(Z+1).
core::Pipeline promotion(const config::Config& cfg,
                         const std::shared_ptr<release::Promotion>& promotion,
                         const std::optional<std::string>& confirm,
                         const std::shared_ptr<release::ReleasePlan>& hotfix = nullptr);

/// `relctl publish TAG`: forge.release alone, for a tag already pushed.
core::Pipeline publish(const std::string& tag);

/// The [[gates.command]] entries of `phase` that join `command`: those
/// without `commands`, those naming it, and for `rollback` those naming
/// `promote` (a rollback deploys a release like a promotion does).
std::vector<const config::CommandGate*> commands_for(const config::Config& cfg,
                                                     std::string_view command, config::Phase phase);

}  // namespace relctl::pipelines
