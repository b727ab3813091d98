#pragma once
// A relctl.toml that sets every key relctl reads, with every kind of
// section (data release with an export, code release, command gates of every
// phase, databases, protected environments, migrations with a shadow
// database, schema guard, functions, live checks). config::parse accepts
// it, so it also proves that each key it holds is a real key.

namespace relctl::test {

inline const char* full_config_toml() {
  return R"toml([project]
name = "full"
main_branch = "main"
remote = "origin"
release_branches = ["main", "release/*"]
token_env = "PUSH_TOKEN"
hooks = "run"

[ledger]
path = ".relctl/ledger.db"

[databases.warehouse]
url_env = "WAREHOUSE_URL"
expect_database = "dw"
expect_vars = { DW_ENV = "prod" }
connect_timeout = "5s"

[databases.app]
url_env = "APP_URL"
expect_database = "app"

[data_release]
snapshot = "data/snap.sqlite"
manifest = "data/manifest.json"
tag = "data-{date}"
branch = "data-release/{date}"
mode = "pr"
reports_dir = "reports"
ingestion_run_id = { env = "INGESTION_RUN_ID" }
upstream_version = { file = "UPSTREAM" }
max_row_drop = 0.1
allow_schema_break = false
integrity = "quick"
commit_message = "data: {date}"
sign = true
require_signature = true

[data_release.export]
database = "warehouse"
schema = "gold"
tables = ["*"]
exclude = ["tmp_*"]
numeric = "text"
type_map = { money = "TEXT" }

[[data_release.checks]]
table = "castaways"
row_count = { min = 1 }

[code_release]
mode = "pr"
tag = "code-v{version}"
branch = "release/v{version}"
changelog = "CHANGELOG.md"
commit_message = "chore(release): {version}"
version_files = [{ path = "pyproject.toml", pattern = 'version = "{version}"' }]
artifacts = ["dist/*"]
require_data_release = false
maintenance_branches = ["*.x", "maint/*"]
prerelease_start = 1
changelog_groups = [{ title = "Features", types = ["feat"] }, { title = "Other", types = ["*"] }]
changelog_hide = ["data", "chore"]
changelog_links = true
lint_commits = "error"
commit_types = ["deps"]
commit_scopes = ["api", "web"]
sign = false
require_signature = false

[[packages]]
name = "api"
path = ["services/api", "shared/*.py"]
tag = "{name}-v{version}"
version_files = [{ path = "services/api/VERSION", pattern = "{version}" }]
changelog = "services/api/CHANGELOG.md"

[[gates.command]]
id = "tests"
run = ["true"]
phase = "verify"
[[gates.command]]
id = "build"
run = ["true"]
commands = ["code-release"]
phase = "build"
[[gates.command]]
id = "freeze"
run = ["true"]
commands = ["promote"]
phase = "freeze"
severity = "soft"
timeout = "1m"
[[gates.command]]
id = "deploy"
run = ["true"]
commands = ["promote"]
phase = "deploy"
env = { TARGET = "{env}" }
cwd = "."
[[gates.command]]
id = "smoke"
run = ["true"]
commands = ["promote"]
phase = "smoke"
dry_run = true

[migrations]
dir = "migrations"
transaction = "all"
lock_timeout = "5s"
shadow = true
mixed = false

[schema_guard]
app_version = { file = "SCHEMA_VERSION" }
db_version_sql = "SELECT version FROM app.schema_version"

[[functions]]
name = "ops.claim"
args = ["text"]

[[db_checks]]
table = "ops.jobs"
column = "status"
accepted_values = ["pending", "done"]
environments = ["prod"]

[environments.staging]
database = "app"
smoke = "smoke.sql"

[environments.prod]
database = "app"
smoke = "smoke.sql"
after = "staging"
soak = "1h"
protected = true
confirm_phrase = "SHIP IT"

[forge]
kind = "github"
api_url = "https://github.example.com/api/v3"
token_env = "FORGE_TOKEN"
repository = "acme/full"
deployments = true
require_checks = true
comment_previews = true
pr_title = "Release {tag} ({date})"
labels = ["release"]
reviewers = ["alice", "acme/releasers"]
)toml";
}

}  // namespace relctl::test
