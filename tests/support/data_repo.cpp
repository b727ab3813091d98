#include "support/data_repo.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "relctl/core/sha256.hpp"

namespace relctl::test::data {

void exec_sql(const fs::path& path, const std::string& sql) {
  SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  db.exec(sql);
}

void make_snapshot(const fs::path& path, const std::string& extra_sql, int castaways) {
  std::error_code ec;
  fs::remove(path, ec);
  fs::create_directories(path.parent_path());
  exec_sql(path, fmt::format(R"(
CREATE TABLE seasons (season_id INTEGER PRIMARY KEY, name TEXT NOT NULL, premiered TEXT NOT NULL);
CREATE TABLE castaways (
  castaway_id TEXT PRIMARY KEY,
  full_name TEXT NOT NULL,
  season_id INTEGER NOT NULL REFERENCES seasons(season_id),
  result TEXT NOT NULL);
CREATE TABLE votes (
  vote_id INTEGER PRIMARY KEY,
  castaway_id TEXT NOT NULL REFERENCES castaways(castaway_id),
  voted_for TEXT);
WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 10)
INSERT INTO seasons SELECT n, 'Season ' || n, date('2001-01-01', '+' || (n * 180) || ' days') FROM s;
WITH RECURSIVE c(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM c WHERE n < {0} - 1)
INSERT INTO castaways
SELECT printf('US%04d', n + 1), 'Castaway ' || (n + 1), n % 10 + 1,
       CASE WHEN n % 12 = 0 THEN 'Sole Survivor' ELSE 'Voted out' END FROM c;
INSERT INTO votes (castaway_id, voted_for)
SELECT castaway_id, printf('US%04d', (CAST(substr(castaway_id, 3) AS INTEGER) % {0}) + 1)
FROM castaways ORDER BY castaway_id;
{1}
)",
                             castaways, extra_sql));
}

void flip_bytes(const fs::path& path, std::uintmax_t offset, std::size_t count) {
  std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
  std::string bytes(count, '\0');
  f.seekg(static_cast<std::streamoff>(offset));
  f.read(bytes.data(), static_cast<std::streamsize>(count));
  for (auto& b : bytes) b = static_cast<char>(b ^ 0x5a);
  f.seekp(static_cast<std::streamoff>(offset));
  f.write(bytes.data(), static_cast<std::streamsize>(count));
}

std::uintmax_t leaf_page_offset(const fs::path& path, const std::string& table) {
  SQLite::Database db(path.string());
  const int page_size = db.execAndGet("PRAGMA page_size").getInt();
  SQLite::Statement q(db,
                      "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' "
                      "ORDER BY pageno LIMIT 1");
  q.bind(1, table);
  q.executeStep();
  return static_cast<std::uintmax_t>(q.getColumn(0).getInt() - 1) *
         static_cast<std::uintmax_t>(page_size);
}

std::string sha256sum(const fs::path& path) {
  const std::string out = sh("sha256sum '" + path.string() + "'");
  return out.substr(0, 64);
}

std::string default_checks() {
  return R"(
[[data_release.checks]]
table = "castaways"
row_count = { min = 10 }

[[data_release.checks]]
table = "castaways"
column = "castaway_id"
unique = true
not_null = true

[[data_release.checks]]
table = "castaways"
column = "result"
accepted_values = ["Sole Survivor", "Finalist", "Voted out"]

[[data_release.checks]]
table = "votes"
column = "voted_for"
relationship = { table = "castaways", column = "castaway_id" }

[[data_release.checks]]
name = "no_future_seasons"
sql = "SELECT * FROM seasons WHERE premiered > '2100-01-01'"
)";
}

std::string data_release_toml(const std::string& mode, const std::string& extra) {
  return fmt::format(R"([project]
name = "datatest"
main_branch = "main"
remote = "origin"
release_branches = ["main"]

[data_release]
snapshot = "data/snap.sqlite"
manifest = "data/manifest.json"
mode = "{}"
reports_dir = "reports"
ingestion_run_id = {{ env = "INGESTION_RUN_ID" }}
upstream_version = {{ file = "UPSTREAM_VERSION" }}
max_row_drop = 0.05
{}
{})",
                     mode, extra, default_checks());
}

DataRepo::DataRepo(const std::string& toml_sections)
    : origin_(tmp_ / "origin.git"), work_(tmp_ / "work") {
  sh("git init -q --bare -b main origin.git && git init -q -b main work", tmp_.path());
  write_file(work_ / "relctl.toml", toml_sections);
  write_file(work_ / ".gitignore", "*.sqlite\n");
  write_file(work_ / "UPSTREAM_VERSION", "survivoR 2.3.1\n");
  write_file(work_ / "README.md", "data project\n");
  git("git config user.name Test && git config user.email test@example.com && git add -A && "
      "git commit -q -m 'chore: start' && git remote add origin ../origin.git && "
      "git push -q -u origin main");
  make_snapshot(snapshot());
}

ProcessResult DataRepo::relctl(const std::vector<std::string>& args,
                               std::map<std::string, std::string> env) const {
  RunOptions o;
  o.env = std::move(env);
  return relctl_with(args, std::move(o));
}

ProcessResult DataRepo::relctl_with(const std::vector<std::string>& args, RunOptions o) const {
  o.cwd = work_;
  std::map<std::string, std::string> env = {{"HOME", tmp_.path().string()},
                                            {"GIT_CONFIG_NOSYSTEM", "1"},
                                            {"INGESTION_RUN_ID", "run-42"},
                                            {"TZ", "UTC"}};
  for (auto& [k, v] : o.env) env[k] = v;
  o.env = std::move(env);
  return run_relctl(args, o);
}

std::string DataRepo::git(const std::string& command) const {
  return sh(command, work_);
}

std::string DataRepo::origin_git(const std::string& command) const {
  return sh(command, origin_);
}

void DataRepo::set_config(const std::string& toml_sections) {
  write_file(work_ / "relctl.toml", toml_sections);
  git("git commit -q -am 'chore: config' && git push -q origin main");
}

fs::path DataRepo::clone(const std::string& name) const {
  sh("git clone -q origin.git " + name + " && cd " + name +
         " && git config user.name Reviewer && git config user.email reviewer@example.com",
     tmp_.path());
  return tmp_ / name;
}

RepoState capture(const DataRepo& repo) {
  RepoState s;
  s.refs = repo.git("git for-each-ref --format='%(refname) %(objectname)'");
  s.head = repo.git("git symbolic-ref -q HEAD; git rev-parse HEAD");
  s.index = core::sha256_hex(read_file(repo.work() / ".git/index"));
  s.objects = repo.git("find .git/objects -type f | sort");
  std::vector<std::string> files;
  for (auto it = fs::recursive_directory_iterator(repo.work()); it != fs::end(it); ++it) {
    const auto rel = fs::relative(it->path(), repo.work()).generic_string();
    if (rel == ".git" || rel == ".relctl") {
      it.disable_recursion_pending();
      continue;
    }
    files.push_back(rel + (it->is_regular_file() ? " " + core::sha256_hex(read_file(it->path()))
                                                 : std::string("/")));
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) s.files += f + "\n";
  s.origin_refs = repo.origin_git("git for-each-ref --format='%(refname) %(objectname)'");
  return s;
}

}  // namespace relctl::test::data
