#include "session.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "recovery.hpp"
#include "ref_templates.hpp"
#include "relctl/config/loader.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/identity.hpp"
#include "relctl/core/interrupt.hpp"
#include "relctl/core/journal.hpp"
#include "relctl/core/log.hpp"
#include "relctl/core/output_file.hpp"
#include "relctl/core/redactor.hpp"
#include "relctl/core/run_id.hpp"
#include "relctl/core/run_lock.hpp"
#include "relctl/git/head.hpp"
#include "relctl/git/repository.hpp"
#include "relctl/pg/connections.hpp"
#include "relctl/pg/ledger.hpp"
#include "relctl/report/reporters.hpp"

namespace relctl::cli {

namespace fs = std::filesystem;

namespace {

std::string env_or(const char* name, const std::string& fallback = {}) {
  const char* v = std::getenv(name);
  return v && *v ? std::string(v) : fallback;
}

std::string join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

// A relctl.toml kept outside the repository (--config ../ops/app.toml)
// describes the repository relctl runs in (-C DIR, or the current folder):
// its relative paths start at the top of that work tree.
void anchor_outside_config(config::Config& cfg) {
  const auto here = git::Repository::try_discover(fs::current_path());
  if (!here || here->workdir().empty()) return;
  std::error_code ec;
  const fs::path top = fs::weakly_canonical(here->workdir(), ec);
  const fs::path rel = fs::weakly_canonical(cfg.root, ec).lexically_relative(top);
  if (!rel.empty() && *rel.begin() != "..") return;  // inside the work tree
  cfg.root = top;
}

bool changes_work_tree(const std::string& command) {
  return command == "code-release" || command == "data-release" || command == "publish";
}

// The commands whose real runs change something (and keep a journal).
bool changes_something(const std::string& command) {
  return changes_work_tree(command) || command == "promote" || command == "rollback" ||
         command == "migrate";
}

// What the database of a database run's (promote, migrate, rollback)
// environment holds of it, for the refusal and the ledger row's note; ""
// for a work-tree run.
std::string database_note(const core::JournalEntries& j, const config::Config* config,
                          pg::Connections* connections) {
  if (journal_env(j).empty()) return "";
  if (!config || !connections) {
    return "it ran on environment " + journal_env(j) +
           " (`relctl recover --dry-run` says what its database has)";
  }
  try {
    return database_facts(*config, *connections, j).text;
  } catch (const Error& e) {
    return std::string("its database cannot be read: ") + e.what();
  }
}

// A run that died half-way (its journal stayed, its lock or its process is
// gone) blocks the next real run of the work tree until `relctl recover`
// resolved it: its ledger row becomes `abandoned` and the refusal says what
// it left (for a database run, what its database holds of it). Dry runs and
// the read-only commands only warn.
void refuse_abandoned(const core::Context& ctx, git::Repository* repo, const config::Config* config,
                      pg::Connections* connections, bool holds_lock) {
  const bool lock_free = holds_lock || !core::RunLock::holder(ctx.root());
  const bool real = !ctx.dry_run() && changes_something(ctx.command);
  std::vector<core::JournalEntries> journals;
  for (auto& j : core::read_journals(ctx.root(), ctx.run_id)) {
    if (is_abandoned(j, lock_free)) journals.push_back(std::move(j));
  }
  if (journals.empty()) return;
  if (!real) {
    for (const auto& j : journals) {
      report::print_text(stderr, "relctl: warning: " + describe_run(j) +
                                     " was abandoned half-way; run `relctl recover` before "
                                     "the next release\n");
    }
    return;
  }
  std::string text;
  for (const auto& j : journals) {
    const std::string facts = database_note(j, config, connections);
    try {
      if (const auto warning = mark_run(*open_ledger(config), j.run_id, "abandoned", facts);
          !warning.empty()) {
        report::print_text(stderr, "relctl: warning: " + warning + "\n");
      }
    } catch (const Error& e) {
      report::print_text(stderr, std::string("relctl: warning: ") + e.what() + "\n");
    }
    text += (text.empty() ? "" : "\n") + describe_run(j) +
            " was abandoned: its process is gone and it left its journal";
    if (!facts.empty()) text += "; " + facts;
    const auto left = leftovers(j, repo);
    if (left.empty()) text += "; nothing of it is left in this work tree";
    if (!left.empty()) text += "; what it left:";
    for (const auto& item : left) text += "\n  - " + item;
  }
  throw GateError(ctx.redactor.clean(text),
                  "run `relctl recover` to undo it (or to complete it where the remote already "
                  "has the release); `relctl recover --dry-run` shows what it would do");
}

// What a run starts from, for its journal: HEAD's branch and commit, every
// local branch and tag.
std::string start_state(const core::Context& ctx, git::Repository* repo, bool git_refs) {
  nlohmann::json state = nlohmann::json::object();
  // A database run's journal holds no refs (unless it creates some, as
  // rollback --hotfix): what it changes is in the database, which keeps its
  // own record (deployments, schema history).
  if (!ctx.release.env.empty()) state["env"] = ctx.release.env;
  if (!git_refs || !repo || repo->head_unborn()) return state.dump();
  state["branch"] = repo->current_branch().value_or("");
  state["head"] = repo->head_id();
  state["refs"] = repo->local_refs();
  return state.dump();
}

// One run that changes the work tree at a time: real code-release,
// data-release and publish runs, and a rollback --hotfix (`git_refs`: it
// creates its branch and checks it out), take the repository lock (exit 4
// while another holds it). Dry runs and the other commands change no file
// of the work tree (migrate, promote and rollback take their environment's
// lock in the database instead); they only warn when a real run is under way.
std::optional<core::RunLock> take_repository_lock(const core::Context& ctx, bool git_refs) {
  if (ctx.dry_run() || !git_refs) {
    if (const auto holder = core::RunLock::holder(ctx.root())) {
      report::print_text(stderr, "relctl: warning: run " + holder->run_id + " (pid " +
                                     std::to_string(holder->pid) +
                                     ") is changing this work tree; this run reads it as it is\n");
    }
    return std::nullopt;
  }
  auto lock =
      core::RunLock::acquire(ctx.root(), {ctx.run_id, static_cast<long>(getpid()),
                                          core::host_name(), core::utc_iso8601(ctx.clock.now())});
  if (const auto& stale = lock.stale()) {
    report::print_text(stderr, "relctl: warning: run " + stale->run_id + " (pid " +
                                   std::to_string(stale->pid) + " on " + stale->host +
                                   ") ended without releasing the repository lock; it was "
                                   "killed or crashed: check `relctl history` and `git status`\n");
  }
  return lock;
}

}  // namespace

std::optional<config::Config> load_config(const core::Options& options, bool required) {
  std::optional<fs::path> file;
  if (!options.config_path.empty()) {
    file = fs::absolute(options.config_path);
    if (!fs::exists(*file)) {
      throw ConfigError("--config " + options.config_path + ": no such file",
                        "pass the path of an existing relctl.toml, or run `relctl init`");
    }
  } else {
    file = config::discover(fs::current_path());
  }
  if (!file) {
    if (!required) return std::nullopt;
    throw ConfigError("no relctl.toml in " + fs::current_path().string() + " or above it",
                      "run `relctl init` to write one, or pass --config PATH");
  }
  auto config = config::load(*file);
  check_ref_templates(config);
  if (!options.config_path.empty()) anchor_outside_config(config);
  // What the url_env variables hold is a connection string, whatever it looks like.
  std::vector<std::string> vars;
  for (const auto& db : config.databases) vars.push_back(db.url_env);
  vars.push_back(config.ledger.url_env);
  for (const auto& var : vars) {
    const char* value = var.empty() ? nullptr : std::getenv(var.c_str());
    if (value && *value) core::redactor().add_connection_string(value);
  }
  return config;
}

std::unique_ptr<core::Ledger> open_ledger(const config::Config* config) {
  if (config && !config->ledger.url_env.empty()) {
    // A team's shared ledger: relctl.runs in the Postgres database the variable names.
    const std::string& var = config->ledger.url_env;
    return pg::open_ledger(pg::conninfo_from_env(var, "[ledger] url_env"), "ledger ($" + var + ")");
  }
  fs::path path = config ? fs::path(config->ledger.path) : fs::path(".relctl/ledger.db");
  if (path.is_relative()) path = (config ? config->root : fs::current_path()) / path;
  return core::open_sqlite_ledger(path.string());
}

Session::Session(Globals& globals, std::string command, bool config_required)
    : globals_(globals), config_(load_config(globals.options, config_required)) {
  const auto& o = globals.options;
  if (o.json) {
    reporter_.add(report::make_json_reporter(stdout));
  } else {
    reporter_.add(report::make_human_reporter(
        stdout, {report::want_color(stdout, o.no_color), o.verbose, o.quiet}));
  }
  if (env_or("GITHUB_ACTIONS") == "true") {
    // Annotations go to stderr under --json so that stdout stays one document.
    reporter_.add(
        report::make_github_reporter(o.json ? stderr : stdout, env_or("GITHUB_STEP_SUMMARY")));
  }
  context_ = std::make_unique<core::Context>(o, config(), clock_, reporter_, core::redactor());
  context_->command = std::move(command);
  context_->argv = globals.argv;
  context_->work_dir = fs::current_path();
  if (config_) context_->config_root = config_->root;
  // The progress line shares the terminal with the gate lines: never under
  // --json or --quiet, never into a pipe, a log or a dumb terminal.
  if (!o.json && !o.quiet && report::want_progress(STDERR_FILENO)) {
    context_->progress = report::make_terminal_progress(STDERR_FILENO);
  }
  context_->run_id = core::new_run_id(clock_.now());
  context_->vars["date"] = core::utc_date(clock_.now());
}

Session::~Session() {
  // The gates are gone; nothing may reach the adapters through the context.
  context_->repo = nullptr;
  context_->pg = nullptr;
}

git::Repository* Session::repository() {
  if (!repository_opened_) {
    repository_ = git::Repository::try_discover(context_->root());
    repository_opened_ = true;
    context_->repo = repository_.get();
  }
  return repository_.get();
}

pg::Connections& Session::connections() {
  if (!connections_) {
    connections_ =
        std::make_unique<pg::Connections>(*config(), context_->run_id, context_->redactor);
    context_->pg = connections_.get();
  }
  return *connections_;
}

int Session::execute(core::Pipeline& pipeline) {
  auto& ctx = *context_;
  // Every run keeps a debug log; one that cannot be written is only a warning.
  const std::string trouble = core::start_run_log(core::logs_folder(ctx.root()), ctx.run_id,
                                                  ctx.redactor, globals_.options.verbose);
  if (!trouble.empty()) {
    report::print_text(stderr, "relctl: warning: " + trouble + "\n");
  }
  struct StopLog {
    ~StopLog() { core::stop_run_log(); }
  } stop_log;
  core::log_step("relctl {} run {}{} by {} on {}", ctx.command, ctx.run_id,
                 ctx.dry_run() ? " (dry run)" : "", core::current_user(), core::host_name());
  core::log_debug("argv: {}", join(globals_.argv, " "));
  core::log_debug("root: {}", ctx.root().string());
  if (config()) {
    core::log_debug("config {}:\n{}", config()->file.string(),
                    core::read_file(config()->file).value_or("(unreadable)"));
  }
  repository();
  const bool git_refs = changes_work_tree(ctx.command) || journal_git_refs_;
  const auto repository_lock = take_repository_lock(ctx, git_refs);
  if (config()) connections();
  refuse_abandoned(ctx, repository_.get(), config(), connections_.get(),
                   repository_lock.has_value());
  // A real run that changes something keeps a journal until it ends.
  struct CloseJournal {
    ~CloseJournal() { core::close_journal(); }
  } close_journal;
  if (!ctx.dry_run() && changes_something(ctx.command)) {
    core::open_journal(ctx.root(), ctx.run_id, ctx.command, static_cast<long>(getpid()),
                       core::host_name(), core::utc_iso8601(ctx.clock.now()),
                       start_state(ctx, repository_.get(), git_refs));
    if (repository_ && git_refs) {
      core::journal_file(repository_->git_dir() / "index");
    }
  }
  auto ledger = open_ledger(config());
  core::install_interrupt_handlers();

  core::RunRecord rec;
  rec.run_id = ctx.run_id;
  rec.command = ctx.command;
  rec.argv = ctx.redactor.clean(join(globals_.argv, " "));
  rec.user = ctx.redactor.clean(core::current_user());
  rec.host = ctx.redactor.clean(core::host_name());
  rec.ci_url = ctx.redactor.clean(core::ci_job_url());
  rec.git_commit = git::head_commit(ctx.root()).value_or("");
  rec.env = ctx.redactor.clean(ctx.release.env);
  rec.dry_run = ctx.dry_run();
  rec.status = "running";
  rec.started_at = core::utc_iso8601(clock_.now());
  ledger->begin(rec);

  core::RunResult result;
  // A ledger that cannot record the outcome never changes it: the run's
  // exit code stands, and stderr says what the ledger lacks.
  const auto record = [&] {
    try {
      ledger->finish(rec);
    } catch (const Error& e) {
      report::print_text(stderr, "relctl: warning: run " + ctx.run_id + " (" + rec.status +
                                     ") is not recorded: " + e.what() + "\n");
    }
  };
  // Whatever ends the run, its ledger row does not stay `running`.
  const auto finish_failed = [&](ExitCode code) {
    rec.status = "failed";
    rec.exit_code = static_cast<int>(code);
    rec.finished_at = core::utc_iso8601(clock_.now());
    record();
  };
  try {
    result = core::run_pipeline(ctx, pipeline);
  } catch (const Error& e) {
    finish_failed(e.code());
    throw;
  } catch (const std::exception&) {
    finish_failed(ExitCode::gate_failed);
    throw;
  }
  rec.status = std::string(core::to_string(result.status));
  rec.exit_code = result.exit_code;
  rec.release = ctx.redactor.clean(join(result.release.tags, ","));
  rec.env = ctx.redactor.clean(result.release.env);
  rec.finished_at = core::utc_iso8601(result.finished_at);
  rec.gates_json = report::gates_to_json(result.gates);
  record();
  result_ = result;
  // An environment's lock is held until here; an unlock the server did not
  // expect means someone else ended our session meanwhile.
  for (const auto& warning :
       connections_ ? connections_->release_locks() : std::vector<std::string>{}) {
    report::print_text(stderr, "relctl: warning: " + warning + "\n");
  }
  return result.exit_code;
}

}  // namespace relctl::cli
