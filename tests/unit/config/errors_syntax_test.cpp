// Malformed relctl.toml files, part 1: syntax, unknown keys, secrets and types: each must fail with
// exit code 2 and the exact message "<file>:<line>:<col>: <what>", plus a hint.

#include <catch2/catch.hpp>

#include "malformed.hpp"

namespace {

// Messages are compared in full: they are the user-facing contract.
const relctl::test::Malformed cases[] = {
    {"TOML syntax error: unclosed table header",
     R"x([project
name = "x"
)x",
     R"x(relctl.toml:1:9: invalid TOML: Error while parsing table header: expected ']', saw '\n')x",
     R"x(fix the syntax at that spot (https://toml.io des)x"},
    {"TOML syntax error: unquoted string",
     R"x([project]
name = gamebot
)x",
     R"x(relctl.toml:2:8: invalid TOML: Error while parsing value: could not determine value type)x",
     R"x(fix the syntax at that spot (https://toml.io des)x"},
    {"TOML syntax error: duplicate key",
     R"x([project]
name = "a"
name = "b"
)x",
     R"x(relctl.toml:3:8: invalid TOML: Error while parsing key-value pair: cannot redefine existing string 'name')x",
     R"x(fix the syntax at that spot (https://toml.io des)x"},
    {"unknown key with a close match",
     R"x([project]
nmae = "gamebot"
)x",
     R"x(relctl.toml:2:1: unknown key 'nmae' in [project]; did you mean 'name'?)x",
     R"x(rename it to 'name')x"},
    {"unknown key matched by a part of the real name",
     R"x([project]
branches = ["main"]
)x",
     R"x(relctl.toml:2:1: unknown key 'branches' in [project]; did you mean 'release_branches'?)x",
     R"x(rename it to 'release_branches')x"},
    {"unknown key without a close match lists the known keys",
     R"x([migrations]
foo = 1
)x",
     R"x(relctl.toml:2:1: unknown key 'foo' in [migrations])x",
     R"x(remove it; [migrations] knows: dir, transaction,)x"},
    {"unknown section",
     R"x([enviroments.prod]
database = "prod"
)x",
     R"x(relctl.toml:1:2: unknown section [enviroments]; did you mean [environments]?)x",
     R"x(rename it to [environments])x"},
    {"unknown array of tables",
     R"x([[function]]
name = "f"
)x",
     R"x(relctl.toml:1:3: unknown section [function]; did you mean [functions]?)x",
     R"x(rename it to [functions])x"},
    {"project key above every section",
     R"x(name = "gamebot"
)x",
     R"x(relctl.toml:1:1: unknown key 'name' at the top level; did you mean 'name' in [project]?)x",
     R"x(write [project] on a line above it)x"},
    {"connection string under [databases] points to url_env",
     R"x([databases.warehouse]
url = "postgres://etl:hunter2@db.example.com/dw"
)x",
     R"x(relctl.toml:2:1: unknown key 'url' in [databases.warehouse]; did you mean 'url_env'?)x",
     R"x(connection strings and passwords never go in rel)x"},
    {"url_env holding the URL itself",
     R"x([databases.warehouse]
url_env = "postgres://etl:hunter2@db.example.com/dw"
)x",
     R"x(relctl.toml:2:11: 'url_env' in [databases.warehouse] must name an environment variable, not hold the connection string)x",
     R"x(put the connection string in a variable (or .env)x"},
    {"a password anywhere else",
     R"x([[gates.command]]
id = "load"
run = ["./load.sh"]
env = { DATABASE_URL = "postgres://etl:hunter2@db/dw" }
)x",
     R"x(relctl.toml:4:24: 'DATABASE_URL' holds a connection string with a password; secrets never go in relctl.toml)x",
     R"x(put it in an environment variable (or .env, not )x"},
    {"wrong type: number given as a string",
     R"x([data_release]
snapshot = "data/db.sqlite"
max_row_drop = "5%"
)x",
     R"x(relctl.toml:3:16: 'max_row_drop' in [data_release] must be a number, got string)x",
     R"x(write a number without quotes, e.g. max_row_drop)x"},
    {"wrong type: boolean given as a string",
     R"x([migrations]
shadow = "yes"
)x",
     R"x(relctl.toml:2:10: 'shadow' in [migrations] must be a boolean, got string)x",
     R"x(write shadow = true or shadow = false, without q)x"},
    {"wrong type: argv given as one string",
     R"x([[gates.command]]
id = "tests"
run = "pytest -q"
)x",
     R"x(relctl.toml:3:7: 'run' in [[gates.command]] #1 must be an array of strings, got string)x",
     R"x(write it as a list of strings: run = ["a", "b"])x"},
    {"wrong type: array item",
     R"x([project]
release_branches = ["main", 3]
)x",
     R"x(relctl.toml:2:29: item 2 of 'release_branches' in [project] must be a string, got integer)x",
     R"x(write it as a list of strings: release_branches )x"},
    {"wrong type: single table where an array of tables is needed",
     R"x([data_release]
snapshot = "data/db.sqlite"
[data_release.checks]
table = "castaways"
)x",
     R"x(relctl.toml:3:1: 'checks' in [data_release] must be an array of tables, got table)x",
     R"x(write one [[data_release.checks]] block per entr)x"},
    {"number out of range",
     R"x([data_release]
snapshot = "data/db.sqlite"
max_row_drop = 5
)x",
     R"x(relctl.toml:3:16: 'max_row_drop' in [data_release] must be between 0 and 1, got 5)x",
     R"x(it is a fraction: 0.05 allows a table to lose up)x"},
};

}  // namespace

TEST_CASE("malformed relctl.toml: syntax, unknown keys, secrets, types", "[config]") {
  for (const auto& c : cases) relctl::test::check_malformed(c);
}
