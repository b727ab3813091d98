#include "relctl/core/journal.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "relctl/core/error.hpp"
#include "relctl/core/output_file.hpp"

namespace fs = std::filesystem;

namespace relctl::core {

namespace {

struct Active {
  fs::path file;
  fs::path copies;  // <run-id>.files/
  int fd = -1;
  int next_copy = 0;
  std::set<fs::path> seen;
};

Active& active() {
  static Active a;
  return a;
}

[[noreturn]] void fail(const fs::path& path, const std::string& what) {
  const bool full = errno == ENOSPC || errno == EDQUOT;
  throw GateError("cannot " + what + " the run's journal " + path.string() + ": " +
                      (full ? "no space left on the device" : std::strerror(errno)),
                  full ? "free some space on that disk and run again"
                       : "check that folder's permissions and run again");
}

// One line, on disk before the action it announces goes on.
void append(const nlohmann::json& record) {
  Active& a = active();
  if (a.fd < 0) return;
  const std::string line = record.dump() + "\n";
  if (::write(a.fd, line.data(), line.size()) != static_cast<ssize_t>(line.size()) ||
      ::fsync(a.fd) != 0) {
    fail(a.file, "write");
  }
}

// A copy of `from` made durable (the copy is what recovery puts back).
void copy_durably(const fs::path& from, const fs::path& to) {
  const auto bytes = read_file(from);
  const int fd = ::open(to.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) fail(to, "write a file copy of");
  const bool ok =
      bytes && ::write(fd, bytes->data(), bytes->size()) == static_cast<ssize_t>(bytes->size()) &&
      ::fsync(fd) == 0;
  const int e = errno;
  ::close(fd);
  errno = e;
  if (!ok) fail(to, "write a file copy of");
}

std::string absolute_text(const fs::path& p) {
  std::error_code ec;
  const fs::path a = fs::absolute(p, ec);
  return (ec ? p : a).lexically_normal().string();
}

}  // namespace

fs::path journal_folder(const fs::path& root) {
  return root / ".relctl" / "journal";
}

void open_journal(const fs::path& root, const std::string& run_id, const std::string& command,
                  long pid, const std::string& host, const std::string& since,
                  const std::string& state_json) {
  close_journal();
  const fs::path folder = journal_folder(root);
  Active& a = active();
  a.file = folder / (run_id + ".jsonl");
  a.copies = folder / (run_id + ".files");
  try {
    make_private_folder(folder.parent_path());
    fs::create_directories(a.copies);
  } catch (const fs::filesystem_error& e) {
    errno = e.code().value();
    fail(a.file, "create the folder of");
  }
  a.fd = ::open(a.file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0600);
  if (a.fd < 0) fail(a.file, "create");
  append({{"event", "start"},
          {"run_id", run_id},
          {"command", command},
          {"pid", pid},
          {"host", host},
          {"since", since},
          {"state", nlohmann::json::parse(state_json, nullptr, false)}});
  const int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);  // the journal's name is on disk too
    ::close(dir);
  }
}

void close_journal() noexcept {
  Active& a = active();
  if (a.fd < 0) return;
  ::close(a.fd);
  std::error_code ec;
  fs::remove(a.file, ec);
  fs::remove_all(a.copies, ec);
  a = Active{};
}

bool journal_active() noexcept {
  return active().fd >= 0;
}

void journal_action(const std::string& event, const std::string& gate) {
  append({{"event", event}, {"gate", gate}});
}

void journal_file(const fs::path& path) {
  Active& a = active();
  if (a.fd < 0) return;
  const fs::path full = absolute_text(path);
  if (!a.seen.insert(full).second) return;
  std::error_code ec;
  fs::path copy;
  if (fs::is_regular_file(full, ec)) {
    copy = a.copies / std::to_string(a.next_copy++);
    copy_durably(full, copy);
  }
  std::vector<std::string> missing;  // the folders the write will create
  for (fs::path p = full.parent_path(); !p.empty() && !fs::exists(p, ec); p = p.parent_path()) {
    missing.push_back(p.string());
  }
  append(
      {{"event", "file"}, {"path", full.string()}, {"backup", copy.string()}, {"dirs", missing}});
}

void journal_temporary(const fs::path& path) {
  append({{"event", "temporary"}, {"path", absolute_text(path)}});
}

void journal_kept(const fs::path& backup, const fs::path& target) {
  append({{"event", "kept"}, {"backup", absolute_text(backup)}, {"target", absolute_text(target)}});
}

std::vector<JournalEntries> read_journals(const fs::path& root, const std::string& except) {
  std::vector<JournalEntries> out;
  std::error_code ec;
  for (const auto& item : fs::directory_iterator(journal_folder(root), ec)) {
    const fs::path file = item.path();
    if (file.extension() != ".jsonl" || file.stem() == except) continue;
    JournalEntries j;
    j.file = file;
    j.run_id = file.stem().string();
    std::ifstream in(file);
    std::string line;
    while (std::getline(in, line)) {
      const auto r = nlohmann::json::parse(line, nullptr, false);
      if (!r.is_object()) continue;  // a line cut short by the kill
      const std::string event = r.value("event", "");
      if (event == "start") {
        j.command = r.value("command", "");
        j.pid = r.value("pid", 0L);
        j.host = r.value("host", "");
        j.since = r.value("since", "");
        if (r.contains("state")) j.start_json = r["state"].dump();
      } else if (event == "begin") {
        j.begun.push_back(r.value("gate", ""));
      } else if (event == "done" || event == "undone") {
        j.finished.push_back(r.value("gate", ""));
      } else if (event == "file") {
        JournalFile f{r.value("path", ""), r.value("backup", ""), {}};
        for (const auto& d : r.value("dirs", nlohmann::json::array())) {
          if (d.is_string()) f.created_dirs.emplace_back(d.get<std::string>());
        }
        j.files.push_back(std::move(f));
      } else if (event == "temporary") {
        j.temporary.emplace_back(r.value("path", ""));
      } else if (event == "kept") {
        j.kept.emplace_back(r.value("backup", ""), r.value("target", ""));
      }
    }
    out.push_back(std::move(j));
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.run_id < b.run_id; });
  return out;
}

void remove_journal(const JournalEntries& journal) {
  std::error_code ec;
  fs::path copies = journal.file;
  copies.replace_extension(".files");
  fs::remove_all(copies, ec);
  fs::remove(journal.file, ec);
  if (ec) {
    throw GateError("cannot remove the journal " + journal.file.string() + ": " + ec.message(),
                    "remove it by hand once the run is resolved");
  }
}

}  // namespace relctl::core
