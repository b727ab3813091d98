// Malformed relctl.toml files, part 2: missing keys, values, durations, references: each must fail
// with exit code 2 and the exact message "<file>:<line>:<col>: <what>", plus a hint.

#include <catch2/catch.hpp>

#include "malformed.hpp"

namespace {

// Messages are compared in full: they are the user-facing contract.
const relctl::test::Malformed cases[] = {
    {"missing required key",
     R"x([databases.warehouse]
expect_database = "dw"
)x",
     R"x(relctl.toml:1:1: [databases.warehouse] is missing 'url_env')x",
     R"x(add url_env = "WAREHOUSE_URL": the variable hold)x"},
    {"missing required key in an array of tables",
     R"x([[gates.command]]
run = ["pytest"]
)x",
     R"x(relctl.toml:1:1: [[gates.command]] #1 is missing 'id')x",
     R"x(add id = "tests"; the gate is then called comman)x"},
    {"empty argv",
     R"x([[gates.command]]
id = "tests"
run = []
)x",
     R"x(relctl.toml:3:7: 'run' in [[gates.command]] #1 must start with the program to run)x",
     R"x(write the program and its arguments as a list (n)x"},
    {"bad enum value with a suggestion",
     R"x([[gates.command]]
id = "deploy"
run = ["./deploy.sh"]
phase = "deply"
)x",
     R"x(relctl.toml:4:9: 'phase' in [[gates.command]] #1 must be one of "verify", "build", "freeze", "deploy", "smoke", got "deply"; did you mean "deploy"?)x",
     R"x(write phase = "deploy")x"},
    {"bad enum value without a suggestion",
     R"x([migrations]
transaction = "never"
)x",
     R"x(relctl.toml:2:15: 'transaction' in [migrations] must be one of "all", "file", got "never")x",
     R"x(write transaction = "all")x"},
    {"bad duration unit",
     R"x([[gates.command]]
id = "tests"
run = ["pytest"]
timeout = "10x"
)x",
     R"x(relctl.toml:4:11: 'timeout' in [[gates.command]] #1 is not a valid duration ("10x"): unknown unit 'x' (use ms, s, m, h or d))x",
     R"x(write a whole number and a unit in quotes, e.g. )x"},
    {"negative duration",
     R"x([migrations]
lock_timeout = "-5s"
)x",
     R"x(relctl.toml:2:16: 'lock_timeout' in [migrations] is not a valid duration ("-5s"): durations cannot be negative)x",
     R"x(write a whole number and a unit in quotes, e.g. )x"},
    {"duration without a unit",
     R"x([databases.w]
url_env = "W_URL"
connect_timeout = "30"
)x",
     R"x(relctl.toml:3:19: 'connect_timeout' in [databases.w] is not a valid duration ("30"): '30' has no unit (ms, s, m, h or d))x",
     R"x(write a whole number and a unit in quotes, e.g. )x"},
    {"duration given as a number",
     R"x([migrations]
lock_timeout = 30
)x",
     R"x(relctl.toml:2:16: 'lock_timeout' in [migrations] must be a duration string, got integer)x",
     R"x(write a whole number and a unit in quotes, e.g. )x"},
    {"environment naming a missing database",
     R"x([databases.staging]
url_env = "STAGING_URL"
[environments.prod]
database = "prdo"
)x",
     R"x(relctl.toml:4:12: 'database' in [environments.prod] names "prdo", but there is no [databases.prdo])x",
     R"x(add a [databases.prdo] table, or use one of: sta)x"},
    {"environment after a missing environment",
     R"x([databases.db]
url_env = "DB_URL"
[environments.staging]
database = "db"
[environments.prod]
database = "db"
after = "stagin"
)x",
     R"x(relctl.toml:7:9: 'after' in [environments.prod] names "stagin", but there is no [environments.stagin]; did you mean "staging"?)x",
     R"x(add a [environments.stagin] table, or use one of)x"},
    {"environments after each other in a loop",
     R"x([databases.db]
url_env = "DB_URL"
[environments.a]
database = "db"
after = "b"
[environments.b]
database = "db"
after = "a"
)x",
     R"x(relctl.toml:5:9: 'after' in [environments.a] makes a loop: a -> b -> a)x",
     R"x('after' must point to an environment that comes )x"},
    {"confirm phrase on an unprotected environment",
     R"x([databases.db]
url_env = "DB_URL"
[environments.prod]
database = "db"
confirm_phrase = "YES"
)x",
     R"x(relctl.toml:5:18: 'confirm_phrase' in [environments.prod] is set but the environment is not protected)x",
     R"x(add protected = true (or remove confirm_phrase))x"},
    {"soak without after",
     R"x([databases.db]
url_env = "DB_URL"
[environments.prod]
database = "db"
soak = "1h"
)x",
     R"x(relctl.toml:5:8: 'soak' in [environments.prod] needs 'after': the soak is the time spent in the environment before this one)x",
     R"x(add after = "staging" (the environment the relea)x"},
    {"value source with two sources",
     R"x([data_release]
snapshot = "data/db.sqlite"
ingestion_run_id = { env = "RUN_ID", sql = "SELECT 1" }
)x",
     R"x(relctl.toml:3:20: 'ingestion_run_id' in [data_release] needs exactly one of env, sql or file, not both env and sql)x",
     R"x(write ingestion_run_id = { env = "..." } or { sq)x"},
    {"value source of the wrong kind",
     R"x([schema_guard]
app_version = { sql = "SELECT 1" }
db_version_sql = "SELECT 1"
)x",
     R"x(relctl.toml:2:17: 'app_version' in [schema_guard] cannot come from sql here)x",
     R"x(write app_version = { file = "..." } or { env = )x"},
    {"version file pattern without {version}",
     R"x([code_release]
version_files = [{ path = "pyproject.toml", pattern = "version = 1" }]
)x",
     R"x(relctl.toml:2:55: 'pattern' in version_files #1 of [code_release] must contain {version}: it is how relctl finds the version to replace)x",
     R"x(write { path = "pyproject.toml", pattern = 'vers)x"},
    {"unknown placeholder in a template",
     R"x([data_release]
snapshot = "data/db.sqlite"
tag = "data-{daet}"
)x",
     R"x(relctl.toml:3:7: 'tag' in [data_release] is not a valid template: unknown placeholder {daet}; known here: {date})x",
     R"x(placeholders are written {name}; write {{ and }})x"},
    {"unclosed brace in a template",
     R"x([data_release]
snapshot = "data/db.sqlite"
commit_message = "data {date"
)x",
     R"x(relctl.toml:3:18: 'commit_message' in [data_release] is not a valid template: '{' at offset 5 is never closed (write {{ for a literal brace))x",
     R"x(placeholders are written {name}; write {{ and }})x"},
    {"tag without {version}",
     R"x([code_release]
tag = "code-latest"
)x",
     R"x(relctl.toml:2:7: 'tag' in [code_release] must contain {version}, or every code release would get the same tag)x",
     R"x(write tag = "code-v{version}")x"},
    {"column check without a column",
     R"x([data_release]
snapshot = "data/db.sqlite"
[[data_release.checks]]
table = "castaways"
unique = true
)x",
     R"x(relctl.toml:5:10: 'unique' in [[data_release.checks]] #1 needs 'column')x",
     R"x(add column = "..." naming the column to check)x"},
    {"check without a table",
     R"x([data_release]
snapshot = "data/db.sqlite"
[[data_release.checks]]
column = "id"
not_null = true
)x",
     R"x(relctl.toml:3:1: [[data_release.checks]] #1 is missing 'table')x",
     R"x(add table = "..." naming the table to check (or )x"},
    {"check that checks nothing",
     R"x([data_release]
snapshot = "data/db.sqlite"
[[data_release.checks]]
table = "castaways"
)x",
     R"x(relctl.toml:3:1: [[data_release.checks]] #1 checks nothing)x",
     R"x(add one of row_count = { min = 1 }, unique = tru)x"},
    {"sql check mixed with another check",
     R"x([data_release]
snapshot = "data/db.sqlite"
[[data_release.checks]]
sql = "SELECT 1"
not_null = true
)x",
     R"x(relctl.toml:5:12: 'not_null' in [[data_release.checks]] #1 cannot be combined with 'sql' in one check)x",
     R"x(put the sql check and this one in separate entri)x"},
    {"row_count bounds the wrong way round",
     R"x([data_release]
snapshot = "data/db.sqlite"
[[data_release.checks]]
table = "t"
row_count = { min = 10, max = 5 }
)x",
     R"x(relctl.toml:5:31: 'max' in row_count of [[data_release.checks]] #1 is 5, less than min (10))x",
     R"x(swap them, or widen the range)x"},
    {"relationship missing its column",
     R"x([data_release]
snapshot = "data/db.sqlite"
[[data_release.checks]]
table = "votes"
column = "castaway_id"
relationship = { table = "castaways" }
)x",
     R"x(relctl.toml:6:16: relationship of [[data_release.checks]] #1 is missing 'column')x",
     R"x(write relationship = { table = "parent_table", c)x"},
    {"db_checks naming a missing environment",
     R"x([[db_checks]]
table = "ops.jobs"
row_count = { min = 1 }
environments = ["prod"]
)x",
     R"x(relctl.toml:4:16: 'environments' in [[db_checks]] #1 names "prod", but there is no [environments.prod])x",
     R"x(list environments defined in relctl.toml, or rem)x"},
    {"export from a missing database",
     R"x([data_release]
snapshot = "data/db.sqlite"
[data_release.export]
database = "warehouse"
)x",
     R"x(relctl.toml:4:12: 'database' in [data_release.export] names "warehouse", but there is no [databases.warehouse])x",
     R"x(add a [databases.warehouse] table with url_env)x"},
    {"duplicate command ids",
     R"x([[gates.command]]
id = "tests"
run = ["pytest"]
[[gates.command]]
id = "tests"
run = ["make", "test"]
)x",
     R"x(relctl.toml:5:6: [[gates.command]] #2: id "tests" is already used by [[gates.command]] #1)x",
     R"x(give every command gate its own id)x"},
    {"command joining an unknown pipeline",
     R"x([[gates.command]]
id = "tests"
run = ["pytest"]
commands = ["relase"]
)x",
     R"x(relctl.toml:4:12: 'commands' in [[gates.command]] #1 names "relase", which is not a pipeline command)x",
     R"x(use data-release, code-release, promote, rollbac)x"},
    {"require_data_release without [data_release]",
     R"x([code_release]
require_data_release = true
)x",
     R"x(relctl.toml:2:24: 'require_data_release' in [code_release] is true, but there is no [data_release] section)x",
     R"x(add a [data_release] section, or set require_dat)x"},
    {"ledger with both path and url_env",
     R"x([ledger]
path = ".relctl/ledger.db"
url_env = "LEDGER_URL"
)x",
     R"x(relctl.toml:3:11: [ledger] sets both 'path' and 'url_env'; the ledger is either a SQLite file or Postgres)x",
     R"x(keep path for the SQLite ledger, or url_env for )x"},
};

}  // namespace

TEST_CASE("malformed relctl.toml: missing keys, values, durations, references", "[config]") {
  for (const auto& c : cases) relctl::test::check_malformed(c);
}
