#include "support/pg_database.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <random>

#include "relctl/core/run_id.hpp"
#include "relctl/pg/connections.hpp"

namespace relctl::test {

namespace {

std::unique_ptr<pg::Connection> connect(const std::string& url, core::Redactor& redactor) {
  pg::ConnectOptions o;
  o.conninfo = url;
  o.label = "test database";
  o.application_name = "relctl-tests";
  return pg::Connection::open(o, redactor);
}

}  // namespace

std::optional<std::string> pg_or_skip() {
  auto url = pg_url();
  if (!url) WARN("RELCTL_TEST_PG_URL is not set: skipping (scripts/test.sh starts a cluster)");
  return url;
}

std::string with_database(const std::string& url, const std::string& dbname) {
  const auto query = url.find('?');
  const std::string base = url.substr(0, query);
  const auto slash = base.rfind('/');
  return base.substr(0, slash + 1) + dbname + (query == std::string::npos ? "" : url.substr(query));
}

pg::Rows admin_sql(const std::string& admin_url, const std::string& sql) {
  core::Redactor r;
  return connect(admin_url, r)->query(sql);
}

TempRole::TempRole(std::string admin_url, const std::string& prefix)
    : admin_url_(std::move(admin_url)) {
  std::random_device rd;
  name_ = prefix + "_" + std::to_string(rd() % 1000000);
  admin_sql(admin_url_, "CREATE ROLE " + name_ + " NOLOGIN");
}

TempRole::~TempRole() {
  try {
    admin_sql(admin_url_, "DROP ROLE IF EXISTS " + name_);
  } catch (...) {
    // The cluster is thrown away after the run anyway.
  }
}

ScratchDatabase::ScratchDatabase(std::string admin_url) : admin_url_(std::move(admin_url)) {
  std::random_device rd;
  name_ = "relctl_it_" + std::to_string(rd()) + std::to_string(rd() % 1000);
  admin_sql(admin_url_, "CREATE DATABASE " + name_);
  conn_ = connect(url(), redactor_);
}

ScratchDatabase::~ScratchDatabase() {
  conn_.reset();
  try {
    admin_sql(admin_url_, "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  } catch (...) {
    // The cluster is thrown away after the run anyway.
  }
}

pg::Rows ScratchDatabase::sql(const std::string& sql, const pg::Params& params) {
  return conn_->query(sql, params);
}

std::string ScratchDatabase::value(const std::string& sql, const pg::Params& params) {
  return conn_->query_value(sql, params).value_or("");
}

std::string ScratchDatabase::fingerprint() {
  std::string out;
  for (const auto& r : sql("SELECT table_schema || '.' || table_name || '.' || column_name || ':' "
                           "|| data_type FROM information_schema.columns "
                           "WHERE table_schema NOT IN ('pg_catalog', 'information_schema') "
                           "ORDER BY 1")) {
    out += r[0].value_or("") + "\n";
  }
  for (const auto& r : sql("SELECT nspname FROM pg_namespace ORDER BY 1")) {
    out += "schema " + r[0].value_or("") + "\n";
  }
  if (value("SELECT to_regclass('relctl.schema_history') IS NOT NULL") == "t") {
    for (const auto& r : sql("SELECT row(h.*)::text FROM relctl.schema_history h ORDER BY rank")) {
      out += r[0].value_or("") + "\n";
    }
  }
  if (value("SELECT to_regclass('relctl.deployments') IS NOT NULL") == "t") {
    for (const auto& r : sql("SELECT row(d.*)::text FROM relctl.deployments d ORDER BY id")) {
      out += r[0].value_or("") + "\n";
    }
  }
  return out;
}

PgProject::PgProject(const std::string& admin_url) : db(admin_url) {
  cfg.file = dir / "relctl.toml";
  cfg.root = dir.path();
  cfg.project.name = "it";
  config::Database main;
  main.name = "main";
  main.url_env = "RELCTL_IT_MAIN_URL";
  main.connect_timeout = std::chrono::seconds(5);
  cfg.databases.push_back(main);
  setenv("RELCTL_IT_MAIN_URL", db.url().c_str(), 1);
  config::Environment dev;
  dev.name = "dev";
  dev.database = "main";
  cfg.environments.push_back(dev);
  cfg.migrations.dir = "migrations";
  cfg.migrations.lock_timeout = std::chrono::seconds(2);
  fs::create_directories(dir / "migrations");
}

PgProject::~PgProject() {
  unsetenv("RELCTL_IT_MAIN_URL");
}

void PgProject::migration(const std::string& name, const std::string& sql) {
  write_file(dir / "migrations" / name, sql);
}

std::string PgProject::history() {
  return db.value(
      "SELECT coalesce(string_agg(script || ':' || status || ':' || tx_mode, ',' ORDER BY rank), "
      "'') FROM relctl.schema_history");
}

core::RunResult PgProject::run(std::vector<std::unique_ptr<core::Gate>> gates, bool dry_run,
                               const std::string& env) {
  core::Options o;
  o.dry_run = dry_run;
  core::Context ctx(o, &cfg, clock, reporter, redactor);
  ctx.run_id = core::new_run_id(clock.now());
  last_run_id = ctx.run_id;
  ctx.command = "test";
  ctx.work_dir = dir.path();
  ctx.config_root = cfg.root;
  ctx.release.env = env;
  pg::Connections connections(cfg, ctx.run_id, redactor);
  ctx.pg = &connections;
  core::Pipeline pipeline;
  for (auto& g : gates) pipeline.push_back(std::move(g));
  auto result = core::run_pipeline(ctx, pipeline);
  connections.release_locks();
  return result;
}

core::GateResult PgProject::run_one(std::unique_ptr<core::Gate> gate, bool dry_run,
                                    const std::string& env) {
  std::vector<std::unique_ptr<core::Gate>> gates;
  gates.push_back(std::move(gate));
  return run(std::move(gates), dry_run, env).gates.at(0);
}

}  // namespace relctl::test
