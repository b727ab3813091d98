#pragma once
// The deployments audit (SPEC §6): relctl.deployments in each environment's
// database, one row per promotion or rollback. An environment's current
// release is its newest succeeded row; a rejected release is one a rollback
// replaced.

#include <optional>
#include <string>
#include <vector>

namespace relctl::pg {

class Connection;

struct Deployment {
  long long id = 0;
  std::string env;
  std::string tag;
  std::string commit;
  std::string version;
  std::string kind = "promote";  // promote | rollback
  std::string status;            // succeeded | failed
  std::string actor;
  std::string host;
  std::string run_id;
  std::string started_at;   // UTC ISO-8601
  std::string finished_at;  // UTC ISO-8601
  bool rejected = false;
  std::string rejected_reason;
  std::string warnings;    // soft gates that failed, one per line
  double age_seconds = 0;  // now() - finished_at, by the database's clock
};

/// Creates schema relctl and relctl.deployments if missing (safe to race).
void ensure_deployments(Connection& conn);

/// `env`'s current release: its newest succeeded row; nullopt when none.
std::optional<Deployment> current_deployment(Connection& conn, const std::string& env);
/// The newest succeeded, not rejected row of `env` older than `before_id`
/// whose tag differs from `not_tag`: where a rollback returns to.
std::optional<Deployment> last_good_deployment(Connection& conn, const std::string& env,
                                               long long before_id, const std::string& not_tag);
/// The newest row of `env` for `tag` that is rejected, if any.
std::optional<Deployment> rejected_deployment(Connection& conn, const std::string& env,
                                              const std::string& tag);
/// `env`'s rows, newest first.
std::vector<Deployment> list_deployments(Connection& conn, const std::string& env, int limit);

/// Inserts `d` (started_at as given, finished_at = now()) and returns its id.
long long insert_deployment(Connection& conn, const Deployment& d);
/// Marks `env`'s succeeded, not yet rejected rows of `tag` rejected with
/// `reason`; returns their ids.
std::vector<long long> reject_release(Connection& conn, const std::string& env,
                                      const std::string& tag, const std::string& reason);
/// `env`'s newest succeeded row for `tag`, rejected or not; nullopt if it never went out there.
std::optional<Deployment> find_deployment(Connection& conn, const std::string& env,
                                          const std::string& tag);
/// Undoes deploy.record: deletes row `id` and un-rejects exactly `rejected_ids`.
void forget_deployment(Connection& conn, long long id, const std::vector<long long>& rejected_ids);

}  // namespace relctl::pg
