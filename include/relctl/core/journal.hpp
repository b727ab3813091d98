#pragma once
// The journal of a real run that changes the work tree: before each action
// the run writes down what it is about to do, after it what it did, each
// line on disk (fsync) before the action goes on. A run that ends, however
// it ends, removes its journal; a journal whose run is gone (kill -9, a
// crash, a power cut) tells the next run, and `relctl recover`, what that
// run left: .relctl/journal/<run-id>.jsonl, one JSON object a line, with a
// copy of every file the run replaced in .relctl/journal/<run-id>.files/.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace relctl::core {

/// The journals folder of the work tree whose top is `root`.
std::filesystem::path journal_folder(const std::filesystem::path& root);

/// A file the run was about to replace or create: `backup` holds the bytes
/// it had (empty path: there was no file).
struct JournalFile {
  std::filesystem::path path;
  std::filesystem::path backup;
  std::vector<std::filesystem::path> created_dirs;  // missing then, deepest first
};

/// A journal as the run left it.
struct JournalEntries {
  std::filesystem::path file;
  std::string run_id;
  std::string command;
  long pid = 0;
  std::string host;
  std::string since;
  std::string start_json = "{}";      // the start record's "state": what the run started from
  std::vector<std::string> begun;     // gate ids whose action began
  std::vector<std::string> finished;  // gate ids whose action was done (or undone)
  std::vector<JournalFile> files;     // in the order they were first written
  std::vector<std::filesystem::path> temporary;                               // files to remove
  std::vector<std::pair<std::filesystem::path, std::filesystem::path>> kept;  // backup -> target
};

/// Opens run `run_id`'s journal under `root` and makes it the active one
/// (one per process); `state_json` is a JSON object of what the run starts
/// from (branch, commit, refs). Throws GateError naming the path.
void open_journal(const std::filesystem::path& root, const std::string& run_id,
                  const std::string& command, long pid, const std::string& host,
                  const std::string& since, const std::string& state_json);
/// Removes the active journal and its file copies: the run ended.
void close_journal() noexcept;
/// True while a journal is open.
bool journal_active() noexcept;

/// The runner: action `gate` is about to run / has run (or was undone).
void journal_action(const std::string& event, const std::string& gate);
/// Before a file is first replaced or created: keeps a copy of its bytes.
void journal_file(const std::filesystem::path& path);
/// A temporary file the run is about to create beside its target.
void journal_temporary(const std::filesystem::path& path);
/// The run is about to move `target` aside to `backup` (put back on recovery).
void journal_kept(const std::filesystem::path& backup, const std::filesystem::path& target);

/// The journals under `root` other than `except`'s, oldest first.
std::vector<JournalEntries> read_journals(const std::filesystem::path& root,
                                          const std::string& except = "");
/// Removes a journal that was resolved, with its file copies.
void remove_journal(const JournalEntries& journal);

}  // namespace relctl::core
