// The relctl.toml `relctl init` writes, and the look around the project
// folder that fills in its guesses.

#include "relctl/config/starter.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <tuple>

namespace relctl::config {

namespace fs = std::filesystem;

namespace {

constexpr int max_depth = 5;

bool skipped_folder(const std::string& name) {
  return name.empty() || name.front() == '.' || name.rfind("build", 0) == 0 ||
         name == "node_modules";
}

bool has_sqlite_header(const fs::path& file) {
  static constexpr char magic[] = "SQLite format 3";  // 16 bytes with its NUL
  char head[sizeof magic] = {};
  std::ifstream in(file, std::ios::binary);
  return in.read(head, sizeof head) && std::equal(head, head + sizeof head, magic);
}

bool is_snapshot(const fs::path& file) {
  const auto ext = file.extension().string();
  if (ext == ".sqlite" || ext == ".sqlite3") return true;
  return ext == ".db" && has_sqlite_header(file);
}

// A TOML basic string holding `s`.
std::string toml_string(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += fmt::format("\\u{:04X}", static_cast<unsigned char>(c));
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// Builds the file line by line; `example` lines are commented out unless
// examples are active, and comments line up in one column.
class Writer {
 public:
  explicit Writer(bool examples_active) : active_(examples_active) {}

  void text(std::string_view comment) { out_ += fmt::format("# {}\n", comment); }
  void blank() { out_ += "\n"; }
  void live(std::string_view line, std::string_view comment = {}) { put("", line, comment); }
  void example(std::string_view line, std::string_view comment = {}) {
    put(active_ ? "" : "# ", line, comment);
  }
  std::string str() const { return out_; }

 private:
  void put(std::string_view prefix, std::string_view line, std::string_view comment) {
    std::string l = std::string(prefix) + std::string(line);
    if (!comment.empty()) {
      l.resize(std::max<std::size_t>(l.size() + 1, 34), ' ');
      l += "# " + std::string(comment);
    }
    out_ += l + "\n";
  }

  bool active_;
  std::string out_;
};

void write_data_release(Writer& w, const StarterGuess& g) {
  w.text("--- data release: a packaged SQLite snapshot (`relctl data-release`) ---");
  const bool found = !g.snapshot.empty();
  const std::string snapshot = found ? g.snapshot : "data/snapshot.sqlite";
  const auto manifest = (fs::path(snapshot).parent_path() / "manifest.json").generic_string();
  auto line = [&](std::string_view l, std::string_view c = {}) {
    found ? w.live(l, c) : w.example(l, c);
  };
  if (!found) w.text("No SQLite file found; uncomment and fill in to release one.");
  line("[data_release]");
  line(fmt::format("snapshot = {}", toml_string(snapshot)), found ? "found by relctl init" : "");
  line(fmt::format("manifest = {}", toml_string(manifest)), "written next to the snapshot");
  line("tag = \"data-{date}\"", "{date} = UTC date, YYYYMMDD");
  line("branch = \"data-release/{date}\"");
  line("mode = \"pr\"", "\"pr\": branch for review; \"direct\": tag at once");
  line("reports_dir = \"run_logs/validation\"");
  line("max_row_drop = 0.05", "a table may lose at most 5% of rows");
  line("allow_schema_break = false", "removed/retyped columns fail");
  w.example("ingestion_run_id = { env = \"INGESTION_RUN_ID\" }", "or { sql = \"SELECT ...\" }");
  w.example("upstream_version = { env = \"UPSTREAM_VERSION\" }");
  w.blank();
  w.text("Checks on the snapshot; any row an sql check returns is a failure.");
  w.example("[[data_release.checks]]");
  w.example("table = \"my_table\"");
  w.example("row_count = { min = 1 }");
  w.example("[[data_release.checks]]");
  w.example("table = \"my_table\"");
  w.example("column = \"id\"");
  w.example("unique = true");
  w.example("not_null = true");
  w.blank();
}

void write_code_release(Writer& w, const StarterGuess& g) {
  w.text("--- code release: version, changelog, tag (`relctl code-release`) ---");
  const bool found = !g.code_tag.empty();
  if (found) {
    w.text("The existing release tags follow the tag template below: releases continue them.");
    w.live("[code_release]");
    w.live(fmt::format("tag = {}", toml_string(g.code_tag)), "found by relctl init");
  } else {
    w.example("[code_release]");
    w.example("tag = \"code-v{version}\"", "or \"v{version}\", \"{name}@{version}\", ...");
  }
  w.example("mode = \"direct\"", "\"pr\": push release/vX.Y.Z, tag with --finalize");
  w.example("branch = \"release/v{version}\"");
  w.example("changelog = \"CHANGELOG.md\"");
  w.example("version_files = [{ path = \"pyproject.toml\", pattern = 'version = \"{version}\"' }]");
  w.example("artifacts = [\"dist/*\"]", "SHA256SUMS is written for these");
  w.example("require_data_release = false", "true: every code release carries a data one");
  w.example("maintenance_branches = [\"*.x\"]", "1.x, 1.2.x release inside their range");
  w.example("prerelease_start = 1", "--pre beta: beta.1, beta.2 (0: beta.0 first)");
  w.example("changelog_hide = [\"data\"]", "commit types the changelog leaves out");
  w.example("changelog_links = true", "commit and compare links from the remote's URL");
  w.example("lint_commits = \"warn\"", "non-conventional commits: \"error\" fails the release");
  w.example("commit_scopes = [\"api\", \"cli\"]", "the scopes commits may name (default: any)");
  w.blank();
  w.text("A monorepo: one [[packages]] entry per package, each on its own version line.");
  w.example("[[packages]]");
  w.example("name = \"api\"");
  w.example("path = \"packages/api\"", "or a list of globs");
  w.example("tag = \"{name}-v{version}\"", "or \"{name}@{version}\"");
  w.example("version_files = [{ path = \"packages/api/VERSION\", pattern = \"{version}\" }]");
  w.blank();
  w.text("Your own commands as gates: argv, no shell; phase = verify|build|freeze|deploy|smoke.");
  w.example("[[gates.command]]");
  w.example("id = \"tests\"", "the gate is called command.tests");
  w.example("run = [\"make\", \"test\"]");
  w.example("commands = [\"code-release\"]", "which pipelines run it (default: all)");
  w.example("phase = \"verify\"");
  w.example("severity = \"hard\"", "\"soft\": a failure only warns");
  w.example("timeout = \"10m\"");
  w.blank();
}

void write_forge(Writer& w) {
  w.text("--- GitHub or GitLab: releases, pull requests, previews, deployments ---");
  w.text("Found from the remote's URL; the token from GITHUB_TOKEN or GITLAB_TOKEN.");
  w.example("[forge]");
  w.example("deployments = true", "promote and rollback show on the forge");
  w.example("labels = [\"release\"]", "put on the pull requests relctl opens");
  w.blank();
}

void write_databases(Writer& w, const StarterGuess& g) {
  w.text("--- databases and environments (`relctl migrate`, `promote`, `rollback`) ---");
  w.text("Connection strings never go here: url_env names the variable that holds one");
  w.text("(export it, or put it in .env next to this file and keep .env out of git).");
  if (g.migrations_dir.empty()) {
    w.example("[migrations]");
    w.example("dir = \"migrations\"", "<version>_<description>.sql");
  } else {
    w.live("[migrations]");
    w.live(fmt::format("dir = {}", toml_string(g.migrations_dir)), "found by relctl init");
  }
  const auto line = [&](std::string_view l, std::string_view c = {}) {
    g.migrations_dir.empty() ? w.example(l, c) : w.live(l, c);
  };
  line("transaction = \"all\"", "all: every pending file in one transaction");
  line("lock_timeout = \"30s\"", "wait this long for another run's lock");
  line("shadow = false", "true: rehearse on a scratch database first");
  w.blank();
  w.example("[databases.staging]");
  w.example("url_env = \"STAGING_DATABASE_URL\"");
  w.example("[databases.prod]");
  w.example("url_env = \"PROD_DATABASE_URL\"");
  w.example("expect_database = \"app_prod\"", "pg.env-guard: current_database() must match");
  w.blank();
  w.example("[environments.staging]");
  w.example("database = \"staging\"");
  w.example("smoke = \"scripts/smoke.sql\"");
  w.example("[environments.prod]");
  w.example("database = \"prod\"");
  w.example("after = \"staging\"", "must be deployed to staging first");
  w.example("soak = \"1h\"", "and have been there this long");
  w.example("protected = true", "asks for the phrase below");
  w.example("confirm_phrase = \"CONFIRM PROD DEPLOYMENT\"");
  w.blank();
  w.example("[schema_guard]");
  w.example("app_version = { file = \"SCHEMA_VERSION\" }", "read from the release's tree");
  w.example("db_version_sql = \"SELECT version FROM schema_version\"");
  w.blank();
  w.example("[[functions]]", "pg.functions: these signatures must exist");
  w.example("name = \"public.my_function\"");
  w.example("args = [\"text\", \"integer\"]");
  w.blank();
  w.example("[[db_checks]]", "data check grammar, on live tables");
  w.example("table = \"public.jobs\"");
  w.example("column = \"status\"");
  w.example("accepted_values = [\"pending\", \"done\"]");
  w.example("environments = [\"staging\", \"prod\"]", "default: every environment");
}

}  // namespace

void guess_layout(const fs::path& root, StarterGuess& guess) {
  using Found = std::tuple<int, std::string>;  // depth, relative path
  std::vector<Found> snapshots, migrations;
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const auto& entry = *it;
    const std::string name = entry.path().filename().string();
    std::error_code type_ec;
    if (entry.is_directory(type_ec) && !entry.is_symlink(type_ec)) {
      if (skipped_folder(name)) {
        it.disable_recursion_pending();
        continue;
      }
      const auto rel = entry.path().lexically_relative(root).generic_string();
      if (name == "migrations") migrations.emplace_back(it.depth(), rel);
      if (it.depth() >= max_depth) it.disable_recursion_pending();
    } else if (entry.is_regular_file(type_ec) && is_snapshot(entry.path())) {
      snapshots.emplace_back(it.depth(), entry.path().lexically_relative(root).generic_string());
    }
  }
  std::sort(snapshots.begin(), snapshots.end());
  std::sort(migrations.begin(), migrations.end());
  if (!snapshots.empty()) {
    guess.snapshot = std::get<1>(snapshots.front());
    guess.why["snapshot"] = "the SQLite file found nearest the top of the folder";
    for (std::size_t i = 1; i < snapshots.size(); ++i) {
      guess.other_snapshots.push_back(std::get<1>(snapshots[i]));
    }
  }
  if (!migrations.empty()) {
    guess.migrations_dir = std::get<1>(migrations.front());
    guess.why["migrations_dir"] = "a folder named migrations";
  }
}

std::string starter_toml(const StarterGuess& g, bool examples_active) {
  Writer w(examples_active);
  w.text("relctl.toml, written by `relctl init`. `man relctl` (CONFIGURATION) shows every key.");
  w.text("Paths are relative to this file; durations look like \"30s\", \"10m\", \"1h30m\".");
  w.text("Commented-out lines are examples: uncomment and adjust what you need.");
  w.blank();
  w.live("[project]");
  w.live(fmt::format("name = {}", toml_string(g.name)));
  w.live(fmt::format("main_branch = {}", toml_string(g.main_branch)), "releases start here");
  w.live(fmt::format("remote = {}", toml_string(g.remote)), "tags and branches are pushed here");
  w.live(fmt::format("release_branches = [{}]", toml_string(g.main_branch)),
         "glob patterns, e.g. \"release/*\"");
  w.example("token_env = \"GITHUB_TOKEN\"", "HTTPS push token, read from this variable");
  w.blank();
  w.live("[ledger]", "every run, dry runs included");
  w.live("path = \".relctl/ledger.db\"", "a SQLite file that ignores itself in git");
  w.text("url_env = \"RELCTL_LEDGER_URL\"  # instead of path: a Postgres ledger for team and CI");
  w.blank();
  write_data_release(w, g);
  write_code_release(w, g);
  write_forge(w);
  write_databases(w, g);
  return w.str();
}

}  // namespace relctl::config
