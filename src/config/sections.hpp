#pragma once
// One reader per relctl.toml section (SPEC §5). Each fills its part of the
// Config and fails with file:line:column on the first problem. They run in
// the order loader.cpp calls them, so later sections can check references
// to earlier ones ([environments] naming [databases], ...).

#include "reader.hpp"
#include "relctl/config/config.hpp"

namespace relctl::config::detail {

/// [project] and [ledger]; `folder` names the project when [project] has no name.
void read_project(const TableReader& root, const std::string& folder, Config& cfg);
void read_ledger(const TableReader& root, Config& cfg);
/// [migrations], [schema_guard] and [[functions]].
void read_migrations(const TableReader& root, Config& cfg);
void read_schema_guard(const TableReader& root, Config& cfg);
void read_functions(const TableReader& root, Config& cfg);
/// [databases.NAME] (before anything that names a database).
void read_databases(const TableReader& root, Config& cfg);
/// [environments.NAME] (after [databases]).
void read_environments(const TableReader& root, Config& cfg);
/// [data_release], [data_release.export], [[data_release.checks]] (after [databases]).
void read_data_release(const TableReader& root, Config& cfg);
/// [code_release] (after [data_release]).
void read_code_release(const TableReader& root, Config& cfg);
/// The `version_files` array of `r` ([code_release] or a [[packages]] entry).
std::vector<VersionFile> read_version_files(const TableReader& r, std::string_view owner);
/// [[packages]] (after [code_release], whose defaults they share).
void read_packages(const TableReader& root, Config& cfg);
/// [[gates.command]].
void read_commands(const TableReader& root, Config& cfg);
/// [forge].
void read_forge(const TableReader& root, Config& cfg);
/// [[db_checks]] (after [environments]).
void read_db_checks(const TableReader& root, Config& cfg);

/// One data check of the shared grammar; `environments` allowed for db_checks.
DataCheck read_check(const TableReader& r, std::size_t ordinal, bool db_check);

/// Fails on any string in the document holding a URL with a password.
void refuse_secrets(const Source& source, const toml::table& doc);

/// Sub-tables of `t` in the order they appear in the file (toml++ sorts keys).
std::vector<std::pair<std::string, const toml::node*>> in_file_order(const toml::table& t);

/// Names of databases and environments: letters, digits, '_' and '-'.
bool is_simple_name(std::string_view name);

}  // namespace relctl::config::detail
