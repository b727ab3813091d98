// relctl init: write a commented relctl.toml in the current folder, with
// the main branch, remote, SQLite snapshot and migrations folder guessed.

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>

#include "app.hpp"
#include "relctl/config/loader.hpp"
#include "relctl/config/starter.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/output_file.hpp"
#include "relctl/gates/version.hpp"
#include "relctl/git/repository.hpp"
#include "report/json_document.hpp"

namespace relctl::cli {

namespace fs = std::filesystem;

namespace {

bool is_release_branch_name(const std::string& b) {
  return b == "main" || b == "master" || b == "trunk" || b == "develop";
}

// The repository is only read here, never written; a failure just means "no guess".
void guess_git(const fs::path& dir, config::StarterGuess& g) {
  const auto repo = git::Repository::try_discover(dir);
  if (!repo) {
    g.why["main_branch"] = "default: not inside a git repository";
    g.why["remote"] = "default: not inside a git repository";
    return;
  }
  const std::string current = repo->current_branch().value_or("");
  if (is_release_branch_name(current)) {
    g.main_branch = current;
    g.why["main_branch"] = "the current branch";
  } else if (repo->branch_exists("main")) {
    g.main_branch = "main";
    g.why["main_branch"] = "a branch named main exists";
  } else if (repo->branch_exists("master")) {
    g.main_branch = "master";
    g.why["main_branch"] = "a branch named master exists";
  } else {
    g.why["main_branch"] = "default: no main or master branch yet";
  }

  // Existing release tags: the template they follow, so releases continue them.
  try {
    std::vector<std::string> tags;
    for (const auto& t : repo->tags("*")) tags.push_back(t.name);
    if (const auto found = gates::guess_tag_template(tags, g.name)) {
      g.code_tag = found->tmpl;
      g.why["code_tag"] = fmt::format("{} existing tag{} follow it, newest {}", found->matches,
                                      found->matches == 1 ? "" : "s", found->newest);
    }
  } catch (const Error&) {
    // no guess
  }

  std::vector<std::string> remotes;
  try {
    remotes = repo->remotes();
  } catch (const Error&) {
    return;  // no guess
  }
  if (std::find(remotes.begin(), remotes.end(), "origin") != remotes.end()) {
    g.why["remote"] = "a remote named origin exists";
  } else if (!remotes.empty()) {
    g.remote = remotes.front();
    g.why["remote"] = "the repository's first remote";
  } else {
    g.why["remote"] = "default: the repository has no remote yet";
  }
}

// The starter file, written the way relctl writes every file (never half of
// one); a failure is a configuration problem of this folder (exit 2).
void write_starter(const fs::path& file, const std::string& text) {
  try {
    core::write_atomically(file, text);
  } catch (const Error& e) {
    throw ConfigError(e.what(), "make the folder writable, or run `relctl init` in another one");
  }
}

std::vector<std::string> next_steps(const config::StarterGuess& g) {
  std::vector<std::string> steps = {
      "read relctl.toml and fix what was guessed wrong (`man relctl`, CONFIGURATION, shows every "
      "key)"};
  if (g.snapshot.empty()) {
    steps.push_back("for data releases: uncomment [data_release] and set snapshot");
  } else {
    steps.push_back(
        "add [[data_release.checks]] for the tables that matter, then try "
        "`relctl data-release --dry-run`");
  }
  steps.push_back(
      "for migrate/promote: add [databases.NAME] (url_env names a variable; put "
      "the URL in .env, which git must ignore) and [environments.NAME]");
  steps.push_back("run `relctl doctor` to check the result");
  steps.push_back(
      "commit relctl.toml (git add relctl.toml && git commit -m \"chore: add relctl.toml\"): "
      "a release starts from a clean work tree (git.clean)");
  return steps;
}

int run_init(const Globals& g) {
  const auto& o = g.options;
  const fs::path file = o.config_path.empty() ? fs::current_path() / "relctl.toml"
                                              : fs::absolute(o.config_path).lexically_normal();
  if (fs::exists(file)) {
    throw ConfigError(
        fmt::format("{} already exists; relctl init never overwrites it", file.string()),
        "edit it (`man relctl`, CONFIGURATION, shows every key), or move it away and run "
        "`relctl init` again");
  }
  const fs::path dir = file.parent_path();
  if (!fs::is_directory(dir)) {
    throw ConfigError(
        fmt::format("cannot write {}: {} is not a folder", file.string(), dir.string()),
        "create the folder first, or pass another --config path");
  }
  const auto shadowed =
      dir.has_relative_path() ? config::discover(dir.parent_path()) : std::optional<fs::path>{};

  config::StarterGuess guess;
  guess.name = dir.filename().string();
  guess.why["name"] = "the folder's name";
  guess_git(dir, guess);
  config::guess_layout(dir, guess);
  const std::string text = config::starter_toml(guess);
  config::parse(text, file.string());  // the starter must always load; throws if not
  write_starter(file, text);

  const auto steps = next_steps(guess);
  if (o.json) {
    nlohmann::json guesses = {{"name", guess.name},
                              {"main_branch", guess.main_branch},
                              {"remote", guess.remote},
                              {"snapshot", guess.snapshot},
                              {"migrations_dir", guess.migrations_dir},
                              {"code_tag", guess.code_tag},
                              {"other_snapshots", guess.other_snapshots},
                              {"why", guess.why}};
    return report::print_envelope("init", 0,
                                  {{"file", file.string()}, {"guesses", guesses}, {"next", steps}});
  }
  print_out("wrote {}\n", file.string());
  if (o.quiet) return 0;
  auto why = [&](const char* key) {
    const auto it = guess.why.find(key);
    return it == guess.why.end() ? std::string{} : " (" + it->second + ")";
  };
  print_out("  project      {}{}\n", guess.name, why("name"));
  print_out("  main branch  {}{}\n", guess.main_branch, why("main_branch"));
  print_out("  remote       {}{}\n", guess.remote, why("remote"));
  print_out("  snapshot     {}\n", guess.snapshot.empty() ? "none found ([data_release] left "
                                                            "commented out)"
                                                          : guess.snapshot + why("snapshot"));
  for (const auto& other : guess.other_snapshots)
    print_out("               also found: {}\n", other);
  print_out("  code tags    {}\n", guess.code_tag.empty()
                                       ? "no release tags found (code-v{version} by default)"
                                       : guess.code_tag + why("code_tag"));
  print_out("  migrations   {}\n", guess.migrations_dir.empty()
                                       ? "none found ([migrations] left commented out)"
                                       : guess.migrations_dir + why("migrations_dir"));
  if (shadowed) {
    print_out("note: {} is above this folder; here the new file takes its place\n",
              shadowed->string());
  }
  print_out("next:\n");
  for (std::size_t i = 0; i < steps.size(); ++i) print_out("  {}. {}\n", i + 1, steps[i]);
  return 0;
}

}  // namespace

void add_init_command(CLI::App& app, Globals& g, Handlers& h) {
  app.add_subcommand("init", "write a commented relctl.toml here, guessing what it can");
  h["init"] = [&g] { return run_init(g); };
}

}  // namespace relctl::cli
