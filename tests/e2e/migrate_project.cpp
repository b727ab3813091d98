// The `relctl migrate` end-to-end fixtures (see migrate_project.hpp).

#include "e2e/migrate_project.hpp"

#include <fcntl.h>
#include <spawn.h>

#include <catch2/catch.hpp>

extern char** environ;

namespace relctl::test {

MigrateProject::MigrateProject(const std::string& admin_url, std::string extra_toml,
                               std::string migrations_toml)
    : db(admin_url), url(db.url()) {
  write_file(dir / "relctl.toml", R"([project]
name = "e2e"

[databases.app]
url_env = "APP_DB_URL"
expect_database = ")" + db.name() + R"("
connect_timeout = "3s"

[migrations]
dir = "migrations"
lock_timeout = "1s"
)" + migrations_toml + R"(
[environments.dev]
database = "app"
)" + extra_toml);
  fs::create_directories(dir / "migrations");
}

void MigrateProject::migration(const std::string& name, const std::string& sql) {
  write_file(dir / "migrations" / name, sql);
}

ProcessResult MigrateProject::relctl(const std::vector<std::string>& args, RunOptions o) {
  o.cwd = dir.path();
  if (!o.env.count("APP_DB_URL")) o.env["APP_DB_URL"] = url;
  return run_relctl(args, o);
}

std::string applied_scripts(ScratchDatabase& db) {
  return db.value(
      "SELECT coalesce(string_agg(script, ',' ORDER BY rank), '') FROM "
      "relctl.schema_history WHERE success");
}

std::string lock_holder(ScratchDatabase& db) {
  return db.value(
      "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
      "WHERE l.locktype = 'advisory' AND l.granted AND a.datname = current_database() LIMIT 1");
}

pid_t spawn_relctl(const fs::path& dir, const std::vector<std::string>& args,
                   const std::map<std::string, std::string>& env) {
  std::vector<std::string> argv{RELCTL_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<std::string> envs;
  for (char** e = environ; *e; ++e) envs.emplace_back(*e);
  for (const auto& [k, v] : env) envs.push_back(k + "=" + v);
  std::vector<char*> cargv, cenv;
  for (auto& a : argv) cargv.push_back(a.data());
  cargv.push_back(nullptr);
  for (auto& e : envs) cenv.push_back(e.data());
  cenv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  const std::string out = (dir / "holder.out").string();
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, out.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_addchdir_np(&actions, dir.c_str());
  pid_t pid = 0;
  REQUIRE(posix_spawn(&pid, cargv[0], &actions, nullptr, cargv.data(), cenv.data()) == 0);
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

}  // namespace relctl::test
