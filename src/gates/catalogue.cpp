#include "relctl/gates/catalogue.hpp"

#include <algorithm>

#include "gates/env/gates.hpp"
#include "gates/pg/gates.hpp"
#include "relctl/gates/code_release.hpp"
#include "relctl/gates/data.hpp"
#include "relctl/gates/git.hpp"

namespace relctl::gates {

const std::vector<CatalogueEntry>& catalogue() {
  // One entry per gate, in SPEC §3 order; each area adds its gates here.
  static const std::vector<CatalogueEntry> entries = {
      // git preflight (src/gates/git/)
      {"git.repo", core::Kind::check, "inside a git work tree; not shallow; HEAD not detached",
       [] { return make_git_repo(); }},
      {"git.branch", core::Kind::check,
       "current branch is allowed to release (project.release_branches)",
       [] { return make_git_branch(); }},
      {"git.clean", core::Kind::check,
       "no uncommitted or untracked changes (release outputs excepted)",
       [] { return make_git_clean(); }},
      {"git.up-to-date", core::Kind::check,
       "fetched upstream; HEAD equals upstream (nothing to pull or push)",
       [] { return make_git_up_to_date(); }},
      {"git.tag-free", core::Kind::check,
       "the release tag exists neither locally nor on the remote",
       [] { return make_git_tag_free(); }},
      // data release (src/gates/sqlite/, src/gates/data/)
      {"sqlite.integrity", core::Kind::check,
       "PRAGMA integrity_check (or quick_check) on the snapshot",
       [] { return make_sqlite_integrity(); }},
      {"sqlite.foreign-keys", core::Kind::check, "PRAGMA foreign_key_check is empty",
       [] { return make_sqlite_foreign_keys(); }},
      {"data.checks", core::Kind::check,
       "the [[data_release.checks]] (row counts, unique, not null, accepted values, "
       "relationships, custom SQL)",
       [] { return make_data_checks(); }},
      {"data.row-drop", core::Kind::check,
       "no table shrank more than max_row_drop against the previous data release",
       [] { return make_data_row_drop(); }},
      {"data.schema-diff", core::Kind::check,
       "tables/columns removed or retyped since the previous data release fail unless allowed",
       [] { return make_data_schema_diff(); }},
      {"data.changed", core::Kind::check,
       "the snapshot differs from the previous data release's (sha256) unless --force",
       [] { return make_data_changed(); }},
      {"data.export", core::Kind::action,
       "builds the snapshot from Postgres tables (atomic: temp file, then rename)", nullptr},
      {"data.manifest", core::Kind::action, "writes manifest.json", nullptr},
      {"data.report", core::Kind::action,
       "writes the validation report (JSON + Markdown) into reports_dir", nullptr},
      {"data.committed", core::Kind::check,
       "the snapshot committed at HEAD matches its committed manifest (sha256)",
       [] { return make_data_committed(); }},
      // code release (src/gates/version, changelog, artifacts, git)
      {"version.next", core::Kind::check,
       "computes the next version; refuses one that exists or goes backwards",
       [] { return make_version_next(); }},
      {"changelog.write", core::Kind::action, "prepends the new section to the changelog file",
       nullptr},
      {"version.files", core::Kind::action, "rewrites the version in code_release.version_files",
       nullptr},
      {"artifacts.checksums", core::Kind::action, "SHA256SUMS for code_release.artifacts", nullptr},
      {"git.branch-create", core::Kind::action,
       "release branch from HEAD (or from a tag for hotfixes)", nullptr},
      {"git.commit", core::Kind::action, "stages outputs (force-adding ignored ones) and commits",
       nullptr},
      {"git.tag", core::Kind::action,
       "annotated tag(s); message from template plus Relctl-* trailers", nullptr},
      {"git.push", core::Kind::action,
       "one push of branch and tags; undo everything local on rejection", nullptr},
      // Postgres (src/gates/pg/): usable alone with `relctl check <id> --env ENV`
      {"pg.connect", core::Kind::check,
       "connects (timeout), reports server version; password never shown",
       [] { return make_pg_connect(); }},
      {"pg.env-guard", core::Kind::check,
       "current_database() and markers match the environment's expectations",
       [] { return make_pg_env_guard(); }},
      {"pg.lock", core::Kind::action,
       "session advisory lock per environment, polled with a timeout; says who holds it", nullptr},
      {"pg.history", core::Kind::check,
       "applied migrations match the files: checksum, missing, unknown, out of order",
       [] { return make_pg_history(); }},
      {"pg.shadow", core::Kind::check,
       "scratch database: apply every migration from zero, run verify SQL, drop it",
       [] { return make_pg_shadow(); }},
      {"pg.migrate", core::Kind::action,
       "applies pending migrations from the release's tree, in one transaction by default",
       nullptr},
      {"pg.schema-guard", core::Kind::check,
       "app schema version vs database schema version: equal, or the database newer in minor or "
       "patch",
       [] { return make_pg_schema_guard(); }},
      {"pg.functions", core::Kind::check, "canonical function signatures exist ([[functions]])",
       [] { return make_pg_functions(); }},
      {"pg.smoke", core::Kind::check, "runs the environment's smoke SQL file; any error fails",
       [] { return make_pg_smoke(); }},
      {"pg.checks", core::Kind::check,
       "[[db_checks]] against the live database, same grammar as data.checks",
       [] { return make_pg_checks(); }},
      // environments (src/gates/env/)
      {"env.confirm", core::Kind::check, "the typed confirmation phrase for protected environments",
       [] { return make_env_confirm(); }},
      // promote and rollback (src/gates/release/): they need the release
      // being promoted, so they run only inside `relctl promote`/`rollback`
      {"release.verify", core::Kind::check,
       "the tag exists, is annotated, and its recorded checksums match its tree", nullptr},
      {"env.order", core::Kind::check,
       "the release is deployed and verified in the environment before this one", nullptr},
      {"env.soak", core::Kind::check, "it has been there at least `soak`", nullptr},
      {"deploy.record", core::Kind::action,
       "writes the deployment row in the environment's database and the ledger", nullptr},
  };
  return entries;
}

const CatalogueEntry* find_gate(const std::string& id) {
  const auto& all = catalogue();
  auto it = std::find_if(all.begin(), all.end(), [&](const auto& e) { return e.id == id; });
  return it == all.end() ? nullptr : &*it;
}

}  // namespace relctl::gates
