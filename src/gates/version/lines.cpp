// A version line's release tags and commits (see lines.hpp).

#include "gates/version/lines.hpp"

#include <fnmatch.h>

#include <algorithm>

#include "relctl/core/error.hpp"
#include "relctl/core/interrupt.hpp"

namespace relctl::gates::version {

using commits::ConventionalCommit;

namespace {

// True when `glob` matches `path` or one of the folders it is in, so that
// "packages/api" covers every file below it.
bool covers(const std::string& glob, const std::string& path) {
  if (fnmatch(glob.c_str(), path.c_str(), FNM_PATHNAME) == 0) return true;
  for (size_t slash = path.find('/'); slash != std::string::npos;
       slash = path.find('/', slash + 1)) {
    if (fnmatch(glob.c_str(), path.substr(0, slash).c_str(), FNM_PATHNAME) == 0) return true;
  }
  return false;
}

}  // namespace

std::vector<ReleaseTagInfo> release_tags(git::Repository& repo, const TagTemplate& tmpl) {
  std::vector<ReleaseTagInfo> out;
  for (auto& t : repo.tags(tmpl.glob())) {
    if (auto v = tmpl.version_of(t.name); v && !t.commit.empty()) {
      out.push_back({t.name, t.commit, *v});
    }
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return compare(a.version, b.version) > 0; });
  return out;
}

CommitReader::CommitReader(git::Repository& repo, std::vector<std::string> paths)
    : repo_(repo), paths_(std::move(paths)) {}

bool CommitReader::counts(const git::CommitInfo& c) {
  if (paths_.empty()) return true;
  if (c.parents > 1) return false;  // a merge brings commits that count on their own
  for (const auto& changed : repo_.changed_paths(c.id)) {
    for (const auto& glob : paths_) {
      if (covers(glob, changed)) return true;
    }
  }
  return false;
}

void CommitReader::add(const git::CommitInfo& c, std::vector<ConventionalCommit>& out) {
  if (out.empty() && c.walk_size > 0) out.reserve(c.walk_size);
  if (counts(c)) out.push_back(commits::parse_commit(c.id, c.message, c.parents));
  if ((out.size() & 1023) == 0) core::throw_if_interrupted();
}

std::vector<ConventionalCommit> CommitReader::between(const std::string& from,
                                                      const std::string& after) {
  std::vector<ConventionalCommit> out;
  std::vector<std::string> hide;
  if (!after.empty()) hide.push_back(after);
  repo_.walk(from, hide, [&](const git::CommitInfo& c) {
    add(c, out);
    return true;
  });
  return out;
}

bool CommitReader::since(const std::string& from, const std::string& since,
                         std::vector<ConventionalCommit>& out) {
  return repo_.walk_since(from, since, [&](const git::CommitInfo& c) { add(c, out); });
}

SemVer parse_version_flag(const std::string& text) {
  auto v = SemVer::parse(text);
  if (!v && !text.empty() && (text[0] == 'v' || text[0] == 'V')) v = SemVer::parse(text.substr(1));
  if (!v) {
    throw UsageError("--version " + text + " is not a semantic version",
                     "use X.Y.Z or X.Y.Z-PRERELEASE, e.g. --version 1.4.0");
  }
  return *v;
}

}  // namespace relctl::gates::version
