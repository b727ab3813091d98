#pragma once
// relctl.toml as typed structs (SPEC §5). The loader (loader.hpp) fills and
// validates them; everything after loading works on these, never on TOML.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace relctl::config {

using Duration = std::chrono::milliseconds;

struct Project {
  std::string name;
  std::string main_branch = "main";
  std::string remote = "origin";
  std::vector<std::string> release_branches = {"main"};  // glob patterns
  std::string token_env;  // variable holding an HTTPS push token (optional)
  /// "run": the repository's git hooks run around relctl's commits and
  /// pushes, as git runs them; "skip": none runs (and the run says so).
  std::string hooks = "run";
};

struct LedgerConfig {
  std::string path = ".relctl/ledger.db";
  std::string url_env;  // when set: Postgres ledger, URL read from this variable
};

struct Database {
  std::string name;  // the key under [databases]
  std::string url_env;
  std::string expect_database;
  std::map<std::string, std::string> expect_vars;
  Duration connect_timeout = std::chrono::seconds(10);
};

/// `{ env = "X" }`, `{ sql = "SELECT ..." }` or `{ file = "PATH" }`.
struct ValueSource {
  enum class From { none, env, sql, file };
  From from = From::none;
  std::string value;
  bool empty() const { return from == From::none; }
};

struct RowCount {
  std::optional<std::int64_t> min;
  std::optional<std::int64_t> max;
};

struct Relationship {
  std::string table;
  std::string column;
};

enum class CheckSeverity { error, warn };

/// One `[[data_release.checks]]` or `[[db_checks]]` entry.
struct DataCheck {
  std::string name;  // given, or derived ("castaways.castaway_id unique")
  std::string table;
  std::string column;
  std::optional<RowCount> row_count;
  bool unique = false;
  bool not_null = false;
  std::vector<std::string> accepted_values;
  std::optional<Relationship> relationship;
  std::string sql;  // custom: rows returned = failure
  CheckSeverity severity = CheckSeverity::error;
  std::vector<std::string> environments;  // db_checks only; empty = every environment
};

struct Export {
  std::string database;
  std::string schema = "public";
  std::vector<std::string> tables = {"*"};
  std::vector<std::string> exclude;
  std::string numeric = "text";                 // text | real
  std::map<std::string, std::string> type_map;  // postgres type -> sqlite type
};

/// How a release reaches the main branch: `direct` commits and tags on it at
/// once; `pr` pushes a release branch for review and --finalize tags the
/// merge commit.
enum class Mode { direct, pr };

struct DataRelease {
  std::string snapshot;
  std::string manifest;
  std::string tag = "data-{date}";
  std::string branch = "data-release/{date}";
  Mode mode = Mode::pr;
  std::string reports_dir = "run_logs/validation";
  ValueSource ingestion_run_id;
  ValueSource upstream_version;
  double max_row_drop = 0.05;
  bool allow_schema_break = false;
  std::string integrity = "full";  // full | quick
  std::string commit_message =
      "data: Release {date}\n\nIngestion run: {manifest.ingestion_run_id}\n"
      "Tables exported: {manifest.table_count}";
  std::optional<Export> export_;
  std::vector<DataCheck> checks;
  bool sign = false;               // sign the release commit and tag even without git's settings
  bool require_signature = false;  // release.verify: the tag must carry a valid signature
};

struct VersionFile {
  std::string path;
  std::string pattern;  // contains {version}
};

/// One heading of a changelog section and the commit types listed under
/// it: "!" stands for breaking changes, "*" for every type no other group lists.
struct ChangelogGroup {
  std::string title;
  std::vector<std::string> types;
};

/// The changelog's groups by default: Breaking changes, Features, Fixes,
/// Performance, Other.
std::vector<ChangelogGroup> default_changelog_groups();

struct CodeRelease {
  Mode mode = Mode::direct;
  std::string tag = "code-v{version}";
  std::string branch = "release/v{version}";
  std::string changelog = "CHANGELOG.md";
  std::string commit_message = "chore(release): {version}";
  std::vector<VersionFile> version_files;
  std::vector<std::string> artifacts;
  bool require_data_release = false;
  bool sign = false;               // sign the release commit and tag even without git's settings
  bool require_signature = false;  // release.verify: the tag must carry a valid signature
  /// Branches that maintain an older line ("1.x", "release/*.x", "maint/*"):
  /// they may release, inside the range their name gives.
  std::vector<std::string> maintenance_branches;
  std::uint64_t prerelease_start = 1;  // `--pre beta` starts at beta.1 (or beta.0)
  std::vector<ChangelogGroup> changelog_groups = default_changelog_groups();
  std::vector<std::string> changelog_hide = {"data"};  // commit types never listed
  bool changelog_links = true;  // commit and compare links when the remote is a web host
  /// commits.conventional: "warn" (default), "error" (fails the release) or "off".
  std::string lint_commits = "warn";
  /// Commit types allowed besides the standard ones (feat, fix, docs, ...)
  /// and those changelog_groups and changelog_hide name.
  std::vector<std::string> commit_types;
  std::vector<std::string> commit_scopes;  // allowed scopes; empty: any scope
};

/// One [[packages]] entry of a monorepo: released on its own version line
/// from the commits that touch its paths.
struct Package {
  std::string name;
  std::vector<std::string> paths;  // globs relative to relctl.toml's folder
  std::string tag = "{name}-v{version}";
  std::vector<VersionFile> version_files;
  std::string changelog;  // default: CHANGELOG.md in its first path
};

enum class Phase { verify, build, freeze, deploy, smoke };

struct CommandGate {
  std::string id;  // gate id is "command.<id>"
  std::vector<std::string> run;
  std::vector<std::string> commands;  // subcommands it joins; empty = all
  Phase phase = Phase::verify;
  bool soft = false;  // severity = "soft"
  Duration timeout = std::chrono::minutes(10);
  bool dry_run = false;                    // also runs in dry runs
  std::map<std::string, std::string> env;  // set for the command (values are templates)
  // relctl's own variables passed on although they hold database URLs or
  // look secret (`env = ["DEPLOY_TOKEN"]`); those not named are withheld.
  std::vector<std::string> pass_env;
  std::string cwd;
};

struct Migrations {
  std::string dir = "migrations";
  std::string transaction = "all";  // all | file
  Duration lock_timeout = std::chrono::seconds(30);
  bool shadow = false;
  bool mixed = false;  // files with statements that cannot run in a transaction run outside one
};

struct SchemaGuard {
  ValueSource app_version;
  std::string db_version_sql;
};

struct Function {
  std::string name;  // schema-qualified or not
  std::vector<std::string> args;
};

/// [forge]: the GitHub or GitLab project that gets the releases, pull
/// requests, preview comments and deployments. Every key is optional: the
/// forge and the project are found from the remote's URL.
struct Forge {
  std::string kind;               // "github" | "gitlab"; "" = from the remote's host
  std::string api_url;            // "" = GITHUB_API_URL / CI_API_V4_URL, else from the remote
  std::string token_env;          // "" = GITHUB_TOKEN, GH_TOKEN / GITLAB_TOKEN, CI_JOB_TOKEN
  std::string repository;         // "owner/name" ("group/sub/name"); "" = from the remote's URL
  bool deployments = false;       // promote and rollback record forge deployments
  bool require_checks = false;    // --finalize: the request's checks must have passed
  bool comment_previews = false;  // dry runs under CI comment on their pull request
  std::string pr_title = "Release {tag}";
  std::vector<std::string> labels;     // put on the pull request
  std::vector<std::string> reviewers;  // users, or "org/team" for a GitHub team
};

struct Environment {
  std::string name;
  std::string database;  // a key of [databases]
  std::string smoke;     // path of a SQL file
  std::string after;     // environment that must have the release first
  Duration soak = Duration::zero();
  bool is_protected = false;
  std::string confirm_phrase;
};

struct Config {
  std::filesystem::path file;  // the relctl.toml that was loaded
  std::filesystem::path root;  // its folder: relative paths start here

  Project project;
  LedgerConfig ledger;
  std::vector<Database> databases;
  std::optional<DataRelease> data_release;
  std::optional<CodeRelease> code_release;
  std::vector<Package> packages;  // empty: the project is one package
  std::vector<CommandGate> commands;
  Migrations migrations;
  std::optional<SchemaGuard> schema_guard;
  std::vector<Function> functions;
  std::vector<DataCheck> db_checks;
  std::vector<Environment> environments;
  std::optional<Forge> forge;  // no [forge]: relctl stops at the push

  const Database* find_database(std::string_view name) const;
  const Environment* find_environment(std::string_view name) const;
  const Package* find_package(std::string_view name) const;
};

std::string_view to_string(Phase p);
/// "direct" | "pr", as written in relctl.toml.
std::string_view to_string(Mode m);

}  // namespace relctl::config
