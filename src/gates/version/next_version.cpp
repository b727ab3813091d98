#include "gates/version/next_version.hpp"

#include <algorithm>

#include "relctl/core/error.hpp"

namespace relctl::gates::version {

namespace {

// Next N for "<core>-<id>.N": one more than the highest that exists.
std::uint64_t next_pre_number(const SemVer& core, const std::string& id,
                              const std::vector<SemVer>& existing) {
  std::uint64_t highest = 0;
  for (const auto& v : existing) {
    if (!same_precedence(v.core(), core) || v.pre.size() != 2 || v.pre[0] != id) continue;
    if (auto n = SemVer::parse("0.0." + v.pre[1])) highest = std::max(highest, n->patch);
  }
  return highest + 1;
}

const SemVer* highest(const std::vector<SemVer>& all) {
  const SemVer* top = nullptr;
  for (const auto& v : all) {
    if (!top || v > *top) top = &v;
  }
  return top;
}

}  // namespace

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
    // Promoting the newest prerelease (to its final release, or beta -> rc)
    // needs no new commit.
    const bool finalizing_pre = hist.newest && hist.newest->is_prerelease() &&
                                (req.pre.empty() || hist.newest->pre.front() != req.pre);
    if (hist.commits_since_newest == 0 && !finalizing_pre) {
      throw GateError("nothing to release: no commits since the last release tag",
                      "commit something first, or pass --version X.Y.Z to release anyway");
    }
    if (!hist.last_final && hist.declared) {
      // No tag yet: the declared version is the last release.
      next = bump_version(*hist.declared, std::max(hist.bump, Bump::patch), true);
    } else if (!hist.last_final) {
      next = SemVer{0, 1, 0, {}, {}};  // a project's first automatic release
    } else {
      next = bump_version(*hist.last_final, std::max(hist.bump, Bump::patch), true);
    }
  } else {
    const SemVer base = hist.last_final.value_or(hist.declared.value_or(SemVer{}));
    next = bump_version(base, parse_bump(req.bump), false);
  }

  if (!req.pre.empty()) {
    if (next.is_prerelease()) {
      throw UsageError("--pre " + req.pre + " with a prerelease --version " + next.str(),
                       "give --version X.Y.Z with --pre, or the full prerelease without --pre");
    }
    next.pre = {req.pre, std::to_string(next_pre_number(next, req.pre, hist.existing))};
  }

  for (size_t i = 0; i < hist.existing.size(); ++i) {
    if (!same_precedence(hist.existing[i], next)) continue;
    const std::string tag =
        i < hist.existing_tags.size() ? hist.existing_tags[i] : hist.existing[i].str();
    throw GateError("version " + next.str() + " already exists: tag " + tag + " is here",
                    "release a higher version (--version or a larger bump); if " + tag +
                        " was never pushed and is wrong, delete it: git tag -d " + tag);
  }
  if (req.hotfix_from) {
    if (next <= *req.hotfix_from) {
      throw GateError("hotfix version " + next.str() + " is not above " + req.hotfix_from->str(),
                      "a hotfix must be higher than the release it fixes");
    }
  } else if (const SemVer* top = highest(hist.existing); top && next < *top) {
    throw GateError(
        "version " + next.str() + " goes backwards: " + top->str() + " exists",
        "pass a version above " + top->str() + ", or use --hotfix TAG to patch an older release");
  } else if (hist.existing.empty() && hist.declared && next < *hist.declared) {
    throw GateError("version " + next.str() + " goes backwards: the version files declare " +
                        hist.declared->str(),
                    "pass a version above " + hist.declared->str());
  }
  return next;
}

}  // namespace relctl::gates::version
