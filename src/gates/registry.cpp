// The gate registry (see registry.hpp): every gate's identity, where it
// runs and what drives it, in one table. A new gate adds its row here; its
// class names its id and takes the rest from this row.

#include "relctl/gates/registry.hpp"

#include <algorithm>
#include <stdexcept>

#include "gates/registered.hpp"
#include "gates/version/planner.hpp"
#include "relctl/gates/commits.hpp"
#include "relctl/gates/data.hpp"
#include "relctl/gates/env.hpp"
#include "relctl/gates/git.hpp"
#include "relctl/gates/pg.hpp"
#include "relctl/gates/version.hpp"

namespace relctl::gates {

namespace {

using Make = std::function<std::unique_ptr<core::Gate>()>;
using Names = std::vector<std::string>;

// The commands whose pipelines run gates.
const std::string code = "code-release";
const std::string data = "data-release";
const std::string migrate = "migrate";
const std::string baseline = "migrate baseline";
const std::string promote = "promote";
const std::string rollback = "rollback";
const std::string publish = "publish";

GateInfo check(std::string id, std::string description, Names pipelines, Names keys,
               Make alone = nullptr) {
  return {std::move(id),
          core::Kind::check,
          core::Severity::hard,
          std::move(description),
          std::move(pipelines),
          std::move(keys),
          false,
          std::move(alone)};
}

GateInfo action(std::string id, std::string description, Names pipelines, Names keys) {
  return {std::move(id),
          core::Kind::action,
          core::Severity::hard,
          std::move(description),
          std::move(pipelines),
          std::move(keys),
          false,
          nullptr};
}

GateInfo soft(GateInfo info) {
  info.severity = core::Severity::soft;
  return info;
}

std::vector<GateInfo> declare() {
  // In the catalogue's order: git preflight, the data release, the code
  // release, the release actions, Postgres, promotion.
  std::vector<GateInfo> all = {
      check("git.repo", "inside a git work tree; not shallow; HEAD not detached", {code, data}, {},
            [] { return make_git_repo(); }),
      check("git.branch", "current branch is allowed to release (project.release_branches)",
            {code, data}, {"project.release_branches", "code_release.maintenance_branches"},
            [] { return make_git_branch(); }),
      check("git.clean", "no uncommitted or untracked changes (release outputs excepted)",
            {code, data},
            {"code_release.artifacts", "data_release.snapshot", "data_release.manifest",
             "data_release.reports_dir"},
            [] { return make_git_clean(); }),
      check("git.up-to-date", "fetched upstream; HEAD equals upstream (nothing to pull or push)",
            {code, data}, {"project.remote", "project.token_env"},
            [] { return make_git_up_to_date(); }),
      check("git.tag-free", "the release tag exists neither locally nor on the remote",
            {code, data},
            {"code_release.tag", "data_release.tag", "project.remote", "project.token_env"},
            [] {
              // Alone, it checks the tag of the next code release.
              return make_git_tag_free(
                  std::make_shared<release::ReleasePlan>(),
                  [](core::Context& ctx, git::Repository& repo, release::ReleasePlan& plan) {
                    (void)version::plan_code_release(ctx, repo, plan);
                  });
            }),
      check("sqlite.integrity", "PRAGMA integrity_check (or quick_check) on the snapshot",
            {data, code}, {"data_release.snapshot", "data_release.integrity"},
            [] { return make_sqlite_integrity(); }),
      check("sqlite.foreign-keys", "PRAGMA foreign_key_check is empty", {data, code},
            {"data_release.snapshot"}, [] { return make_sqlite_foreign_keys(); }),
      check("data.checks",
            "the [[data_release.checks]] (row counts, unique, not null, accepted values, "
            "relationships, custom SQL)",
            {data, code}, {"data_release.checks"}, [] { return make_data_checks(); }),
      check("data.row-drop",
            "no table shrank more than max_row_drop against the previous data release",
            {data, code},
            {"data_release.max_row_drop", "data_release.tag", "data_release.manifest"},
            [] { return make_data_row_drop(); }),
      check("data.schema-diff",
            "tables/columns removed or retyped since the previous data release fail unless "
            "allowed",
            {data, code},
            {"data_release.allow_schema_break", "data_release.tag", "data_release.manifest"},
            [] { return make_data_schema_diff(); }),
      check("data.changed",
            "the snapshot differs from the previous data release's (sha256) unless --force",
            {data, code}, {"data_release.snapshot", "data_release.tag", "data_release.manifest"},
            [] { return make_data_changed(); }),
      action("data.export",
             "builds the snapshot from Postgres tables (atomic: temp file, then rename)",
             {data, code}, {"data_release.export", "data_release.snapshot"}),
      action("data.manifest", "writes manifest.json", {data, code},
             {"data_release.manifest", "data_release.ingestion_run_id",
              "data_release.upstream_version", "data_release.commit_message"}),
      action("data.report", "writes the validation report (JSON + Markdown) into reports_dir",
             {data, code}, {"data_release.reports_dir"}),
      check("data.committed",
            "the snapshot committed at HEAD matches its committed manifest (sha256)", {data, code},
            {"data_release.snapshot", "data_release.manifest", "data_release.tag"},
            [] { return make_data_committed(); }),
      check("version.next", "computes the next version; refuses one that exists or goes backwards",
            {code},
            {"code_release.tag", "code_release.branch", "code_release.changelog",
             "code_release.version_files", "code_release.commit_message",
             "code_release.maintenance_branches", "code_release.prerelease_start",
             "code_release.changelog_groups", "code_release.changelog_hide",
             "code_release.changelog_links", "packages"},
            [] { return make_version_next(); }),
      soft(check(
          "commits.conventional",
          "the commits since the last release follow Conventional Commits and the "
          "allowed types and scopes (hard with code_release.lint_commits = \"error\")",
          {code},
          {"code_release.lint_commits", "code_release.commit_types", "code_release.commit_scopes",
           "code_release.changelog_groups", "code_release.changelog_hide"},
          [] { return make_commits_conventional(nullptr); })),
      action("changelog.write",
             "writes the new section into the changelog file, above the newest release, in the "
             "file's own format",
             {code}, {"code_release.changelog", "code_release.changelog_links", "packages"}),
      action("version.files", "rewrites the version in code_release.version_files", {code},
             {"code_release.version_files", "packages"}),
      action("artifacts.checksums", "SHA256SUMS for code_release.artifacts", {code},
             {"code_release.artifacts"}),
      action("git.branch-create", "release branch from HEAD (or from a tag for hotfixes)",
             {code, data, rollback},
             {"code_release.branch", "data_release.branch", "project.remote"}),
      action("git.commit",
             "stages outputs (force-adding ignored ones) and commits, with the repository's "
             "commit hooks; signed when git's settings ask",
             {code, data},
             {"code_release.commit_message", "data_release.commit_message", "project.hooks",
              "code_release.sign", "data_release.sign"}),
      action("git.tag",
             "annotated tag(s); message from template plus Relctl-* trailers; signed when "
             "git's settings ask",
             {code, data},
             {"code_release.tag", "data_release.tag", "code_release.sign", "data_release.sign"}),
      action("git.push",
             "one atomic push of branch and tags (`git push --atomic`, the pre-push hook runs); "
             "undo everything local on rejection; Ctrl-C lets it finish",
             {code, data},
             {"project.remote", "project.token_env", "project.main_branch", "project.hooks"}),
      action("forge.release",
             "the forge release of the pushed tags: notes, prerelease flag, SHA256SUMS and "
             "artifacts as assets; adds only what is missing",
             {code, data, publish},
             {"forge.kind", "forge.api_url", "forge.token_env", "forge.repository",
              "code_release.artifacts", "project.remote"}),
      action("forge.pull-request",
             "opens the pull (merge) request of the pushed release branch (mode pr)", {code, data},
             {"forge.pr_title", "forge.labels", "forge.reviewers", "project.main_branch"}),
      check("forge.merged",
            "--finalize: the release's request is merged, HEAD has the merge, its checks passed",
            {code, data}, {"forge.require_checks", "project.main_branch"}),
      check("pg.connect", "connects (timeout), reports server version; password never shown",
            {data, code, migrate, baseline, promote, rollback},
            {"environments.*.database", "databases.*.url_env", "databases.*.connect_timeout",
             "data_release.export.database"},
            [] { return make_pg_connect(); }),
      check("pg.env-guard", "current_database() and markers match the environment's expectations",
            {data, code, migrate, baseline, promote, rollback},
            {"databases.*.expect_database", "databases.*.expect_vars", "environments.*.protected"},
            [] { return make_pg_env_guard(); }),
      action("pg.lock",
             "session advisory lock per environment, polled with a timeout; says who holds it",
             {migrate, baseline, promote, rollback}, {"project.name", "migrations.lock_timeout"}),
      check("pg.history",
            "applied migrations match the files: checksum, missing, unknown, out of order",
            {migrate, promote, rollback}, {"migrations.dir"}, [] { return make_pg_history(); }),
      check("pg.shadow",
            "scratch database: apply every migration from zero, run verify SQL, drop it",
            {promote, rollback},
            {"migrations.shadow", "migrations.dir", "migrations.transaction", "migrations.mixed",
             "schema_guard.app_version", "schema_guard.db_version_sql", "functions"},
            [] { return make_pg_shadow(); }),
      action("pg.migrate",
             "applies pending migrations from the release's tree, in one transaction by default",
             {migrate, promote, rollback},
             {"migrations.dir", "migrations.transaction", "migrations.mixed"}),
      action("pg.baseline",
             "records the migrations another tool applied (or every file up to --version) as "
             "applied",
             {baseline}, {"migrations.dir"}),
      check("pg.schema-guard",
            "app schema version vs database schema version: equal, or the database newer in "
            "minor or patch",
            {migrate, promote, rollback},
            {"schema_guard.app_version", "schema_guard.db_version_sql"},
            [] { return make_pg_schema_guard(); }),
      check("pg.functions", "canonical function signatures exist ([[functions]])",
            {migrate, promote, rollback}, {"functions"}, [] { return make_pg_functions(); }),
      check("pg.smoke", "runs the environment's smoke SQL file; any error fails",
            {promote, rollback}, {"environments.*.smoke"}, [] { return make_pg_smoke(); }),
      check("pg.checks", "[[db_checks]] against the live database, same grammar as data.checks",
            {promote, rollback}, {"db_checks"}, [] { return make_pg_checks(); }),
      check("env.order", "the release is deployed and verified in the environment before this one",
            {promote, rollback}, {"environments.*.after"}),
      check("env.soak", "it has been there at least `soak`", {promote, rollback},
            {"environments.*.after", "environments.*.soak"}),
      check("env.confirm", "the typed confirmation phrase for protected environments",
            {migrate, baseline, promote, rollback},
            {"environments.*.protected", "environments.*.confirm_phrase"},
            [] { return make_env_confirm(); }),
      check("deploy.current",
            "the release is not already the environment's current one; if it is, there is "
            "nothing to do and the run ends, passed",
            {promote}, {"environments.*.database"}),
      check("deploy.recheck",
            "under the environment's lock: the current release, rejection, order and soak read "
            "again; a release that became current meanwhile ends the run, passed",
            {promote, rollback},
            {"environments.*.database", "environments.*.after", "environments.*.soak"}),
      check("release.verify",
            "the tag exists, is annotated, its recorded checksums match its tree, and it is "
            "signed when required",
            {promote, rollback},
            {"code_release.tag", "data_release.snapshot", "data_release.manifest",
             "code_release.require_signature", "data_release.require_signature"}),
      action("deploy.record",
             "writes the deployment row in the environment's database and the ledger",
             {promote, rollback}, {"environments.*.database"}),
  };
  GateInfo deployment =
      action("forge.deployment", "records the forge deployment of the release to the environment",
             {promote, rollback}, {"forge.deployments"});
  deployment.severity = core::Severity::soft;
  all.push_back(std::move(deployment));
  GateInfo command =
      action("command.<id>",
             "a user command from [[gates.command]] (argv, no shell; timeout; output captured)",
             {code, data, promote, rollback}, {"gates.command"});
  command.per_entry = true;
  all.push_back(std::move(command));
  return all;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

}  // namespace

std::string GateInfo::kind_text() const {
  return per_entry ? "either" : std::string(core::to_string(kind));
}

std::string GateInfo::severity_text() const {
  return per_entry ? "either" : std::string(core::to_string(severity));
}

const std::vector<GateInfo>& registry() {
  static const std::vector<GateInfo> all = declare();
  return all;
}

const GateInfo* find_gate(std::string_view id) {
  const auto& all = registry();
  const std::string_view key = id.rfind("command.", 0) == 0 ? "command.<id>" : id;
  auto it = std::find_if(all.begin(), all.end(), [&](const auto& g) { return g.id == key; });
  return it == all.end() ? nullptr : &*it;
}

std::string registry_markdown() {
  std::string out =
      "| id | kind | severity | what it does | pipelines | config keys |\n"
      "|---|---|---|---|---|---|\n";
  for (const auto& g : registry()) {
    std::string keys;
    for (const auto& k : g.config_keys) keys += (keys.empty() ? "`" : ", `") + k + "`";
    out += "| `" + g.id + "` | " + g.kind_text() + " | " + g.severity_text() + " | " +
           g.description + " | " + joined(g.pipelines) + " | " + (keys.empty() ? "-" : keys) +
           " |\n";
  }
  return out;
}

RegisteredGate::RegisteredGate(std::string_view id) : info_(find_gate(id)) {
  if (!info_) throw std::logic_error("gate " + std::string(id) + " is not in the gate registry");
}

}  // namespace relctl::gates
