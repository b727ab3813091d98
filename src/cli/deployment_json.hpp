#pragma once
// A relctl.deployments row as JSON, for `status --json` and `history --json`.

#include <nlohmann/json.hpp>

#include "relctl/pg/deployments.hpp"

namespace relctl::cli {

inline nlohmann::json deployment_json(const pg::Deployment& d) {
  return {{"id", d.id},
          {"tag", d.tag},
          {"commit", d.commit},
          {"version", d.version},
          {"kind", d.kind},
          {"status", d.status},
          {"actor", d.actor},
          {"host", d.host},
          {"run_id", d.run_id},
          {"started_at", d.started_at},
          {"finished_at", d.finished_at},
          {"rejected", d.rejected},
          {"rejected_reason", d.rejected_reason},
          {"warnings", d.warnings}};
}

}  // namespace relctl::cli
