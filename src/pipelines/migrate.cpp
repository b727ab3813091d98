// The migrate pipelines: `relctl migrate` (SPEC §4), for development
// databases and one-off catch-ups, and `relctl migrate baseline`, which
// adopts a database another tool migrated; docs/postgres.md explains every gate.

#include "relctl/gates/env.hpp"
#include "relctl/gates/pg.hpp"
#include "relctl/pipelines/pipelines.hpp"

namespace relctl::pipelines {

namespace {

// The gates both pipelines start with, up to the environment's lock.
core::Pipeline locked_start(const config::Environment& env,
                            const std::optional<std::string>& confirm) {
  core::Pipeline p;
  // A protected environment asks for its phrase before relctl even connects.
  if (env.is_protected) p.push_back(gates::make_env_confirm(confirm));
  // Reach the database first: every later gate needs it, and an unreachable
  // database should say so (exit 3) before anything else.
  p.push_back(gates::make_pg_connect());
  // Before anything writes: a prod run aimed at the dev database stops here.
  p.push_back(gates::make_pg_env_guard());
  // One run per environment at a time: two runs' migrations (or a migrate
  // and a baseline) must never interleave.
  p.push_back(gates::make_pg_lock());
  return p;
}

}  // namespace

core::Pipeline migrate(const config::Environment& env, const gates::ReleaseTree& tree,
                       const std::optional<std::string>& confirm) {
  core::Pipeline p = locked_start(env, confirm);
  // Under the lock, the applied history must still match the files: an
  // edited, missing or out-of-order migration stops the run before it writes.
  p.push_back(gates::make_pg_history(tree));
  // Apply what is pending (one transaction by default); a dry run lists it.
  p.push_back(gates::make_pg_migrate(tree));
  // After migrating: the database has the schema version the release expects...
  p.push_back(gates::make_pg_schema_guard(tree));
  // ...and the SQL functions the application calls.
  p.push_back(gates::make_pg_functions(tree));
  return p;
}

core::Pipeline migrate_baseline(const config::Environment& env, gates::BaselineSource source,
                                const std::optional<std::string>& confirm) {
  core::Pipeline p = locked_start(env, confirm);
  // Map the other tool's history to the files and record it; a dry run lists it.
  p.push_back(gates::make_pg_baseline(std::move(source)));
  return p;
}

}  // namespace relctl::pipelines
