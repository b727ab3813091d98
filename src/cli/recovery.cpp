#include "recovery.hpp"

#include <signal.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "relctl/config/config.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/identity.hpp"
#include "relctl/core/output_file.hpp"
#include "relctl/git/repository.hpp"
#include "relctl/pg/connection.hpp"
#include "relctl/pg/connections.hpp"

namespace relctl::cli {

namespace fs = std::filesystem;

namespace {

struct Start {
  std::string branch;  // empty: HEAD was detached
  std::string head;
  std::map<std::string, std::string> refs;
};

Start start_of(const core::JournalEntries& j) {
  Start s;
  const auto state = nlohmann::json::parse(j.start_json, nullptr, false);
  if (!state.is_object()) return s;
  s.branch = state.value("branch", "");
  s.head = state.value("head", "");
  if (state.contains("refs") && state["refs"].is_object()) {
    for (const auto& [name, id] : state["refs"].items()) {
      if (id.is_string()) s.refs[name] = id.get<std::string>();
    }
  }
  return s;
}

struct RefChange {
  std::string name;
  std::string before;  // empty: the run created it
  std::string now;
  std::string commit;  // the commit `now` names (a tag's target)
};

std::vector<RefChange> ref_changes(const Start& s, const git::Repository& repo) {
  std::vector<RefChange> out;
  for (const auto& [name, id] : repo.local_refs()) {
    const auto it = s.refs.find(name);
    const std::string commit = repo.ref_commit(name).value_or(id);
    if (it == s.refs.end()) {
      out.push_back({name, "", id, commit});
    } else if (it->second != id) {
      out.push_back({name, it->second, id, commit});
    }
  }
  return out;
}

bool is_tag(const std::string& ref) {
  return ref.rfind("refs/tags/", 0) == 0;
}

std::string short_name(const std::string& ref) {
  const auto slash = ref.find('/', 5);
  return slash == std::string::npos ? ref : ref.substr(slash + 1);
}

std::string describe(const RefChange& c) {
  const std::string what = (is_tag(c.name) ? "tag " : "branch ") + short_name(c.name);
  if (c.before.empty()) return what + " created at " + git::short_id(c.commit);
  return what + " moved from " + git::short_id(c.before) + " to " + git::short_id(c.commit);
}

// The path as the user knows it: relative to the work tree when inside it.
std::string shown(const fs::path& path, const git::Repository* repo) {
  if (!repo || repo->workdir().empty()) return path.string();
  if (path.lexically_normal() == (repo->git_dir() / "index").lexically_normal()) {
    return "the git index";
  }
  const fs::path rel = path.lexically_relative(fs::absolute(repo->workdir()).lexically_normal());
  return rel.empty() || *rel.begin() == ".." ? path.string() : rel.string();
}

bool differs(const core::JournalFile& f) {
  const auto now = core::read_file(f.path);
  if (f.backup.empty()) return now.has_value();
  const auto before = core::read_file(f.backup);
  return !before || now != before;
}

bool present_on_disk(const fs::path& p) {
  std::error_code ec;
  return fs::exists(fs::symlink_status(p, ec));
}

void remove_file(const fs::path& p) {
  std::error_code ec;
  fs::remove(p, ec);
  if (ec) throw GateError("cannot remove " + p.string() + ": " + ec.message());
}

// What a killed write left: write_atomically's temporary file beside `path`,
// a temporary SQLite file's journal.
std::vector<fs::path> stray_files(const core::JournalEntries& j) {
  std::vector<fs::path> out;
  for (const auto& f : j.files) {
    fs::path tmp = f.path;
    tmp += ".relctl-tmp-" + std::to_string(j.pid);
    out.push_back(tmp);
  }
  for (const auto& t : j.temporary) {
    out.push_back(t);
    for (const char* suffix : {"-journal", "-wal", "-shm"}) {
      fs::path p = t;
      p += suffix;
      out.push_back(p);
    }
  }
  std::vector<fs::path> present;
  for (const auto& p : out) {
    if (present_on_disk(p)) present.push_back(p);
  }
  return present;
}

std::vector<std::pair<fs::path, fs::path>> kept_files(const core::JournalEntries& j) {
  std::vector<std::pair<fs::path, fs::path>> out;
  for (const auto& k : j.kept) {
    if (present_on_disk(k.first)) out.push_back(k);
  }
  return out;
}

// How long a remote may still take to finish a push its client left.
constexpr std::chrono::seconds push_settle_time{3};

bool push_in_flight(const core::JournalEntries& j) {
  const auto has = [](const std::vector<std::string>& ids) {
    return std::find(ids.begin(), ids.end(), "git.push") != ids.end();
  };
  return has(j.begun) && !has(j.finished);
}

}  // namespace

std::vector<std::string> leftovers(const core::JournalEntries& journal, git::Repository* repo) {
  std::vector<std::string> left;
  const Start start = start_of(journal);
  if (repo && !start.head.empty()) {
    for (const auto& c : ref_changes(start, *repo)) left.push_back(describe(c));
    const auto branch = repo->current_branch();
    if (!start.branch.empty() && branch && *branch != start.branch) {
      left.push_back("HEAD on " + *branch + " (the run started on " + start.branch + ")");
    }
  }
  for (const auto& f : journal.files) {
    if (differs(f)) {
      left.push_back(shown(f.path, repo) + (f.backup.empty() ? " created" : " modified"));
    }
  }
  for (const auto& p : stray_files(journal)) left.push_back("temporary file " + shown(p, repo));
  for (const auto& [backup, target] : kept_files(journal)) {
    left.push_back(shown(backup, repo) + " (the previous " + shown(target, repo) + ", kept aside)");
  }
  return left;
}

Recovery plan_recovery(const core::JournalEntries& journal, git::Repository* repo,
                       const std::string& remote, const git::Auth& auth, bool completed) {
  Recovery r;
  r.completes = completed;
  r.journal = journal;
  r.left = leftovers(journal, repo);
  const Start start = start_of(journal);
  const auto changes =
      repo && !start.head.empty() ? ref_changes(start, *repo) : std::vector<RefChange>{};
  if (!changes.empty()) {
    std::map<std::string, std::string> there;
    for (const auto& ref : repo->list_remote(remote, auth)) there[ref.name] = ref.id;
    // A push under way when the run died may still land: the remote goes on
    // (its hooks, then the refs) without the client. Read it once more after
    // a while before deciding that it has none of the release.
    if (push_in_flight(journal) &&
        std::none_of(changes.begin(), changes.end(), [&](const RefChange& c) {
          const auto it = there.find(c.name);
          return it != there.end() && it->second == c.now;
        })) {
      std::this_thread::sleep_for(push_settle_time);
      there.clear();
      for (const auto& ref : repo->list_remote(remote, auth)) there[ref.name] = ref.id;
    }
    std::vector<std::string> pushed;
    std::vector<std::string> missing;
    for (const auto& c : changes) {
      const auto it = there.find(c.name);
      (it != there.end() && it->second == c.now ? pushed : missing).push_back(short_name(c.name));
    }
    if (!pushed.empty() && !missing.empty()) {
      std::string a;
      std::string b;
      for (const auto& p : pushed) a += (a.empty() ? "" : ", ") + p;
      for (const auto& m : missing) b += (b.empty() ? "" : " ") + m;
      throw GateError(remote + " has part of run " + journal.run_id + "'s release (" + a +
                          ") but not the rest (" + b + ")",
                      "push the rest by hand (git push " + remote + " " + b + ") or remove what " +
                          remote + " has, then run `relctl recover` again");
    }
    r.completes = missing.empty();
  }
  const bool fetch = r.completes && !changes.empty();

  if (r.completes) {
    for (const auto& c : changes) {
      r.steps.emplace_back("keep " + describe(c) + ": " + remote + " has it", [] {});
    }
    if (fetch) {
      r.steps.emplace_back("update the remote-tracking refs from " + remote,
                           [repo, remote, auth] { repo->fetch(remote, auth); });
    }
    for (const auto& [backup, target] : kept_files(journal)) {
      r.steps.emplace_back("remove " + shown(backup, repo) + " (the release keeps the new " +
                               shown(target, repo) + ")",
                           [backup = backup] { remove_file(backup); });
    }
  } else {
    // Newest first, as the run's own undo would have gone.
    const auto branch = repo ? repo->current_branch() : std::nullopt;
    if (repo && !start.branch.empty() && branch != start.branch) {
      r.steps.emplace_back("switch HEAD back to " + start.branch,
                           [repo, b = start.branch] { repo->attach_head(b); });
    }
    for (const auto& c : changes) {
      const std::string name = short_name(c.name);
      if (c.before.empty()) {
        r.steps.emplace_back("delete " + describe(c),
                             [repo, ref = c.name] { repo->remove_ref(ref); });
      } else if (!is_tag(c.name) && repo->ahead_behind(c.now, c.before).ahead == 1 &&
                 repo->ahead_behind(c.now, c.before).behind == 0) {
        r.steps.emplace_back("move branch " + name + " back to " + git::short_id(c.before),
                             [repo, name, before = c.before] { repo->set_branch(name, before); });
      } else if (!is_tag(c.name)) {
        // More than the release commit: someone committed after the kill.
        r.steps.emplace_back(
            "branch " + name + " moved by more than one commit: by hand", [name, c] {
              throw GateError(
                  "branch " + name + " moved from " + git::short_id(c.before) + " to " +
                      git::short_id(c.now) + ", more than the release's commit",
                  "look at `git log " + c.before + ".." + c.now + "` and move it back by hand");
            });
      } else {
        r.steps.emplace_back("tag " + name + " moved: put it back by hand", [name, c] {
          throw GateError("tag " + name + " was moved by the run",
                          "put it back: git tag -f " + name + " " + c.before);
        });
      }
    }
    for (auto it = journal.files.rbegin(); it != journal.files.rend(); ++it) {
      if (!differs(*it)) continue;
      const core::JournalFile f = *it;
      if (f.backup.empty()) {
        r.steps.emplace_back("remove " + shown(f.path, repo), [f] {
          remove_file(f.path);
          std::error_code ec;
          for (const auto& dir : f.created_dirs) fs::remove(dir, ec);  // only if empty
        });
      } else {
        r.steps.emplace_back("put back " + shown(f.path, repo), [f] {
          const auto bytes = core::read_file(f.backup);
          if (!bytes) throw GateError("the copy " + f.backup.string() + " cannot be read");
          core::write_atomically(f.path, *bytes);
        });
      }
    }
    for (const auto& [backup, target] : kept_files(journal)) {
      r.steps.emplace_back("move " + shown(backup, repo) + " back to " + shown(target, repo),
                           [backup = backup, target = target] {
                             std::error_code ec;
                             fs::rename(backup, target, ec);
                             if (ec) {
                               throw GateError("cannot move " + backup.string() + " back to " +
                                               target.string() + ": " + ec.message());
                             }
                           });
    }
  }
  for (const auto& p : stray_files(journal)) {
    r.steps.emplace_back("remove temporary file " + shown(p, repo), [p] { remove_file(p); });
  }
  return r;
}

bool is_abandoned(const core::JournalEntries& j, bool lock_free) {
  if (j.command == "code-release" || j.command == "data-release" || j.command == "publish") {
    return lock_free;
  }
  if (j.host != core::host_name() || j.pid <= 0) return false;  // cannot tell from here
  return ::kill(static_cast<pid_t>(j.pid), 0) != 0 && errno == ESRCH;
}

std::string journal_env(const core::JournalEntries& j) {
  const auto state = nlohmann::json::parse(j.start_json, nullptr, false);
  return state.is_object() ? state.value("env", "") : "";
}

// What the database of a promotion's, rollback's or migration's environment
// holds of run `j`: its deployment row (the run completed) and the
// migrations it committed. Its other work rolled back with its transaction.
DatabaseFacts database_facts(const config::Config& cfg, pg::Connections& connections,
                             const core::JournalEntries& j) {
  const std::string env = journal_env(j);
  if (env.empty()) return {};
  const auto* e = cfg.find_environment(env);
  if (!e) return {"environment " + env + " is no longer in relctl.toml: its database unread"};
  pg::Connection& conn = connections.get(e->database);
  auto exists = [&](const char* table) {
    return conn.query_value("SELECT to_regclass($1) IS NOT NULL", {table}).value_or("") == "t";
  };
  std::string deployment;
  if (exists("relctl.deployments")) {
    for (const auto& row :
         conn.query("SELECT id::text, tag FROM relctl.deployments WHERE run_id = $1 ORDER BY id",
                    {j.run_id})) {
      deployment = "#" + row.at(0).value_or("") + " (" + row.at(1).value_or("") + ")";
    }
  }
  std::vector<std::string> applied;
  if (exists("relctl.schema_history")) {
    for (const auto& row :
         conn.query("SELECT script FROM relctl.schema_history WHERE run_id = $1 AND success "
                    "ORDER BY rank",
                    {j.run_id})) {
      applied.push_back(row.at(0).value_or(""));
    }
  }
  DatabaseFacts facts;
  std::string& text = facts.text;
  text = "database of " + env + ": ";
  if (!deployment.empty()) {
    facts.deployed = true;
    text += "deployment " + deployment + " recorded: the " + j.command + " completed";
  } else {
    text += "no deployment recorded";
  }
  if (applied.empty()) {
    text +=
        "; no migration of the run was committed (an interrupted one rolled back with its "
        "transaction)";
  } else {
    std::string list;
    for (const auto& a : applied) list += (list.empty() ? "" : ", ") + a;
    text += "; migrations it committed, which stay: " + list;
  }
  return facts;
}

std::string describe_run(const core::JournalEntries& j) {
  return "run " + j.run_id + " (" + (j.command.empty() ? "?" : j.command) + ", pid " +
         std::to_string(j.pid) + " on " + j.host + ", since " + j.since + ")";
}

std::string mark_run(core::Ledger& ledger, const std::string& run_id, const std::string& status,
                     const std::string& note) {
  try {
    core::LedgerQuery q;
    q.run_id = run_id;
    q.limit = 1;
    auto rows = ledger.list(q);
    if (rows.empty() || (rows[0].status != "running" && rows[0].status != "abandoned")) return "";
    if (rows[0].status == status) return "";  // marked by an earlier refusal
    core::RunRecord rec = rows[0];
    rec.status = status;
    if (!note.empty()) {
      auto gates = nlohmann::json::parse(rec.gates_json, nullptr, false);
      if (!gates.is_array()) gates = nlohmann::json::array();
      gates.push_back({{"id", "recover"},
                       {"kind", "action"},
                       {"severity", "hard"},
                       {"status", status == "passed"      ? "passed"
                                  : status == "recovered" ? "undone"
                                                          : "failed"},
                       {"message", note},
                       {"duration_ms", 0},
                       {"details", nlohmann::json::object()}});
      rec.gates_json = gates.dump();
    }
    ledger.finish(rec);
    return "";
  } catch (const std::exception& e) {
    return "run " + run_id + " is not marked " + status + " in the ledger: " + e.what();
  }
}

void recover(const Recovery& recovery) {
  std::vector<std::string> remains;
  for (const auto& [what, step] : recovery.steps) {
    try {
      step();
    } catch (const std::exception& e) {
      remains.push_back(what + ": " + e.what());
    }
  }
  if (!remains.empty()) {
    std::string text = "the recovery of run " + recovery.journal.run_id + " could not finish:";
    for (const auto& item : remains) text += "\n  - " + item;
    throw GateError(text, "put these back by hand, then run `relctl recover` again");
  }
  core::remove_journal(recovery.journal);
}

}  // namespace relctl::cli
