#include "gates/version/next_version.hpp"

#include <algorithm>
#include <utility>

#include "relctl/core/error.hpp"

namespace relctl::gates::version {

namespace {

// Next N for "<core>-<id>.N": one more than the highest that exists, or
// `start` when the line has none yet.
std::uint64_t next_pre_number(const SemVer& core, const std::vector<std::string>& id,
                              const std::vector<SemVer>& existing, std::uint64_t start) {
  std::optional<std::uint64_t> highest;
  for (const auto& v : existing) {
    if (!same_precedence(v.core(), core) || v.pre.size() != id.size() + 1) continue;
    if (!std::equal(id.begin(), id.end(), v.pre.begin())) continue;
    if (auto n = SemVer::parse("0.0." + v.pre.back())) {
      highest = std::max(highest.value_or(0), n->patch);
    }
  }
  return highest ? *highest + 1 : start;
}

const SemVer* highest(const std::vector<SemVer>& all) {
  const SemVer* top = nullptr;
  for (const auto& v : all) {
    if (!top || v > *top) top = &v;
  }
  return top;
}

std::vector<std::string> split_dots(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  for (;;) {
    const size_t dot = s.find('.', start);
    out.push_back(s.substr(start, dot == std::string::npos ? dot : dot - start));
    if (dot == std::string::npos) return out;
    start = dot + 1;
  }
}

// True when `v` is a prerelease of line `id` ("beta": 1.3.0-beta.2).
bool on_line(const SemVer& v, const std::string& id) {
  if (id.empty() || v.pre.empty()) return false;
  const auto parts = split_dots(id);
  return v.pre.size() == parts.size() + 1 && std::equal(parts.begin(), parts.end(), v.pre.begin());
}

// The automatic version: the bump of the commits since the last final
// release, on top of it; a prerelease line above it is continued (its
// final, or its next prerelease), never undercut.
SemVer automatic(const VersionRequest& req, const VersionHistory& hist) {
  // Promoting the newest prerelease (to its final release, or beta -> rc)
  // needs no new commit.
  const bool finalizing_pre =
      hist.newest && hist.newest->is_prerelease() && !on_line(*hist.newest, req.pre);
  if (hist.commits_since_newest == 0 && !finalizing_pre) {
    throw NothingToRelease("nothing to release: no commits since the last release tag",
                           "commit something first, or pass --version X.Y.Z to release anyway");
  }
  // Merges, release commits and changes reverted within the range change nothing.
  if (hist.bump == Bump::none && hist.newest && !finalizing_pre) {
    const auto n = hist.commits_since_newest;
    throw NothingToRelease(
        "nothing to release: " + std::to_string(n) + (n == 1 ? " commit" : " commits") +
            ", none of them releasable (merges, release commits, reverted changes)",
        "commit a change first, or pass a bump or --version X.Y.Z to release anyway");
  }
  SemVer next;
  if (!hist.last_final && hist.declared) {
    // No tag yet: the declared version is the last release.
    next = bump_version(*hist.declared, std::max(hist.bump, Bump::patch), true);
  } else if (!hist.last_final) {
    next = SemVer{0, 1, 0, {}, {}};  // a project's first automatic release
  } else {
    next = bump_version(*hist.last_final, std::max(hist.bump, Bump::patch), true);
  }
  if (hist.newest && hist.newest->is_prerelease() && next < hist.newest->core()) {
    next = hist.newest->core();
  }
  return next;
}

}  // namespace

bool VersionRange::contains(const SemVer& v) const {
  const SemVer c = v.core();
  return c >= min && c < max;
}

std::string VersionRange::str() const {
  return ">=" + min.str() + " <" + max.str();
}

Bump parse_bump(const std::string& text) {
  if (text == "major") return Bump::major;
  if (text == "minor") return Bump::minor;
  if (text == "patch") return Bump::patch;
  throw UsageError("unknown bump '" + text + "'", "use auto, major, minor or patch");
}

SemVer bump_version(const SemVer& base, Bump bump, bool zero_x_rule) {
  SemVer v = base.core();
  if (bump == Bump::major && zero_x_rule && v.major == 0) bump = Bump::minor;
  switch (bump) {
    case Bump::major:
      return {v.major + 1, 0, 0, {}, {}};
    case Bump::minor:
      return {v.major, v.minor + 1, 0, {}, {}};
    case Bump::patch:
      return {v.major, v.minor, v.patch + 1, {}, {}};
    case Bump::none:
      break;
  }
  return v;
}

SemVer next_free_patch(const SemVer& base, const std::vector<SemVer>& existing) {
  SemVer next = bump_version(base, Bump::patch, false);
  auto taken = [&](const SemVer& v) {
    return std::any_of(existing.begin(), existing.end(),
                       [&](const SemVer& e) { return same_precedence(e, v); });
  };
  while (taken(next)) ++next.patch;
  return next;
}

SemVer next_version(const VersionRequest& req, const VersionHistory& hist) {
  SemVer next;
  if (req.explicit_version) {
    next = *req.explicit_version;
  } else if (req.hotfix_from) {
    // A hotfix is the first free patch after the tag it starts from, whatever
    // the commits say (a later patch may have been released and rolled back).
    next = next_free_patch(*req.hotfix_from, hist.existing);
  } else if (req.bump == "auto") {
    next = automatic(req, hist);
  } else {
    const SemVer base = hist.last_final.value_or(hist.declared.value_or(SemVer{}));
    next = bump_version(base, parse_bump(req.bump), false);
  }

  if (!req.pre.empty()) {
    if (next.is_prerelease()) {
      throw UsageError("--pre " + req.pre + " with a prerelease --version " + next.str(),
                       "give --version X.Y.Z with --pre, or the full prerelease without --pre");
    }
    // Counted on the core version: `next` has no prerelease part yet.
    auto id = split_dots(req.pre);
    const auto n = next_pre_number(next, id, hist.existing, req.pre_start);
    next.pre = std::move(id);
    next.pre.push_back(std::to_string(n));
  }

  // A line's range first: on a maintenance branch it says more than "exists".
  if (req.range && !req.range->contains(next)) {
    throw GateError(
        "version " + next.str() + " is outside " + req.range->where + " (" + req.range->str() + ")",
        "on " + req.range->label + " only versions " + req.range->str() +
            " can be released: pass a smaller bump (`relctl code-release patch`) or a "
            "--version inside it, or release from a line that allows " +
            next.core().str());
  }
  for (size_t i = 0; i < hist.existing.size(); ++i) {
    if (!same_precedence(hist.existing[i], next)) continue;
    const std::string tag =
        i < hist.existing_tags.size() ? hist.existing_tags[i] : hist.existing[i].str();
    throw GateError("version " + next.str() + " already exists: tag " + tag + " is here",
                    "release a higher version (--version or a larger bump); if " + tag +
                        " was never pushed and is wrong, delete it: git tag -d " + tag);
  }
  if (req.hotfix_from && next <= *req.hotfix_from) {
    throw GateError("hotfix version " + next.str() + " is not above " + req.hotfix_from->str(),
                    "a hotfix must be higher than the release it fixes");
  }
  if (!req.hotfix_from && hist.newest && next < *hist.newest) {
    throw GateError("version " + next.str() + " goes backwards: " + hist.newest->str() +
                        " is released on this branch (reachable from HEAD)",
                    "pass a version above " + hist.newest->str() +
                        "; to patch an older release, release from a maintenance branch "
                        "(code_release.maintenance_branches) or use --hotfix TAG");
  }
  if (hist.existing.empty() && hist.declared && next < *hist.declared) {
    throw GateError("version " + next.str() + " goes backwards: the version files declare " +
                        hist.declared->str(),
                    "pass a version above " + hist.declared->str());
  }
  return next;
}

std::optional<SemVer> higher_elsewhere(const SemVer& next, const VersionHistory& hist) {
  const SemVer* top = highest(hist.existing);
  if (!top || !(*top > next)) return std::nullopt;
  return *top;
}

}  // namespace relctl::gates::version
